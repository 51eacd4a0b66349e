//! Rate limits against a brute-force oracle. The oracle keeps every successful mint `(time,
//! amount)` and sums exactly over any window; the contract keeps bounded usage entries
//! (`crate::rate`). Over random mints, waits and reconfigurations (window shorter or longer,
//! amount changed, limit switched off and on), after every step:
//!
//! - safety: every successful mint leaves at most `limit` minted in `(now − window, now]` under the
//!   configuration in force (the exact sum over that window, whatever was configured before);
//! - the count the contract reports never undercounts that window;
//! - liveness: with nothing minted in the last `window` seconds, the count is zero and a mint up
//!   to the limit passes the rate limit;
//! - conservatism is bounded: while every mint of the last 31 days was made under the current
//!   window, the count never exceeds what was minted in `(now − window − slot, now]`.

use harbour_types::hkd_stablecoin::{ExecuteMsg, MinterInfo, QueryMsg, RateLimit, MAX_RATE_WINDOW, RATE_SLOTS};
use proptest::prelude::*;

use super::{amt, Fixture, DAY};
use crate::error::ContractError;

#[derive(Debug, Clone)]
enum Op {
    Wait(u64),
    Mint(u128),
    /// Mint exactly what the contract says is still available (the boundary).
    MintAvailable,
    Configure(Option<(u128, u64)>),
}

const WINDOWS: [u64; 7] = [60, 600, 3_600, 6 * 3_600, DAY, 7 * DAY, MAX_RATE_WINDOW];

fn op() -> impl Strategy<Value = Op> {
    let window = prop_oneof![proptest::sample::select(WINDOWS.to_vec()), 60u64..=MAX_RATE_WINDOW];
    prop_oneof![
        4 => prop_oneof![1u64..120, 60u64..7_200, 3_600u64..(3 * DAY), DAY..(40 * DAY)].prop_map(Op::Wait),
        6 => (1u128..700).prop_map(Op::Mint),
        2 => Just(Op::MintAvailable),
        1 => proptest::option::weighted(0.85, (100u128..2_000, window)).prop_map(Op::Configure),
    ]
}

#[derive(Default, Debug)]
struct Coverage {
    refused: u32,
    refused_after_shrink: u32,
    refused_after_growth: u32,
    refused_after_reenable: u32,
    passed_at_limit: u32,
    merged: u32,
}

fn slot(window: u64) -> u64 {
    window.div_ceil(RATE_SLOTS).max(1)
}

/// Exact amount minted in `(now − window, now]`.
fn exact(history: &[(u64, u128)], window: u64, now: u64) -> u128 {
    history.iter().filter(|(t, _)| t + window > now).map(|(_, a)| a).sum()
}

fn run(ops: Vec<Op>, cov: &mut Coverage) -> Result<(), TestCaseError> {
    let mut f = Fixture::bare();
    let (mm, minter, alice) = (f.master_minter.clone(), f.minter.clone(), f.alice.clone());
    let big = u128::MAX / 4;
    let mut rate = Some((1_000u128, 3_600u64));
    let configure = |f: &mut Fixture, rate: Option<(u128, u64)>| {
        let rate_limit = rate.map(|(amount, window_seconds)| RateLimit { amount: amt(amount), window_seconds });
        f.exec(&mm, ExecuteMsg::ConfigureMinter { minter: minter.to_string(), allowance: amt(big), rate_limit })
    };
    configure(&mut f, rate).unwrap();
    let mut history: Vec<(u64, u128)> = vec![];
    // when the bucketing window last changed (a limit switched off buckets by MAX_RATE_WINDOW)
    let mut epoch = 0u64;
    // what happened last to the configuration: 1 shrink, 2 growth, 3 re-enabled
    let mut last_change = 0u8;
    let mut attested_at: Option<u64> = None;
    for op in ops {
        let now = f.env.block.time.seconds();
        match op.clone() {
            Op::Wait(s) => f.advance(s),
            Op::Configure(new) => {
                let old_w = rate.map_or(MAX_RATE_WINDOW, |r| r.1);
                let new_w = new.map_or(MAX_RATE_WINDOW, |r| r.1);
                last_change = match (rate, new) {
                    (None, Some(_)) => 3,
                    _ if new_w < old_w => 1,
                    _ if new_w > old_w => 2,
                    _ => last_change,
                };
                if new_w != old_w {
                    epoch = now;
                }
                rate = new;
                configure(&mut f, rate).unwrap();
            }
            Op::Mint(_) | Op::MintAvailable => {
                // what the contract reports as available must indeed pass
                let (amount, must_pass) = match op {
                    Op::Mint(amount) => (amount, false),
                    _ => {
                        let info: MinterInfo =
                            f.query(QueryMsg::MinterInfo(harbour_types::AddressArgs { address: minter.to_string() }));
                        let available = info.available.u128();
                        (available.clamp(1, 5_000), available > 0)
                    }
                };
                if attested_at.map_or(true, |t| now >= t + DAY) {
                    f.attest_cash(big);
                    attested_at = Some(now);
                }
                let before = f.snapshot();
                let result = f.mint(&alice, amount);
                prop_assert!(!must_pass || result.is_ok(), "the available {} was refused: {:?}", amount, result);
                match result {
                    Ok(_) => {
                        history.push((now, amount));
                        if let Some((limit, window)) = rate {
                            let total = exact(&history, window, now);
                            prop_assert!(total <= limit, "{} minted in the last {} s, limit {}", total, window, limit);
                            if total == limit {
                                cov.passed_at_limit += 1;
                            }
                        }
                    }
                    Err(ContractError::RateLimited { used, limit, window_seconds, .. }) => {
                        let (l, w) = rate.expect("refused by a rate limit while none is configured");
                        prop_assert_eq!((limit.u128(), window_seconds), (l, w));
                        prop_assert!(used.u128() + amount > l);
                        prop_assert!(
                            amount > l || exact(&history, w, now) > 0,
                            "{} blocked with nothing minted in the last {} s",
                            amount,
                            w
                        );
                        prop_assert!(f.snapshot() == before, "a refused mint changed state");
                        cov.refused += 1;
                        match last_change {
                            1 => cov.refused_after_shrink += 1,
                            2 => cov.refused_after_growth += 1,
                            3 => cov.refused_after_reenable += 1,
                            _ => {}
                        }
                    }
                    Err(e) => return Err(TestCaseError::fail(format!("unexpected error {e:?}"))),
                }
            }
        }
        // what the contract counts now, against the oracle
        let now = f.env.block.time.seconds();
        let info: MinterInfo =
            f.query(QueryMsg::MinterInfo(harbour_types::AddressArgs { address: minter.to_string() }));
        if let Some((limit, window)) = rate {
            let counted = info.minted_in_window.u128();
            let inside = exact(&history, window, now);
            prop_assert!(counted >= inside, "counted {} < minted {} in the window", counted, inside);
            if inside == 0 {
                prop_assert_eq!(counted, 0, "nothing minted in the last {} s, yet {} counted", window, counted);
                prop_assert_eq!(info.available.u128(), limit);
            }
            let recent_under_other_window = history.iter().any(|(t, _)| t + MAX_RATE_WINDOW > now && *t < epoch);
            if !recent_under_other_window {
                let wide = exact(&history, window + slot(window), now);
                prop_assert!(counted <= wide, "counted {} > {} minted in window + one slot", counted, wide);
            }
            if counted > inside {
                cov.merged += 1;
            }
        } else {
            prop_assert_eq!(info.minted_in_window.u128(), 0);
        }
    }
    Ok(())
}

#[test]
fn rate_limits_survive_reconfiguration() {
    let c: Coverage = super::run_property(96, proptest::collection::vec(op(), 1..90), run);
    assert!(c.refused > 20 && c.passed_at_limit > 5 && c.merged > 5, "{c:?}");
    assert!(c.refused_after_shrink > 0 && c.refused_after_growth > 0 && c.refused_after_reenable > 0, "{c:?}");
}

#[test]
fn reproductions_of_the_window_change_defects() {
    let mut f = Fixture::bare();
    f.attest_cash(1_000_000_000);
    let (mm, minter, alice) = (f.master_minter.clone(), f.minter.clone(), f.alice.clone());
    let set = |f: &mut Fixture, rate: Option<(u128, u64)>| {
        let rate_limit = rate.map(|(amount, window_seconds)| RateLimit { amount: amt(amount), window_seconds });
        f.exec(&mm, ExecuteMsg::ConfigureMinter { minter: minter.to_string(), allowance: amt(1_000_000), rate_limit })
            .unwrap();
    };
    // long → short used to forget usage (2,000 minted in 60 s under a 1,000 limit): now refused
    set(&mut f, Some((1_000, DAY)));
    f.mint(&alice, 1_000).unwrap();
    set(&mut f, Some((1_000, 60)));
    assert!(matches!(f.mint(&alice, 1_000), Err(ContractError::RateLimited { .. })));
    // ... and the usage leaves the short window with its last mint, not a day later
    f.advance(60);
    f.mint(&alice, 1_000).unwrap();
    // short → long used to keep stale usage forever (refused 124 days later): now it expires
    set(&mut f, Some((1_000, 7 * DAY)));
    assert!(matches!(f.mint(&alice, 1), Err(ContractError::RateLimited { .. })), "the 7-day window holds it");
    f.advance(124 * DAY);
    f.attest_cash(1_000_000_000);
    f.mint(&alice, 1_000).unwrap();
    // switching the limit off and on used to clear usage: mints made while off count when back on
    set(&mut f, None);
    f.advance(8 * DAY);
    f.attest_cash(1_000_000_000);
    f.mint(&alice, 900).unwrap();
    set(&mut f, Some((1_000, 3_600)));
    assert!(matches!(f.mint(&alice, 101), Err(ContractError::RateLimited { .. })));
    f.mint(&alice, 100).unwrap();
    f.advance(3_600);
    f.mint(&alice, 1_000).unwrap();
}
