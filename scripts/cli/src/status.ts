// `harbour status`: the system at a glance. `--json` prints {@link Status} (format 1: amounts are
// base-unit strings, times are chain seconds; fields are only ever added).
import { chainTime, formatUnits, navStatus, reserveFigures } from "@harbour/sdk";
import type { Context } from "./context";
import { utc } from "./units";

export interface Status {
  format: 1;
  chain_id: string;
  height: number;
  time: number;
  stablecoin: {
    address: string;
    symbol: string;
    decimals: number;
    total_supply: string;
    eligible_reserves: string;
    reserve_ratio_bps: string | null;
    mint_headroom: string;
    mint_allowed: boolean;
    mint_blocked_reason: string | null;
    attestation: { sequence: number | null; as_of: number | null; stale: boolean };
    paused: boolean;
    redemptions: { open: number; open_amount: string; overdue: number; overdue_amount: string };
  };
  fund: {
    address: string;
    symbol: string;
    decimals: number;
    total_supply: string;
    nav: string;
    nav_updated_at: number;
    nav_age_seconds: number;
    nav_stale: boolean;
    holders: number;
    paused: boolean;
    pending_redemptions: number;
    income_deposited: string;
    income_claimed: string;
    income_token: string;
  };
  /** The fund's dealing contract: NAV above is its; subscriptions and redemptions. */
  dealing: {
    address: string;
    paused: boolean;
    suspended: boolean;
    buffer: string;
    fees_accrued: string;
    instant_used_today: string;
    instant_daily_limit: string;
    pending_redemptions: number;
    pending_shares: string;
  };
}

async function allOpen(ctx: Context, overdueOnly: boolean): Promise<{ count: number; amount: bigint }> {
  const q = await ctx.stablecoinQuery();
  let count = 0;
  let amount = 0n;
  let startAfter: number | undefined;
  for (;;) {
    const page = await q.openRedemptions({ overdueOnly, startAfter, limit: 30 });
    if (page.requests.length === 0) return { count, amount };
    for (const r of page.requests) {
      count += 1;
      amount += BigInt(r.amount);
    }
    startAfter = page.requests[page.requests.length - 1].id;
  }
}

export async function status(ctx: Context): Promise<Status> {
  const q = await ctx.query();
  const [height, now] = [await q.getHeight(), await chainTime(q)];
  const stable = await ctx.stablecoinQuery();
  const fund = await ctx.fundQuery();
  const [reserves, sInfo, sConfig, open, overdue] = [
    await reserveFigures(stable),
    await stable.tokenInfo(),
    await stable.config(),
    await allOpen(ctx, false),
    await allOpen(ctx, true),
  ];
  const dq = await ctx.dealingQuery();
  const [nav, fInfo, fConfig, income, dealing] = [await navStatus(dq, now), await fund.tokenInfo(), await fund.config(), await fund.incomeState(), await dq.state()];
  return {
    format: 1,
    chain_id: ctx.config.chainId,
    height,
    time: now,
    stablecoin: {
      address: ctx.contract("hkd-stablecoin"),
      symbol: sInfo.symbol,
      decimals: sInfo.decimals,
      total_supply: reserves.totalSupply.toString(),
      eligible_reserves: reserves.eligibleReserves.toString(),
      reserve_ratio_bps: reserves.reserveRatioBps?.toString() ?? null,
      mint_headroom: reserves.mintHeadroom.toString(),
      mint_allowed: reserves.mintAllowed,
      mint_blocked_reason: reserves.mintBlockedReason ?? null,
      attestation: { sequence: reserves.latestSequence ?? null, as_of: reserves.asOf ?? null, stale: reserves.stale },
      paused: sConfig.paused,
      redemptions: { open: open.count, open_amount: open.amount.toString(), overdue: overdue.count, overdue_amount: overdue.amount.toString() },
    },
    fund: {
      address: ctx.contract("fund-token"),
      symbol: fInfo.symbol,
      decimals: fInfo.decimals,
      total_supply: fInfo.total_supply,
      nav: nav.nav,
      nav_updated_at: nav.updatedAt,
      nav_age_seconds: nav.ageSeconds,
      nav_stale: nav.stale,
      holders: fConfig.holder_count,
      paused: fConfig.paused,
      pending_redemptions: dealing.pending_requests,
      income_deposited: income.deposited,
      income_claimed: income.claimed,
      income_token: income.income_token,
    },
    dealing: {
      address: ctx.contract("fund-dealing"),
      paused: dealing.paused,
      suspended: dealing.suspended,
      buffer: dealing.buffer,
      fees_accrued: dealing.fees_accrued,
      instant_used_today: dealing.instant_used_today,
      instant_daily_limit: dealing.instant_daily_limit,
      pending_redemptions: dealing.pending_requests,
      pending_shares: dealing.pending_shares,
    },
  };
}

function age(seconds: number): string {
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/** The status in words, one fact a line. */
export function statusText(s: Status): string[] {
  const st = s.stablecoin;
  const f = s.fund;
  const d = s.dealing;
  const hkd = (n: string) => `${formatUnits(n, st.decimals)} ${st.symbol}`;
  const ratio = st.reserve_ratio_bps === null ? "n/a (no supply or no attestation)" : `${(Number(st.reserve_ratio_bps) / 100).toFixed(2)}%`;
  return [
    `chain ${s.chain_id} at height ${s.height}, ${utc(s.time)}`,
    `${st.symbol} supply ${hkd(st.total_supply)} vs eligible reserves ${hkd(st.eligible_reserves)}: reserve ratio ${ratio}`,
    `${st.symbol} mint headroom ${hkd(st.mint_headroom)}${st.mint_allowed ? "" : ` (minting blocked: ${st.mint_blocked_reason ?? "see reserve status"})`}`,
    `${st.symbol} attestation #${st.attestation.sequence ?? "-"} as of ${st.attestation.as_of ? utc(st.attestation.as_of) : "-"}${st.attestation.stale ? " (stale)" : ""}${st.paused ? "; PAUSED" : ""}`,
    `${st.symbol} redemptions open ${st.redemptions.open} (${hkd(st.redemptions.open_amount)}), overdue ${st.redemptions.overdue} (${hkd(st.redemptions.overdue_amount)})`,
    `${f.symbol} NAV ${f.nav} set ${utc(f.nav_updated_at)}, ${age(f.nav_age_seconds)} old${f.nav_stale ? " (STALE: dealing refuses it)" : ""}`,
    `${f.symbol} supply ${formatUnits(f.total_supply, f.decimals)} units, ${f.holders} holders${f.paused ? "; PAUSED" : ""}`,
    `${f.symbol} dealing: ${d.pending_redemptions} pending redemption requests (${formatUnits(d.pending_shares, f.decimals)} units held), buffer ${hkd(d.buffer)}, instant today ${hkd(d.instant_used_today)} of ${hkd(d.instant_daily_limit)}, fees accrued ${hkd(d.fees_accrued)}${d.paused ? "; PAUSED" : ""}${d.suspended ? "; SUSPENDED" : ""}`,
    `${f.symbol} income deposited ${hkd(f.income_deposited)}, claimed ${hkd(f.income_claimed)}`,
  ];
}
