// Generates scripts/sdk/src/generated/ from the repository (run by `make schema`; `make test`
// regenerates and fails on any difference):
//   - <Contract>.types.ts, .client.ts, .message-composer.ts for every schema/<contract>/ with
//     @cosmwasm/ts-codegen (CosmJS output; its CLI is interactive, so its API is called here);
//   - errors.ts: the error catalogue, read from the contracts' thiserror enums (every
//     `#[error("…")]` of contracts/*/src/error.rs and packages/harbour-types/src/*.rs).
import { readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import codegenModule from "@cosmwasm/ts-codegen";
import type { ErrorTemplate } from "./src/errors";
import type { ReasonEntry } from "./src/eligibility";

// a CommonJS package: under ESM its default export arrives wrapped once more
const codegen: typeof codegenModule =
  (codegenModule as unknown as { default?: typeof codegenModule }).default ?? codegenModule;

const root = resolve(import.meta.dirname, "../..");
const out = resolve(import.meta.dirname, "src/generated");

const pascal = (s: string) => s.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join("");

async function clients(): Promise<string[]> {
  const names = readdirSync(join(root, "schema")).filter((d) => existsSync(join(root, "schema", d, `${d}.json`))).sort();
  rmSync(out, { recursive: true, force: true });
  await codegen({
    contracts: names.map((n) => ({ name: pascal(n), dir: join(root, "schema", n) })),
    outPath: out,
    options: {
      bundle: { enabled: false },
      types: { enabled: true },
      client: { enabled: true, execExtendsQuery: false },
      messageComposer: { enabled: true },
      reactQuery: { enabled: false },
      recoil: { enabled: false },
      messageBuilder: { enabled: false },
    },
  });
  return names;
}

// ---------------------------------------------------------------- error catalogue

function unescapeRust(s: string): string {
  return s.replace(/\\(["\\nt])/g, (_, c) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

function fieldTypes(decl: string | undefined): { names: string[]; types: Record<string, string> } {
  if (!decl) return { names: [], types: {} };
  const inner = decl.slice(1, -1).replace(/#\[[^\]]*\]/g, " ");
  const typeName = (t: string) => t.trim().replace(/^.*::/, "").replace(/<.*$/, "").trim();
  if (decl.startsWith("(")) {
    return { names: ["0"], types: { "0": typeName(inner) } };
  }
  const names: string[] = [];
  const types: Record<string, string> = {};
  for (const part of inner.split(/,(?![^<]*>)/)) {
    const m = /^\s*(?:pub\s+)?(\w+)\s*:\s*(.+)$/s.exec(part);
    if (m) {
      names.push(m[1]);
      types[m[1]] = typeName(m[2]);
    }
  }
  return { names, types };
}

function templateFields(template: string, args: string | undefined): string[] {
  const fields: string[] = [];
  const extra = (args ?? "").split(",").map((a) => /\.(\w+)/.exec(a)?.[1] ?? a.trim()).filter(Boolean);
  let positional = 0;
  for (const m of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1].split(":")[0];
    fields.push(name === "" ? (extra[positional++] ?? `${positional - 1}`) : name);
  }
  return fields;
}

function parseErrors(crate: string, text: string): ErrorTemplate[] {
  const found: ErrorTemplate[] = [];
  const str = String.raw`"(?:[^"\\]|\\.)*"`;
  // enums
  const enumRe = /#\[derive\([^)]*\bError\b[^)]*\)\]\s*(?:#\[[^\]]*\]\s*|\/\/\/[^\n]*\n\s*)*pub enum (\w+)\s*\{/g;
  for (const em of text.matchAll(enumRe)) {
    const type = em[1];
    let depth = 1;
    let i = (em.index ?? 0) + em[0].length;
    const start = i;
    while (depth > 0 && i < text.length) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
      i++;
    }
    const body = text.slice(start, i - 1);
    const variantRe = new RegExp(
      String.raw`#\[error\((transparent|(${str})\s*(?:,\s*([^\]]*))?)\)\]\s*(?:#\[[^\]]*\]\s*|\/\/\/[^\n]*\n\s*)*(\w+)\s*(\{[^}]*\}|\([^)]*\))?`,
      "g",
    );
    for (const vm of body.matchAll(variantRe)) {
      const transparent = vm[1] === "transparent";
      const template = transparent ? "{0}" : unescapeRust(vm[2].slice(1, -1));
      const { names, types } = fieldTypes(vm[5]);
      const fields = transparent ? ["0"] : templateFields(template, vm[3]);
      const nested: Record<string, string> = {};
      for (const f of fields) if (types[f] && /Error$/.test(types[f])) nested[f] = types[f];
      if (transparent && names.length === 1) nested["0"] = types[names[0]];
      found.push({ crate, type, code: vm[4], template, fields, nested, transparent });
    }
  }
  // structs
  const structRe = new RegExp(
    String.raw`#\[derive\([^)]*\bError\b[^)]*\)\]\s*#\[error\((${str})\s*(?:,\s*([^\]]*))?\)\]\s*pub struct (\w+)`,
    "g",
  );
  for (const sm of text.matchAll(structRe)) {
    const template = unescapeRust(sm[1].slice(1, -1));
    found.push({ crate, type: sm[3], code: sm[3], template, fields: templateFields(template, sm[2]), nested: {}, transparent: false });
  }
  return found;
}

function errorCatalogue(): ErrorTemplate[] {
  const all: ErrorTemplate[] = [];
  for (const c of readdirSync(join(root, "contracts")).sort()) {
    const file = join(root, "contracts", c, "src", "error.rs");
    if (existsSync(file)) all.push(...parseErrors(c, readFileSync(file, "utf8")));
  }
  const types = join(root, "packages", "harbour-types", "src");
  for (const f of readdirSync(types).filter((f) => f.endsWith(".rs")).sort()) {
    all.push(...parseErrors("harbour-types", readFileSync(join(types, f), "utf8")));
  }
  return all;
}

/** The compliance reason codes of harbour_types::compliance::ReasonCode, with their doc comments. */
function reasonCodes(): ReasonEntry[] {
  const text = readFileSync(join(root, "packages", "harbour-types", "src", "compliance.rs"), "utf8");
  const body = /pub enum ReasonCode \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? "";
  const numbers = new Map<string, number>();
  for (const m of text.matchAll(/ReasonCode::(\w+) => (\d+),/g)) numbers.set(m[1], Number(m[2]));
  const out: ReasonEntry[] = [];
  let doc: string[] = [];
  for (const line of body.split("\n").map((l) => l.trim())) {
    if (line.startsWith("///")) doc.push(line.slice(3).trim());
    else if (/^\w+,$/.test(line)) {
      const name = line.slice(0, -1);
      const spelled = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      const words = doc.length ? doc.join(" ").replace(/\.$/, "") : spelled[0].toUpperCase() + spelled.slice(1);
      const code = name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
      out.push({ code, number: numbers.get(name) ?? 0, words });
      doc = [];
    } else if (!line.startsWith("//")) doc = [];
  }
  if (out.length === 0 || out.some((r) => r.number === 0)) throw new Error("could not read ReasonCode from compliance.rs");
  return out;
}

const header = "// Generated by scripts/sdk/codegen.ts from the contracts' error types: do not edit (`make schema`).\n";

async function main() {
  const names = await clients();
  const catalogue = errorCatalogue();
  writeFileSync(
    join(out, "errors.ts"),
    header +
      'import type { ErrorTemplate } from "../errors";\n\n' +
      `export const CONTRACTS = ${JSON.stringify(names)} as const;\n\n` +
      `export const ERROR_TEMPLATES: ErrorTemplate[] = ${JSON.stringify(catalogue, null, 1)};\n`,
  );
  const reasons = reasonCodes();
  writeFileSync(
    join(out, "reasons.ts"),
    header.replace("error types", "compliance reason codes (harbour_types::compliance)") +
      'import type { ReasonEntry } from "../eligibility";\n\n' +
      `export const REASONS: ReasonEntry[] = ${JSON.stringify(reasons, null, 1)};\n`,
  );
  console.log(`generated clients for ${names.join(", ")} and ${catalogue.length} error templates in ${out}`);
}

await main();
