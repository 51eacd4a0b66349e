// Eligibility before a transfer: the fund token's `CanTransfer` dry run, with every reason code
// in words (the words are the doc comments of harbour_types::compliance::ReasonCode, generated).
import type { FundTokenQueryClient } from "./generated/FundToken.client";
import type { ClaimType, ReasonCode } from "./generated/FundToken.types";
import { REASONS } from "./generated/reasons";

/** One compliance reason code: snake_case code, stable number, plain words. */
export interface ReasonEntry {
  code: string;
  number: number;
  words: string;
}

export interface Reason extends ReasonEntry {
  /** The claim concerned (missing, expired or revoked credential). */
  claim?: ClaimType;
}

export interface Eligibility {
  allowed: boolean;
  reasons: Reason[];
}

const BY_CODE = new Map(REASONS.map((r) => [r.code, r]));

/** The words of a reason code (`claim_expired` -> "The credential for a required claim has passed its `valid_until`"). */
export function reason(code: ReasonCode | string, claim?: ClaimType | null): Reason {
  const entry = BY_CODE.get(code) ?? { code, number: 0, words: `unknown reason code ${code}` };
  return claim ? { ...entry, claim } : { ...entry };
}

/** One line: "claim_expired (103, professional_investor): The credential ... has passed its `valid_until`". */
export function describeReason(r: Reason): string {
  return `${r.code} (${r.number}${r.claim ? `, ${r.claim}` : ""}): ${r.words}`;
}

/** Whether `from` may transfer `amount` to `to` now, with every reason it may not. */
export async function canTransfer(fund: FundTokenQueryClient, from: string, to: string, amount: string | bigint): Promise<Eligibility> {
  const res = await fund.canTransfer({ from, to, amount: amount.toString() });
  return { allowed: res.allowed, reasons: res.reasons.map((d) => reason(d.code, d.claim)) };
}
