//! Rolling-window rate limits for minters that survive any reconfiguration.
//!
//! Every mint is recorded, with or without a limit, in a usage entry `(first, last, amount)`: the
//! first and last mint times it aggregates and their sum. The amount minted "in the window" at
//! `now` is the sum of the entries whose last mint lies in `(now − window, now]`. Hence, whatever
//! window was configured when the mints were recorded:
//!
//! - **never more than the limit in any window**: every mint inside the window belongs to an
//!   entry whose last mint is inside it too, so the count covers it (entries are kept for
//!   `MAX_RATE_WINDOW`, the longest window a limit can have);
//! - **never blocked past a window**: when nothing was minted in the last `window` seconds,
//!   nothing counts.
//!
//! Storage stays bounded: a mint joins the newest entry while that entry is younger than one slot
//! (`window / RATE_SLOTS`; `MAX_RATE_WINDOW / RATE_SLOTS` without a limit), and at most
//! `MAX_ENTRIES` are kept (the two oldest merge). Under an unchanged window the entries inside it
//! are at most `RATE_SLOTS + 1`, so a merge only ever joins two entries already outside it, and
//! the count never exceeds what was minted in `(now − window − slot, now]`: conservative by at
//! most one slot. After a window change, an entry recorded under the old window counts in full
//! until its last mint leaves the new one.

use cosmwasm_std::{StdError, Uint128};
use harbour_types::hkd_stablecoin::{MAX_RATE_WINDOW, RATE_SLOTS};

/// Most usage entries a minter keeps.
pub const MAX_ENTRIES: usize = RATE_SLOTS as usize + 2;

/// `(first mint, last mint, amount)`, times in seconds; stored as `[first, last, "amount"]` (a
/// plain tuple: serde-json-wasm cannot serialize tuple structs).
pub type Usage = (u64, u64, Uint128);

fn slot(window: u64) -> u64 {
    window.div_ceil(RATE_SLOTS).max(1)
}

/// Amount minted in the rolling window `(now − window, now]`, as counted (see the module docs).
pub fn used(usage: &[Usage], window: u64, now: u64) -> Result<Uint128, StdError> {
    usage
        .iter()
        .filter(|u| u.1.saturating_add(window) > now)
        .try_fold(Uint128::zero(), |acc, u| acc.checked_add(u.2))
        .map_err(StdError::from)
}

/// Records a mint of `amount` at `now` under the window in force (`MAX_RATE_WINDOW` when the
/// minter has no limit).
pub fn record(usage: &mut Vec<Usage>, window: u64, now: u64, amount: Uint128) -> Result<(), StdError> {
    usage.retain(|u| u.1.saturating_add(MAX_RATE_WINDOW) > now);
    match usage.last_mut() {
        Some(newest) if now.saturating_sub(newest.0) < slot(window) => {
            newest.1 = newest.1.max(now);
            newest.2 = newest.2.checked_add(amount)?;
        }
        _ => usage.push((now, now, amount)),
    }
    while usage.len() > MAX_ENTRIES {
        let second = usage.remove(1);
        if let Some(oldest) = usage.first_mut() {
            *oldest = (oldest.0, second.1, oldest.2.checked_add(second.2)?);
        }
    }
    Ok(())
}
