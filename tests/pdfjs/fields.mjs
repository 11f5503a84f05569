// pdf.js (a reader no one here wrote) lists every widget of a PDF's form:
// one line per widget, tab-separated: name, type, page (1-based), rect
// (x1 y1 x2 y2, PDF points), export value (buttons), value, tooltip (the
// widget's /TU, pdf.js's alternativeText, what screen readers say).
// Usage: node fields.mjs FILE.pdf
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const escape = (s) => String(s ?? "").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const fields = (await doc.getFieldObjects()) ?? {};
const tooltips = new Map();
for (let p = 1; p <= doc.numPages; ++p)
  for (const a of await (await doc.getPage(p)).getAnnotations()) tooltips.set(a.id, a.alternativeText);
const out = [];
for (const [name, widgets] of Object.entries(fields)) {
  for (const w of widgets) {
    if (!w.rect) continue; // a parent field: no widget of its own
    const rect = w.rect.map((v) => v.toFixed(2)).join(" ");
    out.push([escape(name), w.type, w.page + 1, rect, escape(w.exportValues), escape(w.value), escape(tooltips.get(w.id))].join("\t"));
  }
}
process.stdout.write(out.join("\n") + "\n");
