// pdf.js types answers into a fillable bilan and saves it, as a person would
// in Firefox: its annotation storage, then saveDocument().
// Usage: node fill.mjs IN.pdf OUT.pdf VALUES.json
// VALUES.json: {"field name": "text" | "on-state of a radio" | true (check box)}
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [input, output, valuesFile] = process.argv.slice(2);
const values = JSON.parse(fs.readFileSync(valuesFile, "utf8"));
const data = new Uint8Array(fs.readFileSync(input));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const fields = (await doc.getFieldObjects()) ?? {};
const storage = doc.annotationStorage;
for (const [name, value] of Object.entries(values)) {
  const widgets = (fields[name] ?? []).filter((w) => w.rect);
  if (widgets.length === 0) throw new Error(`no field ${name}`);
  for (const w of widgets) {
    if (w.type === "radiobutton") storage.setValue(w.id, { value: w.exportValues === value });
    else if (w.type === "checkbox") storage.setValue(w.id, { value: value === true });
    else storage.setValue(w.id, { value });
  }
}
const saved = await doc.saveDocument();
fs.writeFileSync(output, saved);
