//! Property tests over random operation sequences (attestations, mints, burns, transfers,
//! redemptions, policy changes, pauses, blacklisting, time), checked against a model:
//!
//! - the reserve rule: at the moment of every successful mint, supply ≤ eligible reserves of the
//!   latest attestation under the current policy (recomputed independently by the model), the
//!   attestation is fresh and no halt is in force; and a mint fails exactly when the model says so;
//! - stale and halted states block minting but never transfers or redemptions: those succeed or
//!   fail exactly as the balance/blacklist/pause model predicts;
//! - conservation: Σ balances = total supply after every step (a redemption request holds the
//!   tokens in the holder's balance: no escrow), and every holder's held total ≤ its balance and
//!   equals its open requests;
//! - every failed message leaves storage byte-for-byte unchanged.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Uint128};
use harbour_types::hkd_stablecoin::ExecuteMsg;
use harbour_types::reserves::{eligible_reserves, BucketAmount, ReserveBucket, ReserveInputs, ReservePolicy};
use proptest::prelude::*;

use super::{amt, default_policy, Fixture};
use crate::error::ContractError;

#[derive(Debug, Clone)]
enum Op {
    Attest { cash: u32, bills: u32, usd: u32 },
    Mint { to: usize, amount: u32 },
    Burn { amount: u32 },
    Transfer { from: usize, to: usize, amount: u32 },
    Redeem { who: usize, amount: u32 },
    Pay,
    Reject,
    Policy { bills_haircut: u16, usd_cap: u16, approve_usd: bool },
    Advance { hours: u16 },
    Pause(bool),
    Blacklist(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u32..400_000, 0u32..200_000, 0u32..50_000).prop_map(|(cash, bills, usd)| Op::Attest { cash, bills, usd }),
        5 => (0usize..4, 1u32..150_000).prop_map(|(to, amount)| Op::Mint { to, amount }),
        1 => (1u32..50_000).prop_map(|amount| Op::Burn { amount }),
        4 => (0usize..4, 0usize..4, 1u32..100_000).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        3 => (0usize..4, 100u32..100_000).prop_map(|(who, amount)| Op::Redeem { who, amount }),
        2 => Just(Op::Pay),
        1 => Just(Op::Reject),
        2 => (0u16..=10_000, 0u16..=10_000, any::<bool>())
            .prop_map(|(bills_haircut, usd_cap, approve_usd)| Op::Policy { bills_haircut, usd_cap, approve_usd }),
        2 => (1u16..40).prop_map(|hours| Op::Advance { hours }),
        1 => any::<bool>().prop_map(Op::Pause),
        1 => (0usize..4, any::<bool>()).prop_map(|(i, on)| Op::Blacklist(i, on)),
    ]
}

/// What the model knows about reserves.
struct ReserveModel {
    latest: Option<(ReserveInputs, u64)>,
    policy: ReservePolicy,
    halted: bool,
}

impl ReserveModel {
    fn eligible(&self) -> Uint128 {
        match &self.latest {
            Some((inputs, _)) => {
                eligible_reserves(inputs, &self.policy.compile().unwrap(), &self.policy.approved_foreign)
                    .unwrap()
                    .eligible
            }
            None => Uint128::zero(),
        }
    }
    fn fresh(&self, now: u64) -> bool {
        self.latest.as_ref().is_some_and(|(_, as_of)| now - as_of <= self.policy.max_attestation_age)
    }
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let mut f = Fixture::bare();
    let holders: Vec<Addr> = (0..4).map(|i| f.addr(&format!("holder-{i}"))).collect();
    let minter = f.minter.clone();
    let mut balances: BTreeMap<Addr, u128> = BTreeMap::new();
    let mut blacklisted = [false; 4];
    let mut paused = false;
    let mut supply: u128 = 0;
    let mut escrow: Vec<(u64, usize, u128)> = vec![];
    // the free balance of a holder: its balance minus its open requests
    let free = |balances: &BTreeMap<Addr, u128>, escrow: &[(u64, usize, u128)], who: usize, addr: &Addr| {
        balances.get(addr).copied().unwrap_or(0) - escrow.iter().filter(|e| e.1 == who).map(|e| e.2).sum::<u128>()
    };
    let mut model = ReserveModel { latest: None, policy: default_policy(), halted: false };

    for op in ops {
        let before = f.snapshot();
        let now = f.env.block.time.seconds();
        let result: Result<(), ContractError> = match op.clone() {
            Op::Attest { cash, bills, usd } => {
                let buckets = vec![
                    BucketAmount { bucket: ReserveBucket::HkdCash, amount: amt(cash as u128) },
                    BucketAmount { bucket: ReserveBucket::GovernmentBills, amount: amt(bills as u128) },
                    BucketAmount { bucket: ReserveBucket::UsdAssets, amount: amt(usd as u128) },
                ];
                let fx = vec![Fixture::usd_rate(7_800)];
                let input = f.attestation(buckets.clone(), fx.clone());
                let r = f.publish(input).map(|_| ());
                prop_assert!(r.is_ok(), "attestation refused: {r:?}");
                model.latest = Some((ReserveInputs::from_lists(&buckets, &fx).unwrap(), now));
                model.halted = model.eligible().u128() < supply;
                r
            }
            Op::Mint { to, amount } => {
                let r = f.mint(&holders[to], amount as u128).map(|_| ());
                let expect_ok = !paused
                    && model.latest.is_some()
                    && !model.halted
                    && model.fresh(now)
                    && supply + amount as u128 <= model.eligible().u128()
                    && !blacklisted[to];
                prop_assert_eq!(r.is_ok(), expect_ok, "mint {} to {}: {:?}", amount, to, r);
                if r.is_ok() {
                    supply += amount as u128;
                    *balances.entry(holders[to].clone()).or_default() += amount as u128;
                    // the reserve rule at the moment of a successful mint
                    prop_assert!(supply <= model.eligible().u128());
                    prop_assert!(f.status().eligible_reserves.u128() >= supply);
                }
                r
            }
            Op::Burn { amount } => {
                // the minter burns what it holds (it receives tokens by transfer first)
                let held = balances.get(&minter).copied().unwrap_or(0);
                let r = f.exec(&minter, ExecuteMsg::Burn { amount: amt(amount as u128) }).map(|_| ());
                prop_assert_eq!(r.is_ok(), !paused && held >= amount as u128);
                if r.is_ok() {
                    supply -= amount as u128;
                    *balances.entry(minter.clone()).or_default() -= amount as u128;
                }
                r
            }
            Op::Transfer { from, to, amount } => {
                // holder 3 sometimes sends to the minter so that burns have something to burn
                let to_addr = if to == 3 && from != 3 { minter.clone() } else { holders[to].clone() };
                let to_blacklisted = to_addr != minter && blacklisted[to];
                let available = free(&balances, &escrow, from, &holders[from]);
                let r = f.transfer(&holders[from], &to_addr, amount as u128).map(|_| ());
                let expect_ok = !paused && !blacklisted[from] && !to_blacklisted && available >= amount as u128;
                prop_assert_eq!(r.is_ok(), expect_ok, "transfer: {:?}", r);
                if r.is_ok() && holders[from] != to_addr {
                    *balances.entry(holders[from].clone()).or_default() -= amount as u128;
                    *balances.entry(to_addr).or_default() += amount as u128;
                }
                r
            }
            Op::Redeem { who, amount } => {
                let available = free(&balances, &escrow, who, &holders[who]);
                let r = f.request_redemption(&holders[who], amount as u128);
                let expect_ok = !paused && !blacklisted[who] && available >= amount as u128;
                prop_assert_eq!(r.is_ok(), expect_ok, "redeem: {:?}", r);
                if let Ok(id) = r {
                    escrow.push((id, who, amount as u128));
                }
                r.map(|_| ())
            }
            Op::Pay | Op::Reject => {
                let pay = matches!(op, Op::Pay);
                let op_addr = f.operator.clone();
                match escrow.first().copied() {
                    None => Ok(()),
                    Some((id, who, amount)) => {
                        let msg = if pay {
                            ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "RTGS".into() }
                        } else {
                            ExecuteMsg::RejectRedemption { id, reason: "refused".into() }
                        };
                        let r = f.exec(&op_addr, msg).map(|_| ());
                        prop_assert_eq!(r.is_ok(), !paused);
                        if r.is_ok() {
                            escrow.remove(0);
                            if pay {
                                supply -= amount;
                                *balances.entry(holders[who].clone()).or_default() -= amount;
                            }
                        }
                        r
                    }
                }
            }
            Op::Policy { bills_haircut, usd_cap, approve_usd } => {
                let mut p = default_policy();
                p.buckets[ReserveBucket::GovernmentBills.index()].haircut_bps = bills_haircut;
                p.buckets[ReserveBucket::UsdAssets.index()].cap_bps = usd_cap;
                if !approve_usd {
                    p.approved_foreign.clear();
                }
                let owner = f.owner.clone();
                let r = f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p.clone())).map(|_| ());
                prop_assert!(r.is_ok());
                model.policy = p;
                if model.latest.is_some() && model.eligible().u128() < supply {
                    model.halted = true;
                }
                r
            }
            Op::Advance { hours } => {
                f.advance(hours as u64 * 3600);
                Ok(())
            }
            Op::Pause(on) => {
                let pauser = f.pauser.clone();
                let r = f
                    .exec(
                        &pauser,
                        if on {
                            ExecuteMsg::Pause(harbour_types::NoArgs {})
                        } else {
                            ExecuteMsg::Unpause(harbour_types::NoArgs {})
                        },
                    )
                    .map(|_| ());
                paused = on;
                r
            }
            Op::Blacklist(i, on) => {
                let blr = f.blacklister.clone();
                let msg = if on {
                    ExecuteMsg::Blacklist { address: holders[i].to_string(), reason: "list".into() }
                } else {
                    ExecuteMsg::Unblacklist { address: holders[i].to_string(), reason: "delist".into() }
                };
                let r = f.exec(&blr, msg).map(|_| ());
                prop_assert_eq!(r.is_ok(), blacklisted[i] != on);
                if r.is_ok() {
                    blacklisted[i] = on;
                }
                r
            }
        };
        if result.is_err() {
            prop_assert!(f.snapshot() == before, "failed {:?} changed state", op);
        }
        // the contract agrees with the model, and nothing is created or lost
        let status = f.status();
        prop_assert_eq!(status.total_supply.u128(), supply);
        prop_assert_eq!(status.halted, model.halted);
        prop_assert_eq!(status.eligible_reserves, model.eligible());
        let requested: u128 = escrow.iter().map(|(_, _, a)| a).sum();
        prop_assert_eq!(status.held_for_redemption.u128(), requested);
        prop_assert_eq!(balances.values().sum::<u128>(), supply);
        for h in holders.iter().chain([&minter]) {
            prop_assert_eq!(f.balance(h), balances.get(h).copied().unwrap_or(0));
        }
        for (i, h) in holders.iter().enumerate() {
            let acct: harbour_types::hkd_stablecoin::StableAccountResponse =
                f.query(harbour_types::hkd_stablecoin::QueryMsg::Account(harbour_types::AddressArgs {
                    address: h.to_string(),
                }));
            let open: u128 = escrow.iter().filter(|e| e.1 == i).map(|e| e.2).sum();
            prop_assert_eq!(acct.held.u128(), open);
            prop_assert!(acct.held <= acct.balance);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn reserve_rule_and_conservation(ops in proptest::collection::vec(op(), 1..60)) {
        run(ops)?;
    }
}
