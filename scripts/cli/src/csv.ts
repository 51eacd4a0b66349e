// `harbour registry onboard-csv`: batch onboarding from a CSV file. Resumable: what the registry
// already has (the identity; each valid credential) is skipped, so a run interrupted for any
// reason, or stopped with --max-batches, is completed by running the same command again.
//
// Columns (header required): did, wallets (';'-separated), jurisdiction, category,
// claims (';'-separated), valid_for (e.g. 365d), evidence (KYC file reference; only its sha256 goes
// on chain).
import { readFileSync } from "node:fs";
import { chainTime, parseContractError, type IdentityRegistryTypes } from "@harbour/sdk";
import { onContract, type Context } from "./context";
import * as ops from "./ops";
import { progress } from "./progress";
import { parseDuration, timestamp } from "./units";

/** The registry's batch limit (harbour_types::identity_registry::MAX_BATCH). */
export const MAX_BATCH = 50;

export interface CsvRow extends Omit<ops.Onboarding, "validUntil"> {
  line: number;
  validFor: number;
}

/** RFC 4180 fields (quotes, doubled quotes, commas inside quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (quoted) throw new Error("unterminated quote");
  out.push(cur);
  return out.map((f) => f.trim());
}

const COLUMNS = ["did", "wallets", "jurisdiction", "category", "claims", "valid_for", "evidence"] as const;

/** Parses and checks the whole file first: a bad line stops the run before any transaction. */
export async function readCsv(ctx: Context, path: string): Promise<CsvRow[]> {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  const header = fields(lines[0] ?? "").map((h) => h.toLowerCase());
  const idx = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  const missing = COLUMNS.filter((c) => idx[c] < 0);
  if (missing.length) throw new Error(`${path}: the header lacks ${missing.join(", ")}`);
  const rows: CsvRow[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    try {
      const f = fields(lines[i]);
      const did = f[idx.did];
      if (!did.startsWith("did:")) throw new Error(`"${did}" is not a DID`);
      if (seen.has(did)) throw new Error(`${did} appears twice`);
      seen.add(did);
      rows.push({
        line: i + 1,
        did,
        wallets: await Promise.all(f[idx.wallets].split(";").filter(Boolean).map((w) => ctx.address(w.trim()))),
        jurisdiction: f[idx.jurisdiction],
        category: ops.category(f[idx.category] || "individual"),
        claims: f[idx.claims].split(";").filter(Boolean).map(ops.claim),
        validFor: parseDuration(f[idx.valid_for] || "365d"),
        evidence: f[idx.evidence] || did,
      });
    } catch (e) {
      throw new Error(`${path}:${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return rows;
}

export interface CsvResult {
  rows: number;
  registered: number;
  issued: number;
  alreadyRegistered: number;
  alreadyIssued: number;
  batches: number;
  /** Work left because --max-batches stopped the run. */
  remaining: number;
}

/** What the registry already has of a row: whether the DID exists, which claims are valid. */
async function existing(ctx: Context, row: CsvRow): Promise<{ exists: boolean; valid: Set<string> }> {
  const q = await ctx.registryQuery();
  if (!(await ops.identityExists(ctx, row.did))) return { exists: false, valid: new Set() };
  const valid = new Set<string>();
  for (const claim of row.claims) {
    try {
      const c = await q.credential({ did: row.did, claim });
      if (c.valid) valid.add(JSON.stringify(claim));
    } catch (e) {
      if (!parseContractError(e, "identity-registry")) throw e;
    }
  }
  return { exists: true, valid };
}

export async function onboardCsv(ctx: Context, path: string, opts: { batch: number; maxBatches?: number }): Promise<CsvResult> {
  if (!(opts.batch >= 1 && opts.batch <= MAX_BATCH)) throw new Error(`--batch must be 1..${MAX_BATCH}`);
  const rows = await readCsv(ctx, path);
  const now = await chainTime(await ctx.query());
  const result: CsvResult = { rows: rows.length, registered: 0, issued: 0, alreadyRegistered: 0, alreadyIssued: 0, batches: 0, remaining: 0 };
  const bar = progress(rows.length, "checking");
  const toRegister: IdentityRegistryTypes.NewIdentity[] = [];
  const toIssue: IdentityRegistryTypes.CredentialGrant[] = [];
  for (const row of rows) {
    const have = await existing(ctx, row);
    if (have.exists) result.alreadyRegistered += 1;
    else toRegister.push({ did: row.did, wallets: row.wallets, jurisdiction: row.jurisdiction, category: row.category });
    for (const claim of row.claims) {
      if (have.valid.has(JSON.stringify(claim))) result.alreadyIssued += 1;
      else toIssue.push({ did: row.did, claim, valid_until: timestamp(now + row.validFor), evidence_hash: ops.evidenceHash(row.evidence) });
    }
    bar.tick(row.did);
  }
  bar.done();
  const budget = () => opts.maxBatches === undefined || result.batches < opts.maxBatches;
  const work = progress(Math.ceil(toRegister.length / opts.batch) + Math.ceil(toIssue.length / opts.batch), "onboarding");
  const agent = await ctx.registry("agent");
  for (let i = 0; i < toRegister.length; i += opts.batch) {
    if (!budget()) {
      result.remaining += toRegister.length - i;
      break;
    }
    const identities = toRegister.slice(i, i + opts.batch);
    await onContract("identity-registry", () => agent.batchRegisterIdentities({ identities }, ctx.fee));
    result.registered += identities.length;
    result.batches += 1;
    work.tick(`identities ${i + identities.length}/${toRegister.length}`);
  }
  const issuer = await ctx.registry("issuer");
  // credentials only for identities that exist now
  const pending = new Set(toRegister.slice(result.registered).map((r) => r.did));
  const issuable = toIssue.filter((g) => !pending.has(g.did));
  result.remaining += toIssue.length - issuable.length;
  for (let i = 0; i < issuable.length; i += opts.batch) {
    if (!budget()) {
      result.remaining += issuable.length - i;
      break;
    }
    const grants = issuable.slice(i, i + opts.batch);
    await onContract("identity-registry", () => issuer.batchIssueCredentials({ grants }, ctx.fee));
    result.issued += grants.length;
    result.batches += 1;
    work.tick(`credentials ${i + grants.length}/${issuable.length}`);
  }
  work.done();
  return result;
}
