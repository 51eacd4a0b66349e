// What integrators read most: NAV and its age, the stablecoin's reserve ratio and mint headroom,
// a holder's position. Amounts are base units (bigint); Decimal strings are exact (18 places).
import type { FundDealingQueryClient } from "./generated/FundDealing.client";
import type { FundTokenQueryClient } from "./generated/FundToken.client";
import type { HkdStablecoinQueryClient } from "./generated/HkdStablecoin.client";

const DECIMAL_PLACES = 18n;
const ONE = 10n ** DECIMAL_PLACES;

/** A cosmwasm `Decimal` string as an integer of 10⁻¹⁸ units. */
export function decimalAtomics(d: string): bigint {
  const [int, frac = ""] = d.split(".");
  if (!/^\d+$/.test(int) || !/^\d*$/.test(frac) || frac.length > 18) throw new Error(`not a Decimal: ${d}`);
  return BigInt(int) * ONE + BigInt(frac.padEnd(18, "0"));
}

/** `amount × decimal`, rounded down (what a holder can count on). */
export function mulDecimalFloor(amount: bigint, d: string): bigint {
  return (amount * decimalAtomics(d)) / ONE;
}

/** Nanosecond timestamps (cosmwasm `Timestamp` strings) to seconds. */
export function seconds(ts: string): number {
  return Number(BigInt(ts) / 1_000_000_000n);
}

/** Base units with `decimals` places, grouped: 1234500000 (6) -> "1,234.5". */
export function formatUnits(amount: bigint | string, decimals: number): string {
  const n = BigInt(amount);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const base = 10n ** BigInt(decimals);
  const int = (abs / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (abs % base).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`;
}

export interface NavStatus {
  nav: string;
  seq: number;
  updatedAt: number;
  /** Seconds since the NAV was set, at chain time `now`. */
  ageSeconds: number;
  stale: boolean;
  staleAfter: number;
}

/** The fund's NAV and its age at chain time `now` (seconds), from its dealing contract. */
export async function navStatus(dealing: FundDealingQueryClient, now: number): Promise<NavStatus> {
  const n = await dealing.nav();
  const updatedAt = seconds(n.updated_at);
  return { nav: n.nav, seq: n.seq, updatedAt, ageSeconds: Math.max(0, now - updatedAt), stale: n.stale, staleAfter: seconds(n.stale_after) };
}

export interface ReserveFigures {
  totalSupply: bigint;
  eligibleReserves: bigint;
  /** Eligible reserves / supply in basis points; undefined with no supply or no attestation. */
  reserveRatioBps?: bigint;
  /** HKD that may still be minted against the current attestation (the mint budget). */
  mintHeadroom: bigint;
  mintAllowed: boolean;
  mintBlockedReason?: string;
  stale: boolean;
  asOf?: number;
  latestSequence?: number;
}

export async function reserveFigures(stable: HkdStablecoinQueryClient): Promise<ReserveFigures> {
  const r = await stable.reserveStatus();
  return {
    totalSupply: BigInt(r.total_supply),
    eligibleReserves: BigInt(r.eligible_reserves),
    reserveRatioBps: r.reserve_ratio_bps == null ? undefined : BigInt(r.reserve_ratio_bps),
    mintHeadroom: r.mint_allowed ? BigInt(r.mint_budget) : 0n,
    mintAllowed: r.mint_allowed,
    mintBlockedReason: r.mint_blocked_reason ?? undefined,
    stale: r.stale,
    asOf: r.as_of ? seconds(r.as_of) : undefined,
    latestSequence: r.latest_sequence ?? undefined,
  };
}

export interface Position {
  address: string;
  did?: string;
  shares: bigint;
  transferable: bigint;
  held: bigint;
  frozen: bigint;
  accruedIncome: bigint;
  /** shares × NAV, rounded down, in cash-token units. */
  valueAtNav: bigint;
  /** Stablecoin balance, when a stablecoin client is given. */
  hkd?: bigint;
}

/** A holder's position in the fund (valued at the dealing contract's NAV) and in HKD. */
export async function position(fund: FundTokenQueryClient, dealing: FundDealingQueryClient, address: string, stable?: HkdStablecoinQueryClient): Promise<Position> {
  const [a, n] = await Promise.all([fund.account({ address }), dealing.nav()]);
  const shares = BigInt(a.balance);
  const hkd = stable ? BigInt((await stable.balance({ address })).balance) : undefined;
  return {
    address,
    did: a.did ?? undefined,
    shares,
    transferable: BigInt(a.transferable),
    held: BigInt(a.held),
    frozen: BigInt(a.frozen),
    accruedIncome: BigInt(a.accrued_income),
    valueAtNav: mulDecimalFloor(shares, n.nav),
    hkd,
  };
}
