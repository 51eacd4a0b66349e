// The issuer's daily operations, one function each, used by the CLI's subcommands and by the demo.
// Each signs as the role that may do it and returns what happened; a refusal is thrown as the
// contract's typed error.
import { createHash } from "node:crypto";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { toBase64, toUtf8 } from "@cosmjs/encoding";
import { canTransfer, chainTime, explain, parseContractError, type Eligibility, type HkdStablecoinTypes, type IdentityRegistryTypes } from "@harbour/sdk";
import { onContract, type ContractName, type Context } from "./context";
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

// ---------------------------------------------------------------- fund dealing (NAV, subscriptions, redemptions)

export async function setNav(ctx: Context, nav: string): Promise<Done> {
  const oracle = await ctx.dealing("nav-oracle");
  return done(await onContract("fund-dealing", () => oracle.setNav({ nav }, ctx.fee)));
}

/** Markdown role: lower the NAV past the move guard, with the reason (never raises it). */
export async function emergencyMarkdown(ctx: Context, nav: string, reason: string): Promise<Done> {
  const markdown = await ctx.dealing("markdown");
  return done(await onContract("fund-dealing", () => markdown.emergencyMarkdown({ nav, reason }, ctx.fee)));
}

/** `harbour_types::fund_dealing::CashHookMsg` (carried in a CW20 Send, so not in the schema). */
export type DealingCashHook = { subscribe: {} } | { top_up_buffer: {} } | { settle_redemption: { request_id: number } };
/** `harbour_types::fund_token::IncomeHookMsg`. */
export type IncomeHook = { deposit_income: {} };
/** `harbour_types::fund_dealing::HoldOrderMsg`: the `msg` of a fund-token `PlaceHold` for dealing. */
export type HoldOrder = { redeem_instant: {} } | { request_redemption: {} };

const hookMsg = (hook: object) => toBase64(toUtf8(JSON.stringify(hook)));

/**
 * A refusal of a call that runs through several contracts, given in call order (sub-message
 * depth): the typed error of the contract at the failure's depth.
 */
async function throughContracts<T>(contracts: ContractName[], f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw explain(e, contracts);
  }
}

/** A cash-token `Send` to the dealing contract carrying a cash hook (subscription, top-up, settlement). */
async function cashToDealing(ctx: Context, role: string, amount: bigint, hook: DealingCashHook): Promise<ExecuteResult> {
  const { client, address } = await ctx.sender(role);
  const cashToken = (await (await ctx.dealingQuery()).config()).config.cash_token;
  const send = { send: { contract: ctx.contract("fund-dealing"), amount: amount.toString(), msg: hookMsg(hook) } };
  return throughContracts(["hkd-stablecoin", "fund-dealing", "fund-token"], () => client.execute(address, cashToken, send, ctx.fee));
}

export async function subscribe(ctx: Context, investorRole: string, cash: bigint): Promise<Done & { shares: string; fee: string }> {
  const r = await cashToDealing(ctx, investorRole, cash, { subscribe: {} });
  return { ...done(r), shares: attribute(r, ctx.contract("fund-dealing"), "shares"), fee: attribute(r, ctx.contract("fund-dealing"), "fee") };
}

/** Owner or dealing agent: add cash to the instant-redemption buffer. */
export async function topUpBuffer(ctx: Context, cash: bigint): Promise<Done> {
  return done(await cashToDealing(ctx, "agent", cash, { top_up_buffer: {} }));
}

/** A holder redeems `shares`: a fund-token hold for the dealing contract with the order in it. */
async function holdForDealing(ctx: Context, holderRole: string, shares: bigint, order: HoldOrder): Promise<ExecuteResult> {
  const holder = await ctx.fund(holderRole);
  return throughContracts(["fund-token", "fund-dealing", "fund-token"], () =>
    holder.placeHold({ venue: ctx.contract("fund-dealing"), amount: shares.toString(), msg: hookMsg(order) }, ctx.fee),
  );
}

/** Instant redemption from the buffer: the held shares burn and the cash is paid in one transaction. */
export async function redeemInstant(ctx: Context, holderRole: string, shares: bigint): Promise<Done & { gross: string; fee: string; paid: string }> {
  const r = await holdForDealing(ctx, holderRole, shares, { redeem_instant: {} });
  const a = (k: string) => attribute(r, ctx.contract("fund-dealing"), k);
  return { ...done(r), gross: a("gross"), fee: a("fee"), paid: a("paid") };
}

/** A queued redemption request: the shares stay in the wallet, held, until the dealing agent pays. */
export async function requestRedemption(ctx: Context, holderRole: string, shares: bigint): Promise<Done & { id: number }> {
  const r = await holdForDealing(ctx, holderRole, shares, { request_redemption: {} });
  return { ...done(r), id: Number(attribute(r, ctx.contract("fund-dealing"), "request_id")) };
}

/** Request owner (or the dealing agent with --as agent): cancel a pending request. */
export async function cancelRedemption(ctx: Context, role: string, id: number): Promise<Done> {
  const who = await ctx.dealing(role);
  return done(await throughContracts(["fund-dealing", "fund-token"], () => who.cancelRedemption({ requestId: id }, ctx.fee)));
}

/**
 * The cash due for request `id` now: the dealing contract's own quote (`CanRedeem` of the
 * request's shares at the current NAV), never recomputed here.
 */
export async function redemptionDue(ctx: Context, id: number): Promise<{ owner: string; shares: string; gross: bigint; nav: string }> {
  const q = await ctx.dealingQuery();
  const req = await onContract("fund-dealing", () => q.redemptionRequest({ id }));
  const quote = await q.canRedeem({ owner: req.owner, shares: req.shares, mode: "instant" });
  return { owner: req.owner, shares: req.shares, gross: BigInt(quote.gross), nav: quote.nav };
}

/** Dealing agent: pay request `id` (exactly the amount due); its held shares burn in the same transaction. */
export async function settleRedemption(ctx: Context, id: number): Promise<Done & { id: number; owner: string; shares: string; paid: string; nav: string }> {
  const due = await redemptionDue(ctx, id);
  const r = await cashToDealing(ctx, "agent", due.gross, { settle_redemption: { request_id: id } });
  return { ...done(r), id, owner: due.owner, shares: due.shares, paid: due.gross.toString(), nav: due.nav };
}

/** Dealing agent: settle every pending fund redemption request, oldest first (paginated). */
export async function processFundRedemptions(ctx: Context): Promise<Awaited<ReturnType<typeof settleRedemption>>[]> {
  const q = await ctx.dealingQuery();
  const out: Awaited<ReturnType<typeof settleRedemption>>[] = [];
  for (;;) {
    // settled requests leave the list, so the first page is always the oldest pending
    const page = await q.redemptionRequests({ limit: 30 });
    if (page.requests.length === 0) return out;
    const bar = progress(page.requests.length, "fund redemptions");
    for (const req of page.requests) {
      out.push(await settleRedemption(ctx, req.id));
      bar.tick(`#${req.id}`);
    }
    bar.done();
  }
}

/** Anyone: send the accrued dealing fees to the fee collector. */
export async function sweepFees(ctx: Context): Promise<Done & { amount: string }> {
  const who = await ctx.dealing("agent");
  const r = await onContract("fund-dealing", () => who.sweepFees(ctx.fee));
  return { ...done(r), amount: attribute(r, ctx.contract("fund-dealing"), "amount") };
}

// ---------------------------------------------------------------- fund token (register, income)

/** Agent: distribute income, sent in the fund's own income token (`IncomeState.income_token`). */
export async function depositIncome(ctx: Context, cash: bigint): Promise<Done> {
  const { client, address } = await ctx.sender("agent");
  const incomeToken = (await (await ctx.fundQuery()).incomeState()).income_token;
  const send = { send: { contract: ctx.contract("fund-token"), amount: cash.toString(), msg: hookMsg({ deposit_income: {} } satisfies IncomeHook) } };
  return done(await throughContracts(["hkd-stablecoin", "fund-token"], () => client.execute(address, incomeToken, send, ctx.fee)));
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
