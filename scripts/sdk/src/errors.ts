// The error catalogue: wasmd hands a client only the contract error's text, wrapped in its own
// prefixes and suffixes ("failed to execute message; message index: 0: …: execute wasm contract
// failed", "rpc error: code = Unknown desc = …", sub-message "dispatch: submessages: …"). This
// module unwraps that text and matches it against every `#[error("…")]` template of the
// contracts (generated into ./generated/errors.ts by codegen.ts), giving back the contract's typed
// error: its code (the Rust variant), its fields, the nested error it wraps, and the words.
import { CONTRACTS, ERROR_TEMPLATES } from "./generated/errors";

/** One `#[error("…")]` of a contract's (or harbour-types') thiserror type. */
export interface ErrorTemplate {
  /** Crate whose source declares it: a contract name, or harbour-types for shared errors. */
  crate: string;
  /** The Rust error type (enum or struct). */
  type: string;
  /** The variant (the error's code); the type name for a struct. */
  code: string;
  /** The thiserror format string, with `{field}` placeholders. */
  template: string;
  /** Placeholder names in order of appearance (`0` for a tuple variant's field). */
  fields: string[];
  /** Field -> the error type it holds (`#[from]` wrappers), for nested parsing. */
  nested: Record<string, string>;
  /** `#[error(transparent)]`: the text is the wrapped error's. */
  transparent: boolean;
}

export type ContractName = (typeof CONTRACTS)[number];

/** The multisig an owner role is held by (cw3-fixed-multisig). */
export const MULTISIG = "cw3-fixed-multisig";

/** Errors of the libraries the contracts wrap transparently (cosmwasm-std, cw-ownable, cw-utils). */
const LIBRARY_TEMPLATES: ErrorTemplate[] = [
  ["StdError", "GenericErr", "Generic error: {msg}"],
  ["StdError", "ParseErr", "Error parsing into type {target_type}: {msg}"],
  ["StdError", "SerializeErr", "Error serializing type {source_type}: {msg}"],
  ["StdError", "NotFound", "{kind} not found"],
  ["StdError", "InvalidBase64", "Invalid Base64 string: {msg}"],
  ["StdError", "InvalidHex", "Invalid hex string: {msg}"],
  ["StdError", "InvalidDataSize", "Invalid data size: expected={expected} actual={actual}"],
  ["StdError", "Overflow", "Overflow: {source}"],
  ["StdError", "DivideByZero", "Divide by zero: {source}"],
  ["OwnershipError", "NoOwner", "Contract ownership has been renounced"],
  ["OwnershipError", "NotOwner", "Caller is not the contract's current owner"],
  ["OwnershipError", "NotPendingOwner", "Caller is not the contract's pending owner"],
  ["OwnershipError", "TransferNotFound", "There isn't a pending ownership transfer"],
  ["OwnershipError", "TransferExpired", "A pending ownership transfer exists but it has expired"],
  ["PaymentError", "NonPayable", "This message does no accept funds"],
  ["PaymentError", "NoFunds", "No funds sent"],
  ["PaymentError", "MultipleDenoms", "Sent more than one denomination"],
].map(([type, code, template]) => ({
  crate: "library",
  type,
  code,
  template,
  fields: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
  nested: {},
  transparent: false,
}));

/** cw3-fixed-multisig 2.0's own errors: owner commands sent through a multisig (`--via`). */
const MULTISIG_TEMPLATES: ErrorTemplate[] = [
  ["ZeroWeight", "Required weight cannot be zero"],
  ["UnreachableWeight", "Not possible to reach required (passing) weight"],
  ["NoVoters", "No voters"],
  ["Unauthorized", "Unauthorized"],
  ["NotOpen", "Proposal is not open"],
  ["Expired", "Proposal voting period has expired"],
  ["NotExpired", "Proposal must expire before you can close it"],
  ["WrongExpiration", "Wrong expiration option"],
  ["AlreadyVoted", "Already voted on this proposal"],
  ["WrongExecuteStatus", "Proposal must have passed and not yet been executed"],
  ["WrongCloseStatus", "Cannot close completed or passed proposals"],
].map(([code, template]) => ({ crate: MULTISIG, type: "ContractError", code, template, fields: [], nested: {}, transparent: false }));

const ALL_TEMPLATES = [...ERROR_TEMPLATES, ...LIBRARY_TEMPLATES, ...MULTISIG_TEMPLATES];

/** A contract's typed error, parsed back from the text a chain returned. */
export class HarbourError extends Error {
  constructor(
    /** The contract whose catalogue matched (as the client named it, or found by search). */
    readonly contract: string,
    /** The Rust variant: `Unauthorized`, `Compliance`, `Hold`, ... */
    readonly code: string,
    /** The error's fields as the text gave them. */
    readonly fields: Record<string, string>,
    /** The contract's own words. */
    readonly words: string,
    /** The error this one wraps (`hold: …`, `reserves: …`), parsed the same way. */
    readonly inner: HarbourError | undefined,
    /** The chain's full text. */
    readonly raw: string,
    /**
     * How deep in a call chain the failing contract sat: 0 for the contract the transaction
     * called, 1 for a contract it called in a sub-message (`dispatch: submessages: …`), and so on.
     */
    readonly depth: number = 0,
  ) {
    super(`${contract}: ${words} [${[code, ...(inner ? inner.path() : [])].join(" > ")}]`);
    this.name = "HarbourError";
  }

  /** Codes from this error to the innermost (`["Hold", "NotHeld"]`). */
  path(): string[] {
    return [this.code, ...(this.inner ? this.inner.path() : [])];
  }
}

/** A chain-level failure (not a contract's): wrong sequence, out of gas, insufficient fee, ... */
export class ChainError extends Error {
  constructor(
    readonly code: number | undefined,
    readonly words: string,
    readonly raw: string,
  ) {
    super(code === undefined ? words : `chain error ${code}: ${words}`);
    this.name = "ChainError";
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface Compiled {
  t: ErrorTemplate;
  re: RegExp;
  literal: number;
}

const compiled = new Map<string, Compiled[]>();

function templatesOf(crate: string, type: string): Compiled[] {
  const key = `${crate}/${type}`;
  let list = compiled.get(key);
  if (!list) {
    list = ALL_TEMPLATES.filter((t) => t.crate === crate && t.type === type)
      .map((t) => {
        const parts = t.template.split(/\{[^{}]*\}/);
        const re = new RegExp("^" + parts.map(escape).join("([\\s\\S]+?)") + "$");
        return { t, re, literal: parts.join("").length };
      })
      // the most specific template first: a bare "{0}" matches anything
      .sort((a, b) => b.literal - a.literal);
    compiled.set(key, list);
  }
  return list;
}

/** Where a wrapped type is declared: the contract itself, then harbour-types, then the libraries. */
function cratesFor(contract: string): string[] {
  return [contract, "harbour-types", "library"];
}

function matchType(contract: string, crate: string, type: string, text: string, raw: string, depth: number): HarbourError | undefined {
  for (const { t, re } of templatesOf(crate, type)) {
    const m = re.exec(text);
    if (!m) continue;
    const fields: Record<string, string> = {};
    t.fields.forEach((f, i) => (fields[f] = m[i + 1]));
    let inner: HarbourError | undefined;
    for (const [field, innerType] of Object.entries(t.nested)) {
      const value = fields[field];
      if (value === undefined) continue;
      for (const c of cratesFor(contract)) {
        inner = matchType(contract, c, innerType, value, raw, depth);
        if (inner) break;
      }
    }
    if (t.transparent) {
      if (inner) return inner;
      continue;
    }
    return new HarbourError(contract, t.code, fields, text, inner, raw, depth);
  }
  return undefined;
}

/**
 * The contract's own text inside a chain error, and how many sub-message levels deep it failed:
 * strips CosmJS's and wasmd's wrappers (broadcast and simulation errors, source locations, gas
 * notes) and counts the `dispatch: submessages: ` prefixes wasmd puts before a called contract's
 * error (they say which contract of a call chain refused).
 */
export function unwrapContractText(raw: string): { text: string; depth: number } | undefined {
  let s = raw;
  const idx = s.lastIndexOf("message index: ");
  if (idx >= 0) s = s.slice(idx).replace(/^message index: \d+: /, "");
  else if (/wasm contract failed/.test(s)) s = s.replace(/^[\s\S]*?rpc error: code = \w+ desc = /, "");
  else return undefined;
  s = s.replace(/ With gas wanted: '\d+' and gas used: '\d+' ?: unknown request$/, "");
  s = s.replace(/: unknown request$/, "");
  s = s.replace(/ \[[^\]]*\.go:\d+\]/g, "");
  let depth = 0;
  for (;;) {
    const before = s;
    if (s.startsWith("dispatch: submessages: ")) {
      s = s.slice("dispatch: submessages: ".length);
      depth++;
    }
    s = s.replace(/: (execute|instantiate|query|migrate|reply|sudo) wasm contract failed$/, "");
    if (s === before) break;
  }
  return { text: s.trim(), depth };
}

/** The contract's own text inside a chain error (see {@link unwrapContractText}). */
export function contractText(raw: string): string | undefined {
  return unwrapContractText(raw)?.text;
}

/**
 * The typed error in a failure from CosmJS (a thrown Error or its message), or undefined when the
 * text is not a contract error. `contract` narrows the search to one contract's catalogue (the
 * client knows which contract it called); without it every contract is tried. For a call chain,
 * give the contracts in call order (`["hkd-stablecoin", "fund-token"]` for a CW20 Send whose hook
 * the fund runs): the sub-message depth of the failure chooses whose catalogue applies, so an
 * error is never attributed to the wrong contract because its text also fits another's template.
 */
export function parseContractError(error: unknown, contract?: string | readonly string[]): HarbourError | undefined {
  const raw = error instanceof Error ? error.message : String(error);
  const unwrapped = unwrapContractText(raw);
  if (unwrapped === undefined) return undefined;
  const { text, depth } = unwrapped;
  const chain = typeof contract === "string" ? [contract] : contract;
  // the contract at that depth; past the chain's end (or without one), any contract may have failed
  const at = chain && depth < chain.length ? chain[depth] : undefined;
  // a multisig's proposal fails with the error of the contract it called: try them all after it
  const candidates = at === MULTISIG || !at ? [MULTISIG, ...CONTRACTS] : [at];
  for (const c of candidates) {
    const found = matchType(c, c, "ContractError", text, raw, depth);
    if (found) return found;
  }
  return undefined;
}

/** A contract error, a chain error, or the original error, for printing in plain words. */
export function explain(error: unknown, contract?: string | readonly string[]): HarbourError | ChainError | Error {
  const typed = parseContractError(error, contract);
  if (typed) return typed;
  const raw = error instanceof Error ? error.message : String(error);
  const deliver = /Code: (\d+); Raw log: ([\s\S]*)$/.exec(raw);
  if (deliver) return new ChainError(Number(deliver[1]), deliver[2], raw);
  const query = /Query failed with \((\d+)\): (?:rpc error: code = \w+ desc = )?([\s\S]*?)(?:: unknown request)?$/.exec(raw);
  if (query) return new ChainError(Number(query[1]), query[2], raw);
  const broadcast = /Broadcasting transaction failed with code (\d+) \(codespace: (\w+)\)\. Log: ([\s\S]*)$/.exec(raw);
  if (broadcast) return new ChainError(Number(broadcast[1]), broadcast[3], raw);
  return error instanceof Error ? error : new Error(raw);
}
