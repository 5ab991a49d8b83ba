// Writes the rule groups of the PrometheusRule in a rendered chart as a Prometheus rule file, for promtool:
//   node deploy/ci/extract-rules.mjs <tools dir> <rendered manifests> <out.yaml>
// Fails when the manifests hold no PrometheusRule, so a chart that stopped rendering it cannot pass unnoticed.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [tools, manifests, out] = process.argv.slice(2);
const YAML = await import(pathToFileURL(path.join(tools, "node_modules", "yaml", "dist", "index.js")).href);

const rules = YAML.parseAllDocuments(fs.readFileSync(manifests, "utf8")).map((d) => d.toJS())
  .filter((o) => o && o.kind === "PrometheusRule");
if (rules.length !== 1) {
  console.error(`${manifests}: expected one PrometheusRule, found ${rules.length}`);
  process.exit(1);
}
fs.writeFileSync(out, YAML.stringify({ groups: rules[0].spec.groups }));
console.log(`${out}: ${rules[0].spec.groups.reduce((n, g) => n + g.rules.length, 0)} rules`);
