// Validates a docker-compose file offline: against the Compose Specification's JSON schema (the copy the npm package
// dclint ships, schemas/compose.schema.json), then the cross-references no schema can see: depends_on targets exist,
// service_healthy targets have a health check, bind-mounted files and Dockerfiles exist, named volumes are declared,
// Prometheus scrapes existing services, Grafana's dashboards use the provisioned datasource.
//
// Usage: node validate-compose.mjs <tools dir with node_modules> <compose file> [--schema-only]
// Exit status 1 and one line per problem when anything is invalid.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [toolsDir, composeFile, mode] = process.argv.slice(2);
if (!toolsDir || !composeFile) {
  console.error("usage: validate-compose.mjs <tools dir> <compose file> [--schema-only]");
  process.exit(2);
}
const modules = path.join(toolsDir, "node_modules");
const require = createRequire(path.join(modules, "noop.js"));
const Ajv = require("ajv").default;
const YAML = await import(pathToFileURL(path.join(modules, "yaml", "dist", "index.js")).href);

const schemaFile = path.join(modules, "dclint", "schemas", "compose.schema.json");
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
// The schema is draft-07 (Ajv's default dialect) but names it by an https URL Ajv does not know.
delete schema.$schema;
const problems = [];

const doc = YAML.parseDocument(fs.readFileSync(composeFile, "utf8"), { merge: true });
if (doc.errors.length) {
  for (const e of doc.errors) problems.push(`YAML: ${e.message}`);
}
const compose = doc.toJS({ maxAliasCount: 100 }) ?? {};

// The spec's own formats: durations such as 10s or 1m30s; ports and expose are checked by the spec's patterns/types.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat("duration", /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat("ports", true);
ajv.addFormat("expose", true);
const validate = ajv.compile(schema);
if (!validate(compose)) {
  for (const e of validate.errors) {
    const detail = e.params?.additionalProperty ? ` (${e.params.additionalProperty})`
      : e.params?.allowedValues ? ` (${e.params.allowedValues.join(", ")})` : "";
    problems.push(`schema: ${e.instancePath || "/"} ${e.message}${detail}`);
  }
}

if (mode !== "--schema-only") {
  const base = path.dirname(path.resolve(composeFile));
  const services = compose.services ?? {};
  const volumes = new Set(Object.keys(compose.volumes ?? {}));
  for (const [name, svc] of Object.entries(services)) {
    const deps = Array.isArray(svc.depends_on) ? Object.fromEntries(svc.depends_on.map((d) => [d, {}])) : svc.depends_on ?? {};
    for (const [dep, cond] of Object.entries(deps)) {
      if (!services[dep]) problems.push(`${name}: depends_on unknown service ${dep}`);
      else if (cond.condition === "service_healthy" && !services[dep].healthcheck)
        problems.push(`${name}: waits for ${dep} to be healthy, but ${dep} has no healthcheck in this file`);
    }
    if (svc.build) {
      const context = path.resolve(base, typeof svc.build === "string" ? svc.build : svc.build.context ?? ".");
      const dockerfile = path.resolve(context, svc.build.dockerfile ?? "Dockerfile");
      if (!fs.existsSync(dockerfile)) problems.push(`${name}: Dockerfile ${path.relative(base, dockerfile)} does not exist`);
    }
    if (!svc.image && !svc.build) problems.push(`${name}: neither image nor build`);
    for (const v of svc.volumes ?? []) {
      const source = typeof v === "string" ? v.split(":")[0] : v.source;
      if (!source) continue;
      if (source.startsWith(".") || source.startsWith("/")) {
        if (!fs.existsSync(path.resolve(base, source))) problems.push(`${name}: bind mount source ${source} does not exist`);
      } else if (!volumes.has(source)) {
        problems.push(`${name}: volume ${source} is not declared under volumes:`);
      }
    }
  }

  // Prometheus: every scrape target host is a compose service (or Prometheus itself).
  const promMount = (services.prometheus?.volumes ?? []).map((v) => (typeof v === "string" ? v.split(":")[0] : v.source))
    .find((s) => s.endsWith("prometheus.yml"));
  if (promMount) {
    const prom = YAML.parse(fs.readFileSync(path.resolve(base, promMount), "utf8"));
    for (const job of prom.scrape_configs ?? []) {
      for (const sc of job.static_configs ?? []) {
        for (const target of sc.targets ?? []) {
          const host = target.split(":")[0];
          if (host !== "localhost" && !services[host]) problems.push(`prometheus job ${job.job_name}: target ${target} is no compose service`);
          const port = Number(target.split(":")[1]);
          if (services[host] && !String(JSON.stringify(services[host].healthcheck ?? "")).includes(`:${port}/`) && host !== "localhost")
            problems.push(`prometheus job ${job.job_name}: ${host} is not checked on port ${port}`);
        }
      }
    }
  }

  // Grafana: provisioned datasource uids; every dashboard's panels use one of them and parse as JSON.
  const grafanaMounts = (services.grafana?.volumes ?? []).map((v) => (typeof v === "string" ? v.split(":") : [v.source, v.target]));
  const provisioning = grafanaMounts.find(([, target]) => target === "/etc/grafana/provisioning");
  const dashboards = grafanaMounts.find(([, target]) => target?.startsWith("/var/lib/grafana/dashboards"));
  if (provisioning && dashboards) {
    const dsDir = path.resolve(base, provisioning[0], "datasources");
    const uids = new Set();
    for (const f of fs.readdirSync(dsDir)) {
      for (const ds of YAML.parse(fs.readFileSync(path.join(dsDir, f), "utf8")).datasources ?? []) uids.add(ds.uid);
    }
    const dashDir = path.resolve(base, dashboards[0]);
    for (const f of fs.readdirSync(dashDir).filter((f) => f.endsWith(".json"))) {
      let dash;
      try {
        dash = JSON.parse(fs.readFileSync(path.join(dashDir, f), "utf8"));
      } catch (e) {
        problems.push(`dashboard ${f}: ${e.message}`);
        continue;
      }
      // A dashboard may pick its datasource with a "datasource" variable (the chart's dashboards do): Grafana
      // then uses the default one, which must be a provisioned Prometheus.
      const dsVariables = new Set((dash.templating?.list ?? []).filter((v) => v.type === "datasource" && v.query === "prometheus")
        .map((v) => "${" + v.name + "}"));
      for (const panel of dash.panels ?? []) {
        if (panel.type === "row") continue;
        if (!uids.has(panel.datasource?.uid) && !dsVariables.has(panel.datasource?.uid)) problems.push(`dashboard ${f}: panel "${panel.title}" uses datasource ${panel.datasource?.uid}, not a provisioned one`);
        if (!(panel.targets ?? []).every((t) => typeof t.expr === "string" && t.expr.length > 0)) problems.push(`dashboard ${f}: panel "${panel.title}" has an empty query`);
      }
    }
  } else {
    problems.push("grafana: provisioning or dashboards mount not found");
  }
}

const label = `compose spec schema (dclint ${require("dclint/package.json").version})`;
if (problems.length) {
  for (const p of problems) console.error(`${composeFile}: ${p}`);
  console.error(`${label}: ${composeFile} invalid (${problems.length} problem(s))`);
  process.exit(1);
}
console.log(`${label}: ${composeFile} valid, ${Object.keys(compose.services ?? {}).length} services`);
