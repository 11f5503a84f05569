// Runs calculate actions of a fillable bilan (compose/calculate) as a reader
// does: `this` the document, whose getField(name).valueAsString is what the
// person typed; prints event.value, one line per case.
// Usage: node calculate.mjs CASES.json
// CASES.json: [{"script": "...", "fields": {"name": "typed text", ...}}, ...]
import fs from "node:fs";

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = [];
for (const c of cases) {
  const doc = { getField: (name) => (name in c.fields ? { valueAsString: c.fields[name] } : null) };
  const event = { value: null };
  new Function("event", c.script).call(doc, event);
  out.push(JSON.stringify(event.value));
}
process.stdout.write(out.join("\n") + "\n");
