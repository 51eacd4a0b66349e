// The issuer's daily operations, one function each, used by the CLI's subcommands and by the demo.
// Each signs as the role that may do it and returns what happened; a refusal is thrown as the
// contract's typed error.
import { createHash } from "node:crypto";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";
import { canTransfer, chainTime, explain, parseContractError, type Eligibility, type HkdStablecoinTypes, type IdentityRegistryTypes } from "@harbour/sdk";
import { onContract, type Context } from "./context";
import { proposalOf, type ProposalInfo } from "./multisig";
import { progress } from "./progress";
import { timestamp } from "./units";

export interface Done {
  tx: string;
  height: number;
  gas: bigint;
  /** With --via: the multisig proposal the command became. */
  proposal?: ProposalInfo;
}

const done = (r: ExecuteResult): Done => ({ tx: r.transactionHash, height: r.height, gas: r.gasUsed, proposal: proposalOf(r) });

export type Claim = IdentityRegistryTypes.ClaimType;
export type Category = IdentityRegistryTypes.InvestorCategory;
const CLAIMS: Claim[] = ["kyc", "professional_investor", "accredited", "institutional", "aml_screening"];
const CATEGORIES: Category[] = ["individual", "corporate", "institutional", "venue"];

export function claim(text: string): Claim {
  const c = text.trim().toLowerCase().replace(/-/g, "_") as Claim;
  if (!CLAIMS.includes(c)) throw new Error(`unknown claim ${text} (one of ${CLAIMS.join(", ")})`);
  return c;
}

export function category(text: string): Category {
  const c = text.trim().toLowerCase() as Category;
  if (!CATEGORIES.includes(c)) throw new Error(`unknown investor category ${text} (one of ${CATEGORIES.join(", ")})`);
  return c;
}

/** The evidence hash of a credential: sha256 of the KYC file reference (no personal data on chain). */
export function evidenceHash(reference: string): string {
  return createHash("sha256").update(reference).digest("hex");
}

// ---------------------------------------------------------------- identity registry

export interface Onboarding {
  did: string;
  wallets: string[];
  jurisdiction: string;
  category: Category;
  claims: Claim[];
  /** Credential expiry, chain seconds. */
  validUntil: number;
  evidence: string;
}

/** Whether the registry knows `did` (an unknown DID is the registry's IdentityNotFound error). */
export async function identityExists(ctx: Context, did: string): Promise<boolean> {
  const q = await ctx.registryQuery();
  try {
    await q.identity({ did });
    return true;
  } catch (e) {
    if (parseContractError(e, "identity-registry")?.code === "IdentityNotFound") return false;
    throw e;
  }
}

/** Registers the identity (agent) unless it exists, then issues its credentials (trusted issuer). */
export async function onboard(ctx: Context, o: Onboarding): Promise<{ registered?: Done; issued?: Done }> {
  const out: { registered?: Done; issued?: Done } = {};
  if (!(await identityExists(ctx, o.did))) {
    const agent = await ctx.registry("agent");
    out.registered = done(
      await onContract("identity-registry", () =>
        agent.registerIdentity({ did: o.did, wallets: o.wallets, jurisdiction: o.jurisdiction, category: o.category }, ctx.fee),
      ),
    );
  }
  if (o.claims.length) {
    const issuer = await ctx.registry("issuer");
    const grants: IdentityRegistryTypes.CredentialGrant[] = o.claims.map((c) => ({
      did: o.did,
      claim: c,
      valid_until: timestamp(o.validUntil),
      evidence_hash: evidenceHash(o.evidence),
    }));
    out.issued = done(await onContract("identity-registry", () => issuer.batchIssueCredentials({ grants }, ctx.fee)));
  }
  return out;
}

export async function issueCredential(ctx: Context, did: string, c: Claim, validUntil: number, evidence: string): Promise<Done> {
  const issuer = await ctx.registry("issuer");
  return done(
    await onContract("identity-registry", () =>
      issuer.issueCredential({ did, claim: c, validUntil: timestamp(validUntil), evidenceHash: evidenceHash(evidence) }, ctx.fee),
    ),
  );
}

export async function revokeCredential(ctx: Context, did: string, c: Claim, reason: string): Promise<Done> {
  const issuer = await ctx.registry("issuer");
  return done(await onContract("identity-registry", () => issuer.revokeCredential({ did, claim: c, reason }, ctx.fee)));
}

// ---------------------------------------------------------------- stablecoin

export interface Reserves {
  hkdCash: bigint;
  governmentBills?: bigint;
  /** Where the report is published. */
  reportUri: string;
  /** The report's bytes (hashed on chain: a report counts once). */
  report: string;
}

export async function publishAttestation(ctx: Context, r: Reserves): Promise<Done & { sequence: number }> {
  const q = await ctx.stablecoinQuery();
  const status = await q.reserveStatus();
  const sequence = (status.latest_sequence ?? 0) + 1;
  const now = await chainTime(await ctx.query());
  const buckets: HkdStablecoinTypes.BucketAmount[] = [{ bucket: "hkd_cash", amount: r.hkdCash.toString() }];
  if (r.governmentBills) buckets.push({ bucket: "government_bills", amount: r.governmentBills.toString() });
  const input = {
    sequence,
    asOf: timestamp(now),
    buckets,
    fxRates: [],
    reportHash: createHash("sha256").update(r.report).digest("hex"),
    reportUri: r.reportUri,
  };
  const attestor = await ctx.stablecoin("custodian");
  return { ...done(await onContract("hkd-stablecoin", () => attestor.publishAttestation(input, ctx.fee))), sequence };
}

export async function configureMinter(ctx: Context, minter: string, allowance: bigint, rateLimit?: { amount: bigint; windowSeconds: number }): Promise<Done> {
  const mm = await ctx.stablecoin("master-minter");
  return done(
    await onContract("hkd-stablecoin", () =>
      mm.configureMinter(
        {
          minter,
          allowance: allowance.toString(),
          rateLimit: rateLimit ? { amount: rateLimit.amount.toString(), window_seconds: rateLimit.windowSeconds } : undefined,
        },
        ctx.fee,
      ),
    ),
  );
}

export async function mint(ctx: Context, recipient: string, amount: bigint, bankReceipt?: string): Promise<Done> {
  const minter = await ctx.stablecoin("minter");
  return done(await onContract("hkd-stablecoin", () => minter.mint({ recipient, amount: amount.toString(), bankReceipt }, ctx.fee)));
}

export async function requestStableRedemption(ctx: Context, holderRole: string, amount: bigint, payoutReference: string): Promise<Done & { id: number }> {
  const holder = await ctx.stablecoin(holderRole);
  const r = await onContract("hkd-stablecoin", () => holder.requestRedemption({ amount: amount.toString(), payoutReference }, ctx.fee));
  const id = Number(attribute(r, ctx.contract("hkd-stablecoin"), "request_id"));
  return { ...done(r), id };
}

/** A stablecoin redemption the treasury has wired, with the bank's payment reference. */
export interface Payment {
  id: number;
  paymentReference: string;
}

/**
 * Marks the given stablecoin redemptions paid, each with the payment reference the bank gave for
 * its wire (the evidence an auditor reconciles): the held HKD is burnt. One transaction per
 * request, in order; `onPaid` hears each as it lands, so a failure part-way leaves a record of
 * what was paid before it (the failure is thrown).
 */
export async function markStableRedemptionsPaid(
  ctx: Context,
  payments: Payment[],
  onPaid: (p: { id: number; amount: string; paymentReference: string; done: Done }) => void = () => {},
): Promise<{ id: number; amount: string; paymentReference: string; done: Done }[]> {
  const q = await ctx.stablecoinQuery();
  const operator = await ctx.stablecoin("treasury");
  const paid: { id: number; amount: string; paymentReference: string; done: Done }[] = [];
  const bar = progress(payments.length, "redemptions");
  for (const p of payments) {
    if (!p.paymentReference.trim()) throw new Error(`redemption #${p.id}: a payment reference is required`);
    const req = await onContract("hkd-stablecoin", () => q.redemptionRequest({ id: p.id }));
    const d = await onContract("hkd-stablecoin", () => operator.markRedemptionPaid({ id: p.id, paymentReference: p.paymentReference }, ctx.fee));
    const entry = { id: p.id, amount: req.amount, paymentReference: p.paymentReference, done: done(d) };
    paid.push(entry);
    onPaid(entry);
    bar.tick(`#${p.id}`);
  }
  bar.done();
  return paid;
}

/** Every open stablecoin redemption request (paginated through), oldest first. */
export async function openStableRedemptions(ctx: Context, overdueOnly = false) {
  const q = await ctx.stablecoinQuery();
  const all = [];
  let startAfter: number | undefined;
  for (;;) {
    const page = await q.openRedemptions({ overdueOnly, startAfter, limit: 30 });
    if (page.requests.length === 0) break;
    all.push(...page.requests);
    startAfter = page.requests[page.requests.length - 1].id;
  }
  return all;
}

export async function setStablePaused(ctx: Context, paused: boolean): Promise<Done> {
  const pauser = await ctx.stablecoin("stable-pauser");
  return done(await onContract("hkd-stablecoin", () => (paused ? pauser.pause(ctx.fee) : pauser.unpause(ctx.fee))));
}

// ---------------------------------------------------------------- fund token

export async function setNav(ctx: Context, nav: string): Promise<Done> {
  const oracle = await ctx.fund("nav-oracle");
  return done(await onContract("fund-token", () => oracle.setNav({ nav }, ctx.fee)));
}

/** The stablecoin `Send` to the fund carrying a cash hook (subscription, income, settlement). */
/** `harbour_types::fund_token::CashHookMsg` (carried in a CW20 Send, so not in the fund's schema). */
export type CashHookMsg = { subscribe: {} } | { top_up_liquidity: {} } | { deposit_income: {} } | { settle_redemption: { request_id: number } };

async function cashToFund(ctx: Context, role: string, amount: bigint, hook: CashHookMsg): Promise<ExecuteResult> {
  const stable = await ctx.stablecoin(role);
  const fund = ctx.contract("fund-token");
  // a refusal comes from the stablecoin (the send, depth 0) or from the fund (its hook, depth 1)
  try {
    return await stable.send({ contract: fund, amount: amount.toString(), msg: toBase64(toUtf8(JSON.stringify(hook))) }, ctx.fee);
  } catch (e) {
    throw explain(e, ["hkd-stablecoin", "fund-token"]);
  }
}

export async function subscribe(ctx: Context, investorRole: string, cash: bigint): Promise<Done & { shares: string }> {
  const r = await cashToFund(ctx, investorRole, cash, { subscribe: {} });
  return { ...done(r), shares: attribute(r, ctx.contract("fund-token"), "shares") };
}

export async function depositIncome(ctx: Context, cash: bigint): Promise<Done> {
  return done(await cashToFund(ctx, "agent", cash, { deposit_income: {} }));
}

export async function claimIncome(ctx: Context, holderRole: string): Promise<Done & { amount: string }> {
  const holder = await ctx.fund(holderRole);
  const r = await onContract("fund-token", () => holder.claimIncome(ctx.fee));
  return { ...done(r), amount: attribute(r, ctx.contract("fund-token"), "amount") };
}

export async function transferShares(ctx: Context, fromRole: string, to: string, amount: bigint): Promise<Done> {
  const holder = await ctx.fund(fromRole);
  return done(await onContract("fund-token", () => holder.transfer({ recipient: to, amount: amount.toString() }, ctx.fee)));
}

export async function eligibility(ctx: Context, from: string, to: string, amount: bigint): Promise<Eligibility> {
  return canTransfer(await ctx.fundQuery(), from, to, amount);
}

export async function listVenue(ctx: Context, venue: string, burnHeld: boolean): Promise<Done> {
  const owner = await ctx.fund("owner");
  return done(await onContract("fund-token", () => owner.addVenue({ address: venue, burnHeld }, ctx.fee)));
}

export async function setFundPaused(ctx: Context, paused: boolean): Promise<Done> {
  const pauser = await ctx.fund("pauser");
  return done(await onContract("fund-token", () => (paused ? pauser.pause(ctx.fee) : pauser.unpause(ctx.fee))));
}

/**
 * The value of an attribute of the `wasm` event `contract` emitted in a result (not another
 * contract's in the same transaction). A missing attribute is an error, never a made-up value.
 */
export function attribute(r: ExecuteResult, contract: string, key: string): string {
  for (const e of r.events) {
    if (e.type !== "wasm" || !e.attributes.some((x) => x.key === "_contract_address" && x.value === contract)) continue;
    const a = e.attributes.find((x) => x.key === key);
    if (a) return a.value;
  }
  throw new Error(`transaction ${r.transactionHash}: no "${key}" attribute from ${contract} in its events`);
}
