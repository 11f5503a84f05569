// The page tests/pdfjs/browser.mjs drives: pdf.js's PDFViewer with its
// PDFScriptingManager (the JavaScript of the form runs in pdf.js's sandbox),
// as pdf.js's examples/components/simpleviewer sets them up.
import * as pdfjsLib from "/node_modules/pdfjs-dist/build/pdf.mjs";

globalThis.pdfjsLib = pdfjsLib;
pdfjsLib.GlobalWorkerOptions.workerSrc = "/node_modules/pdfjs-dist/build/pdf.worker.mjs";
const { EventBus, PDFLinkService, PDFScriptingManager, PDFViewer } = await import("/node_modules/pdfjs-dist/web/pdf_viewer.mjs");

const eventBus = new EventBus();
const linkService = new PDFLinkService({ eventBus });
const scriptingManager = new PDFScriptingManager({ eventBus, sandboxBundleSrc: "/node_modules/pdfjs-dist/build/pdf.sandbox.mjs" });
const viewer = new PDFViewer({ container: document.getElementById("viewerContainer"), eventBus, linkService, scriptingManager });
linkService.setViewer(viewer);
scriptingManager.setViewer(viewer);

const once = (name, accept = () => true) =>
  new Promise((resolve) => {
    const listener = (event) => {
      if (!accept(event)) return;
      eventBus.off(name, listener);
      resolve(event);
    };
    eventBus.on(name, listener);
  });

// Opens a PDF; resolves when the sandbox runs its scripts and page 1's fields are drawn.
globalThis.bilanOpen = async (url) => {
  const sandbox = once("sandboxcreated");
  const fields = once("annotationlayerrendered", (e) => e.pageNumber === 1);
  const doc = await pdfjsLib.getDocument({ url }).promise;
  viewer.setDocument(doc);
  linkService.setDocument(doc, null);
  await Promise.all([sandbox, fields]);
  globalThis.bilanDoc = doc;
  return doc.numPages;
};

// Shows page `n`; resolves when its fields are in the DOM.
globalThis.bilanShowPage = async (n) => {
  const view = viewer.getPageView(n - 1);
  const drawn = view?.annotationLayer?.div && view.renderingState === 3;
  const fields = drawn ? null : once("annotationlayerrendered", (e) => e.pageNumber === n);
  viewer.currentPageNumber = n;
  viewer.scrollPageIntoView({ pageNumber: n });
  if (fields) await fields;
};
// The page (1-based) of the first widget of field `name`, or 0.
globalThis.bilanPageOf = async (name) => {
  const fields = (await globalThis.bilanDoc.getFieldObjects()) ?? {};
  const widget = (fields[name] ?? []).find((w) => w.rect);
  return widget ? widget.page + 1 : 0;
};
globalThis.bilanReady = true;
