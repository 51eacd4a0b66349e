// Amounts and durations as people type them.

/** "1,000.25" with 6 decimals -> 1000250000n; refuses more decimals than the token has. */
export function parseUnits(text: string, decimals: number): bigint {
  const s = text.replace(/[,_]/g, "").trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new Error(`not an amount: ${text}`);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new Error(`${text} has more than ${decimals} decimals`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/** "90s", "45m", "36h", "31d", "2w" or plain seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhdw]?)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text} (e.g. 90s, 45m, 36h, 31d)`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[m[2] as "" | "s" | "m" | "h" | "d" | "w"];
  return Number(m[1]) * unit;
}

/** A cosmwasm Timestamp (nanoseconds string) from seconds. */
export function timestamp(seconds: number): string {
  return (BigInt(Math.floor(seconds)) * 1_000_000_000n).toString();
}

/** UTC date and time of chain seconds: "2026-01-05 00:00 UTC". */
export function utc(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}
