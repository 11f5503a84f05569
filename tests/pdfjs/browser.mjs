// Fillable bilans in a browser: pdf.js's viewer with scripting (viewer.html)
// in Debian's chromium, driven by puppeteer-core; a person types into fields
// and the test reads what the fields then show (totals computed by the
// form's JavaScript). One browser for every PDF of the run.
// Usage: node browser.mjs STEPS.json
// STEPS.json: [{"pdf": "FILE.pdf", "steps": [
//     {"type": "FIELD", "text": "5"},          // click, replace its text, then Tab
//     {"read": "FIELD", "expect": "443,25"},   // waits up to 5 s for `expect`
//     {"editable": "FIELD"},                   // « modifiable » or « lecture seule »
//     {"save": "OUT.pdf"}]}]                    // the PDF as the viewer saves it
// Prints, per read: the PDF's index, the field, what its input shows (tab-separated).
// Exits 1 on a script error in the page or in the form's JavaScript.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.env.BILAN_CHROMIUM || "/usr/bin/chromium";
const runs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const escape = (s) => String(s ?? "").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

// Serves this folder (the page, node_modules/pdfjs-dist) and the PDFs of the run as /pdf/N.
const types = { ".html": "text/html", ".mjs": "text/javascript", ".css": "text/css", ".pdf": "application/pdf", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (url === "/favicon.ico") {
    res.writeHead(204).end();
    return;
  }
  const pdf = url.match(/^\/pdf\/(\d+)$/);
  const file = pdf ? runs[Number(pdf[1])]?.pdf : path.join(here, path.normalize(url));
  if (!file || (!pdf && !file.startsWith(here + path.sep)) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const errors = [];
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
let status = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 1400 });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  // pdf.js reports an exception of the form's JavaScript on the console.
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  const out = [];
  for (const [index, run] of runs.entries()) {
    await page.goto(`${base}/viewer.html`);
    await page.waitForFunction(() => globalThis.bilanReady === true);
    await page.evaluate((url) => globalThis.bilanOpen(url), `/pdf/${index}`);
    const input = async (name) => {
      const number = await page.evaluate((n) => globalThis.bilanPageOf(n), name);
      if (number === 0) throw new Error(`${run.pdf}: no field ${name}`);
      await page.evaluate((n) => globalThis.bilanShowPage(n), number);
      const selector = `[data-page-number="${number}"] [name="${name.replace(/["\\]/g, "\\$&")}"]`;
      return page.waitForSelector(selector, { timeout: 5000 });
    };
    for (const step of run.steps) {
      if (step.type !== undefined) {
        const el = await input(step.type);
        await el.click();
        await el.evaluate((e) => e.select());
        await page.keyboard.press("Backspace");
        if (step.text) await page.keyboard.type(step.text);
        await page.keyboard.press("Tab");
      } else if (step.read !== undefined) {
        const el = await input(step.read);
        if (step.expect !== undefined)
          await page.waitForFunction((e, want) => e.value === want, { timeout: 5000 }, el, step.expect).catch(() => {});
        const value = await el.evaluate((e) => e.value);
        out.push([index, escape(step.read), escape(value)].join("\t"));
      } else if (step.save !== undefined) {
        // What the viewer saves (its download): the typed values and the computed totals.
        await page.evaluate(() => document.activeElement?.blur());
        const bytes = await page.evaluate(async () => btoa(String.fromCharCode(...(await globalThis.bilanDoc.saveDocument()))));
        fs.writeFileSync(step.save, Buffer.from(bytes, "base64"));
      } else if (step.editable !== undefined) {
        const el = await input(step.editable);
        const editable = await el.evaluate((e) => !e.disabled && !e.readOnly);
        out.push([index, escape(step.editable), editable ? "modifiable" : "lecture seule"].join("\t"));
      } else {
        throw new Error(`unknown step ${JSON.stringify(step)}`);
      }
    }
  }
  process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
} catch (e) {
  errors.push(String(e?.stack ?? e));
} finally {
  await browser.close();
  server.close();
}
if (errors.length) {
  process.stderr.write(errors.join("\n") + "\n");
  status = 1;
}
process.exit(status);
