// Validates rendered Kubernetes manifests offline against the OpenAPI schemas of a Kubernetes release, as shipped
// (compiled to JSON-schema validators) by the npm package kubernetes-models (see its package.json for the release),
// plus the prometheus-operator CRD schemas of @kubernetes-models/prometheus-operator.
//
// Two checks per object, like kubeconform -strict:
//   1. the schema validator: types, required fields, enums, formats;
//   2. unknown fields: every key must be a property of the object's API type. The OpenAPI schemas leave
//      additionalProperties open, so a misspelt field (resource: for resources:) would otherwise pass and be
//      dropped silently by the API server. The property lists come from the same package's type declarations.
// Also: every document parses, has apiVersion/kind/metadata.name, and no kind/name appears twice.
//
// Usage: node validate-k8s.mjs <tools dir with node_modules> <manifest.yaml>...
// Exit status 1 and one line per problem when anything is invalid.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, ...files] = process.argv.slice(2);
if (!toolsDir || files.length === 0) {
  console.error("usage: validate-k8s.mjs <tools dir> <manifest.yaml>...");
  process.exit(2);
}
const modules = path.join(toolsDir, "node_modules");
const { parseAllDocuments } = await import(pathToFileURL(path.join(modules, "yaml", "dist", "index.js")).href);

const CRD_PACKAGES = { "monitoring.coreos.com": "@kubernetes-models/prometheus-operator" };
// API versions Kubernetes no longer serves (removed in 1.16-1.32). kubernetes-models still ships some of their types.
const REMOVED = new Set(["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2", "policy/v1beta1",
  "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1beta1", "networking.k8s.io/v1beta1",
  "rbac.authorization.k8s.io/v1beta1", "storage.k8s.io/v1beta1", "scheduling.k8s.io/v1beta1",
  "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3",
  "discovery.k8s.io/v1beta1", "events.k8s.io/v1beta1", "node.k8s.io/v1beta1", "admissionregistration.k8s.io/v1beta1"]);

function typeFile(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = CRD_PACKAGES[group] ?? "kubernetes-models";
  const dir = group === "" ? version : `${group}/${version}`;
  return path.join(modules, pkg, dir, kind);
}

// ---- property lists from the type declarations (.d.ts) ----
const interfaces = new Map(); // .d.ts path -> {props: Map(name -> type text), open: boolean} | null

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function parseDts(file) {
  if (interfaces.has(file)) return interfaces.get(file);
  let result = null;
  if (fs.existsSync(file)) {
    const text = stripComments(fs.readFileSync(file, "utf8"));
    const imports = new Map();
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
      for (const name of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
        imports.set(name.split(/\s+as\s+/).pop(), m[2]);
      }
    }
    const start = text.search(/export interface I\w+(?:\s+extends[^{]*)?\s*\{/);
    if (start >= 0) {
      const open = text.indexOf("{", start);
      let depth = 0, i = open, body = "";
      for (; i < text.length; i++) {
        if (text[i] === "{") depth++;
        if (text[i] === "}") depth--;
        if (depth === 0) break;
      }
      body = text.slice(open + 1, i);
      const props = new Map();
      let isOpen = false, d = 0, entry = "";
      for (const ch of body) {
        if (ch === "{" || ch === "<" || ch === "(") d++;
        if (ch === "}" || ch === ">" || ch === ")") d--;
        if (ch === ";" && d === 0) {
          const e = entry.trim();
          const m = e.match(/^"([^"]+)"\??\s*:\s*([\s\S]*)$/) || e.match(/^([A-Za-z_$][\w$]*)\??\s*:\s*([\s\S]*)$/);
          if (m) props.set(m[1], m[2].trim());
          else if (/^\[\s*\w+\s*:\s*string\s*\]/.test(e)) isOpen = true;
          entry = "";
        } else {
          entry += ch;
        }
      }
      // Interfaces that extend others (the prometheus-operator's Endpoint extends its HTTP config) have their
      // parents' fields too; nested types of inherited fields are left to the schema validator.
      const parents = (text.slice(start, open).match(/extends\s+([^{]*)/) || [null, ""])[1]
        .split(",").map((s) => s.trim()).filter((name) => imports.has(name));
      for (const parent of parents) {
        const inherited = parseDts(resolveImport(file, imports.get(parent)));
        if (inherited) {
          for (const [key, type] of inherited.props) if (!props.has(key)) props.set(key, type);
          isOpen = isOpen || inherited.open;
        }
      }
      result = { props, open: isOpen, imports, file };
    }
  }
  interfaces.set(file, result);
  return result;
}

function resolveImport(fromFile, spec) {
  const target = spec.startsWith(".") ? path.resolve(path.dirname(fromFile), spec) : path.join(modules, spec);
  return target.replace(/\.js$/, "") + ".d.ts";
}

// Walks value against a type expression written in the .d.ts of owner; reports unknown keys.
function walkType(typeText, owner, value, where, problems) {
  if (value === null || value === undefined) return;
  let t = typeText.trim();
  let m;
  if ((m = t.match(/^Array<([\s\S]+)>$/))) {
    if (Array.isArray(value)) value.forEach((v, i) => walkType(m[1], owner, v, `${where}[${i}]`, problems));
    return;
  }
  if ((m = t.match(/^\{\s*\[\s*\w+\s*:\s*string\s*\]\s*:\s*([\s\S]+?);?\s*\}$/))) {
    if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walkType(m[1], owner, v, `${where}.${k}`, problems);
    return;
  }
  if (/^I\w+$/.test(t) && owner.imports.has(t)) {
    const decl = parseDts(resolveImport(owner.file, owner.imports.get(t)));
    if (decl) walkObject(decl, value, where, problems);
  }
  // Primitives, literal unions, IntOrString/Quantity aliases: the schema validator checks those.
}

function walkObject(decl, value, where, problems) {
  if (!value || typeof value !== "object" || Array.isArray(value) || decl.open) return;
  for (const [key, v] of Object.entries(value)) {
    if (!decl.props.has(key)) {
      problems.push(`${where}: unknown field "${key}"`);
      continue;
    }
    walkType(decl.props.get(key), decl, v, `${where}.${key}`, problems);
  }
}

// ---- main ----
let failures = 0, objects = 0;
for (const file of files) {
  const seen = new Set();
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    objects++;
    const id = `${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
    const problems = [];
    if (!obj.apiVersion || !obj.kind) problems.push("apiVersion and kind are required");
    if (!obj.metadata?.name) problems.push("metadata.name is required");
    if (seen.has(`${obj.apiVersion} ${id} ${obj.metadata?.namespace ?? ""}`)) problems.push("defined twice");
    seen.add(`${obj.apiVersion} ${id} ${obj.metadata?.namespace ?? ""}`);
    if (REMOVED.has(obj.apiVersion)) problems.push(`${obj.apiVersion} is no longer served by Kubernetes`);
    else if (obj.apiVersion && obj.kind) {
      const base = typeFile(obj.apiVersion, obj.kind);
      if (!fs.existsSync(base + ".js")) {
        problems.push(`no schema for ${obj.apiVersion} ${obj.kind} (removed or unknown API version?)`);
      } else {
        const mod = await import(pathToFileURL(base + ".js").href);
        const Model = mod[obj.kind];
        try {
          new Model(obj).validate();
        } catch (e) {
          const errors = e.errors ?? [{ instancePath: "", message: e.message }];
          for (const err of errors) {
            const detail = err.params?.missingProperty ? ` (${err.params.missingProperty})`
              : err.params?.allowedValues ? ` (${err.params.allowedValues.join(", ")})` : "";
            problems.push(`${err.instancePath || "/"} ${err.message}${detail}`);
          }
        }
        const decl = parseDts(base + ".d.ts");
        if (!decl) problems.push(`no type declaration for ${obj.apiVersion} ${obj.kind}`);
        else walkObject(decl, obj, "", problems);
      }
    }
    for (const p of problems) console.error(`${file}: ${obj.apiVersion ?? "?"} ${id}: ${p}`);
    if (problems.length) failures++;
  }
}
const release = JSON.parse(fs.readFileSync(path.join(modules, "kubernetes-models", "package.json"), "utf8")).version;
if (failures) {
  console.error(`kubernetes schemas (kubernetes-models ${release}): ${failures} of ${objects} objects invalid`);
  process.exit(1);
}
console.log(`kubernetes schemas (kubernetes-models ${release}): ${objects} objects valid in ${files.length} file(s)`);
