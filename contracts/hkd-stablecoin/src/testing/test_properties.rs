//! Property test over random operation sequences, checked against a model written here from the
//! rules in the README and **independent of `harbour_types::reserves`** (the model computes eligible
//! reserves, the mint budget, the quorum and staleness itself, with plain integers):
//!
//! - attestations from three attestors under a changing quorum (pending, matching, conflicting),
//!   stale `as_of`, out-of-band FX rates, wrong sequences, reused report hashes, and voids;
//! - policy changes (haircut, cap, approval of USD, maximum age, quorum): tightening counts at
//!   once, relaxation from the next attestation;
//! - mints by a minter with an allowance and by a rate-limited one; transfers, `TransferFrom`,
//!   `SendFrom`, `BurnFrom`, burns; redemptions, payouts and rejections; wipes; pauses; blacklisting.
//!
//! After every step: supply never exceeds what the attestation in force allows (everything minted
//! since it counted fits in the budget it opened, less any tightening); the mint budget never
//! increases except by a counting attestation; every call succeeds or fails exactly as the model
//! says (the rate-limited minter within the limit's documented conservatism); a failed call
//! changes nothing; Σ balances = supply (a redemption request holds the tokens in the holder's
//! balance: there is no escrow), every holder's held total equals its open requests, and a holder
//! moves, burns or redeems only its free balance.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Binary, Decimal, HexBinary, Timestamp};
use harbour_types::hkd_stablecoin::{AttestationInput, ExecuteMsg, RateLimit, StableRole, RATE_SLOTS};
use harbour_types::reserves::{BucketAmount, FxRate, ReserveBucket};
use proptest::prelude::*;

use super::{amt, default_policy, Fixture, DAY};
use crate::error::ContractError;

const HOUR: u64 = 3_600;
const RATE_LIMIT: u128 = 300_000;
const RATE_WINDOW: u64 = 6 * HOUR;
const ALLOWANCE_A: u128 = 700_000;

#[derive(Debug, Clone)]
enum Op {
    /// `copy`: confirm another attestor's pending submission instead of new figures.
    Submit {
        attestor: usize,
        cash: u32,
        bills: u32,
        usd: u32,
        rate_permille: u64,
        age_hours: u64,
        seq_offset: i8,
        reuse_hash: bool,
        copy: Option<usize>,
    },
    Void {
        latest: bool,
    },
    Policy {
        bills_haircut: u16,
        usd_cap: u16,
        approve_usd: bool,
        max_age_days: u64,
        quorum: u32,
    },
    /// `amount` 0: exactly the mint budget left (the boundary).
    Mint {
        rate_limited: bool,
        to: usize,
        amount: u32,
        receipt: bool,
    },
    Burn {
        amount: u32,
    },
    BurnFrom {
        owner: usize,
        amount: u32,
    },
    /// To the minter (for `BurnFrom`) or to the next holder (for the `_from` movements).
    Approve {
        owner: usize,
        to_minter: bool,
        amount: u32,
    },
    /// The next holder spends `owner`'s allowance.
    TransferFrom {
        owner: usize,
        to: usize,
        amount: u32,
        send: bool,
    },
    Transfer {
        from: usize,
        to: usize,
        amount: u32,
    },
    Redeem {
        who: usize,
        amount: u32,
    },
    Pay,
    Reject,
    Wipe {
        who: usize,
    },
    Advance {
        hours: u16,
    },
    Pause(bool),
    Blacklist(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    let submit = (
        0usize..3,
        0u32..1_500_000,
        0u32..400_000,
        0u32..60_000,
        prop_oneof![8 => 7_750u64..=7_850, 1 => 7_000u64..7_750, 1 => 7_851u64..9_000],
        prop_oneof![6 => 0u64..6, 2 => 6u64..50, 1 => 50u64..80],
        prop_oneof![12 => Just(0i8), 1 => Just(1i8), 1 => Just(-1i8)],
        proptest::bool::weighted(0.05),
        proptest::option::weighted(0.6, 0usize..3),
    )
        .prop_map(|(attestor, cash, bills, usd, rate_permille, age_hours, seq_offset, reuse_hash, copy)| Op::Submit {
            attestor,
            cash,
            bills,
            usd,
            rate_permille,
            age_hours,
            seq_offset,
            reuse_hash,
            copy,
        });
    prop_oneof![
        6 => submit,
        1 => any::<bool>().prop_map(|latest| Op::Void { latest }),
        2 => (0u16..=10_000, 0u16..=10_000, any::<bool>(), 1u64..=3, prop_oneof![Just(1u32), Just(2), Just(2), Just(3)]).prop_map(
            |(bills_haircut, usd_cap, approve_usd, max_age_days, quorum)| Op::Policy {
                bills_haircut, usd_cap, approve_usd, max_age_days, quorum
            }
        ),
        7 => (any::<bool>(), 0usize..4, prop_oneof![5 => 1u32..250_000, 2 => Just(0)], any::<bool>())
            .prop_map(|(rate_limited, to, amount, receipt)| Op::Mint { rate_limited, to, amount, receipt }),
        1 => (1u32..50_000).prop_map(|amount| Op::Burn { amount }),
        1 => (0usize..4, 1u32..50_000).prop_map(|(owner, amount)| Op::BurnFrom { owner, amount }),
        3 => (0usize..4, proptest::bool::weighted(0.3), 1u32..200_000)
            .prop_map(|(owner, to_minter, amount)| Op::Approve { owner, to_minter, amount }),
        3 => (0usize..4, 0usize..5, 1u32..60_000, any::<bool>())
            .prop_map(|(owner, to, amount, send)| Op::TransferFrom { owner, to, amount, send }),
        4 => (0usize..4, 0usize..5, 1u32..100_000).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        3 => (0usize..4, 100u32..100_000).prop_map(|(who, amount)| Op::Redeem { who, amount }),
        2 => Just(Op::Pay),
        1 => Just(Op::Reject),
        2 => (0usize..4).prop_map(|who| Op::Wipe { who }),
        3 => (1u16..30).prop_map(|hours| Op::Advance { hours }),
        1 => any::<bool>().prop_map(Op::Pause),
        2 => (0usize..4, any::<bool>()).prop_map(|(i, on)| Op::Blacklist(i, on)),
    ]
}

/// What an attestor submits (the model's own record of it).
#[derive(Debug, Clone, PartialEq)]
struct Report {
    seq: u64,
    as_of: u64,
    cash: u128,
    bills: u128,
    usd: u128,
    rate_permille: u64,
    hash: u64,
}

#[derive(Debug, Clone, Copy)]
struct Policy {
    bills_haircut: u16,
    usd_cap: u16,
    approve_usd: bool,
    max_age: u64,
    quorum: u32,
}

/// Eligible reserves, from the README's formula, with plain integers (amounts are small enough).
fn model_eligible(p: &Policy, r: &Report) -> u128 {
    let usd_hkd = r.usd * r.rate_permille as u128 / 1_000;
    let total = r.cash + r.bills + if p.approve_usd { usd_hkd } else { 0 };
    let capped = |value: u128, cap_bps: u16| value.min(total * cap_bps as u128 / 10_000);
    let haircut = |value: u128, bps: u16| value * (10_000 - bps as u128) / 10_000;
    let usd = if p.approve_usd { haircut(capped(usd_hkd, p.usd_cap), 200) } else { 0 };
    r.cash + haircut(r.bills, p.bills_haircut) + usd
}

/// The attestation in force, as the model sees it.
#[derive(Debug, Clone, Default)]
struct InForce {
    seq: u64,
    report: Option<Report>,
    stale_after: u64,
    eligible: u128,
    issued: u128,
    voided: bool,
    floor: u64,
    prev_floor: u64,
    /// The budget it opened and what was minted since (to check the rule end to end).
    opened: u128,
    minted_since: u128,
}

impl InForce {
    fn budget(&self) -> u128 {
        if self.seq == 0 || self.voided {
            0
        } else {
            self.eligible.saturating_sub(self.issued)
        }
    }
}

#[derive(Default, Debug)]
struct Coverage {
    counted: u32,
    quorum_counted: u32,
    pending: u32,
    conflicting: u32,
    too_old: u32,
    out_of_band: u32,
    wrong_sequence: u32,
    hash_reused: u32,
    void_in_force: u32,
    tightened: u32,
    halted: u32,
    over_budget: u32,
    stale_refused: u32,
    rate_limited: u32,
    allowance_refused: u32,
    budget_exhausted_exactly: u32,
    wipes: u32,
    burn_from: u32,
    transfer_from: u32,
    send_from: u32,
    payouts: u32,
    payout_blocked: u32,
}

enum Expect {
    Ok,
    Err,
    Either,
}

fn hash_of(id: u64) -> HexBinary {
    let mut h = vec![0xC3; 32];
    h[24..].copy_from_slice(&id.to_be_bytes());
    HexBinary::from(h)
}

fn input_of(r: &Report) -> AttestationInput {
    let b = |bucket, amount: u128| BucketAmount { bucket, amount: amt(amount) };
    AttestationInput {
        sequence: r.seq,
        as_of: Timestamp::from_seconds(r.as_of),
        buckets: vec![
            b(ReserveBucket::HkdCash, r.cash),
            b(ReserveBucket::GovernmentBills, r.bills),
            b(ReserveBucket::UsdAssets, r.usd),
        ],
        fx_rates: vec![FxRate { bucket: ReserveBucket::UsdAssets, rate: Decimal::permille(r.rate_permille) }],
        report_hash: hash_of(r.hash),
        report_uri: "https://reserves.harbour.example/prop".into(),
    }
}

/// Every sequence starts from a covering attestation and four holders with balances, then follows
/// the random operations (so the `_from` paths, wipes and payouts have something to move).
fn opening() -> Vec<Op> {
    let mut ops = vec![Op::Submit {
        attestor: 0,
        cash: 1_200_000,
        bills: 0,
        usd: 0,
        rate_permille: 7_800,
        age_hours: 0,
        seq_offset: 0,
        reuse_hash: false,
        copy: None,
    }];
    ops.extend((0..4).map(|to| Op::Mint { rate_limited: to % 2 == 0, to, amount: 120_000, receipt: to == 0 }));
    ops
}

fn run(random: Vec<Op>, cov: &mut Coverage) -> Result<(), TestCaseError> {
    let ops: Vec<Op> = opening().into_iter().chain(random).collect();
    let mut f = Fixture::bare();
    let owner = f.owner.clone();
    let attestors = [f.attestor.clone(), f.addr("auditor"), f.addr("examiner")];
    for a in &attestors[1..] {
        f.exec(&owner, ExecuteMsg::GrantRole { role: StableRole::Attestor, address: a.to_string() }).unwrap();
    }
    let (mm, minter_a, minter_b) = (f.master_minter.clone(), f.minter.clone(), f.addr("otc-desk"));
    f.exec(
        &mm,
        ExecuteMsg::ConfigureMinter { minter: minter_a.to_string(), allowance: amt(ALLOWANCE_A), rate_limit: None },
    )
    .unwrap();
    let rate = Some(RateLimit { amount: amt(RATE_LIMIT), window_seconds: RATE_WINDOW });
    f.exec(
        &mm,
        ExecuteMsg::ConfigureMinter { minter: minter_b.to_string(), allowance: amt(u128::MAX / 4), rate_limit: rate },
    )
    .unwrap();
    let holders: Vec<Addr> = (0..4).map(|i| f.addr(&format!("holder-{i}"))).collect();
    // holder index 4 stands for minter A (a recipient, a spender and the burner)
    let who = |i: usize| if i == 4 { minter_a.clone() } else { holders[i].clone() };

    let mut policy = Policy { bills_haircut: 50, usd_cap: 3_000, approve_usd: true, max_age: 2 * DAY, quorum: 1 };
    let mut m = InForce::default();
    let mut pending: BTreeMap<usize, Report> = BTreeMap::new();
    let mut used_hashes: Vec<u64> = vec![];
    let mut next_hash = 1u64;
    let mut counted: Vec<(u64, bool)> = vec![]; // (sequence, voided)
    let mut balances: BTreeMap<Addr, u128> = BTreeMap::new();
    let mut allowances: BTreeMap<(Addr, Addr), u128> = BTreeMap::new();
    let mut blacklisted = [false; 4];
    let mut paused = false;
    let mut supply: u128 = 0;
    let mut allowance_a = ALLOWANCE_A;
    let mut b_mints: Vec<(u64, u128)> = vec![];
    let mut escrow: Vec<(u64, usize, u128)> = vec![];

    for op in ops {
        let before = f.snapshot();
        let now = f.env.block.time.seconds();
        let budget_before = m.budget();
        let mut attestation_counted = false;
        let bal = |b: &BTreeMap<Addr, u128>, a: &Addr| b.get(a).copied().unwrap_or(0);
        // a holder's free balance: its balance less its open requests (held for the queue)
        let open = |e: &[(u64, usize, u128)], w: usize| e.iter().filter(|x| x.1 == w).map(|x| x.2).sum::<u128>();
        let free = |b: &BTreeMap<Addr, u128>, e: &[(u64, usize, u128)], w: usize| bal(b, &holders[w]) - open(e, w);
        let (expect, result): (Expect, Result<(), ContractError>) = match op.clone() {
            Op::Submit { attestor, cash, bills, usd, rate_permille, age_hours, seq_offset, reuse_hash, copy } => {
                let mut report = Report {
                    seq: (m.seq as i64 + 1 + seq_offset as i64).max(0) as u64,
                    as_of: now.saturating_sub(age_hours * HOUR),
                    cash: cash as u128,
                    bills: bills as u128,
                    usd: usd as u128,
                    rate_permille,
                    hash: next_hash,
                };
                if reuse_hash && !used_hashes.is_empty() {
                    report.hash = used_hashes[cash as usize % used_hashes.len()];
                } else if let Some(p) = copy.and_then(|c| pending.get(&c)) {
                    report = p.clone();
                }
                if report.hash == next_hash {
                    next_hash += 1;
                }
                let r = f.exec(&attestors[attestor], ExecuteMsg::PublishAttestation(input_of(&report)));
                let valid = if report.seq != m.seq + 1 {
                    cov.wrong_sequence += 1;
                    false
                } else if report.as_of < m.floor {
                    false
                } else if now - report.as_of > policy.max_age {
                    cov.too_old += 1;
                    false
                } else if used_hashes.contains(&report.hash) {
                    cov.hash_reused += 1;
                    false
                } else if !(7_750..=7_850).contains(&report.rate_permille) {
                    cov.out_of_band += 1;
                    false
                } else {
                    true
                };
                if valid {
                    let matching = pending.iter().filter(|(a, p)| **a != attestor && **p == report).count() as u32;
                    if pending.iter().any(|(a, p)| *a != attestor && p.seq == report.seq && *p != report) {
                        cov.conflicting += 1;
                    }
                    if matching + 1 < policy.quorum {
                        pending.insert(attestor, report.clone());
                        cov.pending += 1;
                    } else {
                        let eligible = model_eligible(&policy, &report);
                        let floor = if m.voided { m.prev_floor } else { m.floor };
                        m = InForce {
                            seq: report.seq,
                            stale_after: report.as_of + policy.max_age,
                            eligible,
                            issued: supply,
                            voided: false,
                            floor: report.as_of,
                            prev_floor: floor,
                            opened: eligible.saturating_sub(supply),
                            minted_since: 0,
                            report: Some(report.clone()),
                        };
                        used_hashes.push(report.hash);
                        counted.push((report.seq, false));
                        pending.clear();
                        attestation_counted = true;
                        cov.counted += 1;
                        if matching > 0 {
                            cov.quorum_counted += 1;
                        }
                    }
                }
                (if valid { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Void { latest } => {
                let target = if latest { m.seq } else { m.seq.saturating_sub(1) };
                let entry = counted.iter_mut().find(|(s, _)| *s == target);
                let valid = entry.as_ref().is_some_and(|(_, v)| !v);
                let r = f.exec(&owner, ExecuteMsg::VoidAttestation { sequence: target, reason: "restated".into() });
                if valid {
                    if let Some(e) = entry {
                        e.1 = true;
                    }
                    if target == m.seq {
                        m.voided = true;
                        m.floor = m.prev_floor;
                        cov.void_in_force += 1;
                    }
                }
                (if valid { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Policy { bills_haircut, usd_cap, approve_usd, max_age_days, quorum } => {
                let mut p = default_policy();
                p.buckets[ReserveBucket::GovernmentBills.index()].haircut_bps = bills_haircut;
                p.buckets[ReserveBucket::UsdAssets.index()].cap_bps = usd_cap;
                if !approve_usd {
                    p.approved_foreign.clear();
                }
                p.max_attestation_age = max_age_days * DAY;
                p.attestation_quorum = quorum;
                let r = f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p));
                policy = Policy { bills_haircut, usd_cap, approve_usd, max_age: max_age_days * DAY, quorum };
                if let (Some(report), false) = (&m.report, m.voided) {
                    let e = model_eligible(&policy, report);
                    if e < m.eligible {
                        cov.tightened += 1;
                    }
                    m.eligible = m.eligible.min(e);
                    m.stale_after = m.stale_after.min(report.as_of + policy.max_age);
                }
                (Expect::Ok, r.map(|_| ()))
            }
            Op::Mint { rate_limited, to, amount, receipt } => {
                let amount = if amount == 0 { m.budget().max(1) } else { amount as u128 };
                let (sender, allowance) =
                    if rate_limited { (&minter_b, u128::MAX / 4) } else { (&minter_a, allowance_a) };
                let msg = ExecuteMsg::Mint {
                    recipient: holders[to].to_string(),
                    amount: amt(amount),
                    bank_receipt: receipt.then(|| "BANK-RCPT-1".to_string()),
                };
                let r = f.exec(sender, msg);
                let in_force = m.seq > 0 && !m.voided;
                let under = m.eligible < m.issued;
                let fresh = now <= m.stale_after;
                let reserve_ok = in_force && !under && fresh && amount <= m.budget();
                if in_force && !under && !fresh {
                    cov.stale_refused += 1;
                }
                if in_force && !under && fresh && amount > m.budget() {
                    cov.over_budget += 1;
                }
                if reserve_ok && amount > allowance {
                    cov.allowance_refused += 1;
                }
                let base_ok = !paused && reserve_ok && amount <= allowance && !blacklisted[to];
                let expect = if !base_ok {
                    Expect::Err
                } else if rate_limited {
                    // exact over the window ≤ counted ≤ exact over window + one slot
                    let sum = |w: u64| b_mints.iter().filter(|(t, _)| t + w > now).map(|(_, a)| a).sum::<u128>();
                    let slot = RATE_WINDOW.div_ceil(RATE_SLOTS);
                    if sum(RATE_WINDOW) + amount > RATE_LIMIT {
                        Expect::Err
                    } else if sum(RATE_WINDOW + slot) + amount <= RATE_LIMIT {
                        Expect::Ok
                    } else {
                        Expect::Either
                    }
                } else {
                    Expect::Ok
                };
                if matches!(r, Err(ContractError::RateLimited { .. })) {
                    cov.rate_limited += 1;
                }
                if r.is_ok() {
                    supply += amount;
                    *balances.entry(holders[to].clone()).or_default() += amount;
                    m.issued += amount;
                    m.minted_since += amount;
                    if rate_limited {
                        b_mints.push((now, amount));
                    } else {
                        allowance_a -= amount;
                    }
                    if m.budget() == 0 {
                        cov.budget_exhausted_exactly += 1;
                    }
                }
                (expect, r.map(|_| ()))
            }
            Op::Burn { amount } => {
                let amount = amount as u128;
                let r = f.exec(&minter_a, ExecuteMsg::Burn { amount: amt(amount) });
                let ok = !paused && bal(&balances, &minter_a) >= amount;
                if r.is_ok() {
                    supply -= amount;
                    *balances.entry(minter_a.clone()).or_default() -= amount;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::BurnFrom { owner: o, amount } => {
                let amount = amount as u128;
                let key = (holders[o].clone(), minter_a.clone());
                let r = f.exec(&minter_a, ExecuteMsg::BurnFrom { owner: holders[o].to_string(), amount: amt(amount) });
                let ok = !paused
                    && !blacklisted[o]
                    && free(&balances, &escrow, o) >= amount
                    && allowances.get(&key).copied().unwrap_or(0) >= amount;
                if r.is_ok() {
                    supply -= amount;
                    *balances.entry(holders[o].clone()).or_default() -= amount;
                    *allowances.entry(key).or_default() -= amount;
                    cov.burn_from += 1;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Approve { owner: o, to_minter, amount } => {
                let spender = if to_minter { 4 } else { (o + 1) % 4 };
                let sp = who(spender);
                let r = f.exec(
                    &holders[o],
                    ExecuteMsg::IncreaseAllowance {
                        spender: sp.to_string(),
                        amount: amt(amount as u128),
                        expires: None,
                    },
                );
                let sp_blacklisted = spender < 4 && blacklisted[spender];
                let ok = !blacklisted[o] && !sp_blacklisted && holders[o] != sp;
                if r.is_ok() {
                    *allowances.entry((holders[o].clone(), sp)).or_default() += amount as u128;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::TransferFrom { owner: o, to, amount, send } => {
                let spender = (o + 1) % 4;
                let amount = amount as u128;
                let (sp, to_addr) = (holders[spender].clone(), who(to));
                let key = (holders[o].clone(), sp.clone());
                let msg = if send {
                    ExecuteMsg::SendFrom {
                        owner: holders[o].to_string(),
                        contract: to_addr.to_string(),
                        amount: amt(amount),
                        msg: Binary::default(),
                    }
                } else {
                    ExecuteMsg::TransferFrom {
                        owner: holders[o].to_string(),
                        recipient: to_addr.to_string(),
                        amount: amt(amount),
                    }
                };
                let r = f.exec(&sp, msg);
                let to_blacklisted = to < 4 && blacklisted[to];
                let ok = !paused
                    && !blacklisted[o]
                    && !to_blacklisted
                    && !blacklisted[spender]
                    && free(&balances, &escrow, o) >= amount
                    && allowances.get(&key).copied().unwrap_or(0) >= amount;
                if r.is_ok() {
                    *allowances.entry(key).or_default() -= amount;
                    if holders[o] != to_addr {
                        *balances.entry(holders[o].clone()).or_default() -= amount;
                        *balances.entry(to_addr).or_default() += amount;
                    }
                    if send {
                        cov.send_from += 1;
                    } else {
                        cov.transfer_from += 1;
                    }
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Transfer { from, to, amount } => {
                let amount = amount as u128;
                let to_addr = who(to);
                let r = f.transfer(&holders[from], &to_addr, amount);
                let to_blacklisted = to < 4 && blacklisted[to];
                let ok = !paused && !blacklisted[from] && !to_blacklisted && free(&balances, &escrow, from) >= amount;
                if r.is_ok() && holders[from] != to_addr {
                    *balances.entry(holders[from].clone()).or_default() -= amount;
                    *balances.entry(to_addr).or_default() += amount;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Redeem { who: w, amount } => {
                let amount = amount as u128;
                let r = f.request_redemption(&holders[w], amount);
                let ok = !paused && !blacklisted[w] && free(&balances, &escrow, w) >= amount;
                if let Ok(id) = r {
                    escrow.push((id, w, amount));
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Pay | Op::Reject => {
                let pay = matches!(op, Op::Pay);
                let op_addr = f.operator.clone();
                match escrow.first().copied() {
                    None => (Expect::Ok, Ok(())),
                    Some((id, w, amount)) => {
                        let msg = if pay {
                            ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "RTGS".into() }
                        } else {
                            ExecuteMsg::RejectRedemption { id, reason: "refused".into() }
                        };
                        let r = f.exec(&op_addr, msg);
                        // settlement goes on while paused; never a payout to a blacklisted holder
                        let ok = !(pay && blacklisted[w]);
                        if pay && blacklisted[w] {
                            cov.payout_blocked += 1;
                        }
                        if r.is_ok() {
                            escrow.remove(0);
                            if pay {
                                supply -= amount;
                                *balances.entry(holders[w].clone()).or_default() -= amount;
                                cov.payouts += 1;
                            }
                        }
                        (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
                    }
                }
            }
            Op::Wipe { who: w } => {
                let ap = f.asset_protector.clone();
                let r = f
                    .exec(&ap, ExecuteMsg::WipeBlacklisted { address: holders[w].to_string(), reason: "order".into() });
                let held = bal(&balances, &holders[w]);
                // held tokens are released first (the redemption operator rejects the requests)
                let ok = blacklisted[w] && held > 0 && open(&escrow, w) == 0;
                if r.is_ok() {
                    supply -= held;
                    balances.insert(holders[w].clone(), 0);
                    cov.wipes += 1;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
            Op::Advance { hours } => {
                f.advance(hours as u64 * HOUR);
                (Expect::Ok, Ok(()))
            }
            Op::Pause(on) => {
                let pauser = f.pauser.clone();
                let msg = if on {
                    ExecuteMsg::Pause(harbour_types::NoArgs {})
                } else {
                    ExecuteMsg::Unpause(harbour_types::NoArgs {})
                };
                let r = f.exec(&pauser, msg);
                paused = on;
                (Expect::Ok, r.map(|_| ()))
            }
            Op::Blacklist(i, on) => {
                let blr = f.blacklister.clone();
                let msg = if on {
                    ExecuteMsg::Blacklist { address: holders[i].to_string(), reason: "list".into() }
                } else {
                    ExecuteMsg::Unblacklist { address: holders[i].to_string(), reason: "delist".into() }
                };
                let r = f.exec(&blr, msg);
                let ok = blacklisted[i] != on;
                if r.is_ok() {
                    blacklisted[i] = on;
                }
                (if ok { Expect::Ok } else { Expect::Err }, r.map(|_| ()))
            }
        };
        match expect {
            Expect::Ok => prop_assert!(result.is_ok(), "{:?} refused: {:?}", op, result),
            Expect::Err => prop_assert!(result.is_err(), "{:?} accepted against the model", op),
            Expect::Either => {}
        }
        if result.is_err() {
            prop_assert!(f.snapshot() == before, "failed {:?} changed state", op);
        }

        // the contract agrees with the model, and the reserve rule holds end to end
        let s = f.status();
        prop_assert_eq!(s.total_supply.u128(), supply);
        prop_assert_eq!(s.mint_budget.u128(), m.budget(), "budget after {:?}", op);
        if m.seq > 0 && !m.voided {
            prop_assert_eq!((s.eligible_reserves.u128(), s.issued.u128()), (m.eligible, m.issued));
            prop_assert_eq!(s.halted, m.eligible < m.issued);
            prop_assert!(m.minted_since <= m.opened, "minted {} under a budget of {}", m.minted_since, m.opened);
            if s.halted {
                cov.halted += 1;
            }
        }
        prop_assert_eq!(s.latest_sequence.unwrap_or(0), m.seq);
        prop_assert_eq!(s.pending_submissions as usize, pending.len());
        if !attestation_counted {
            prop_assert!(m.budget() <= budget_before, "{:?} raised the mint budget", op);
        }
        let requested: u128 = escrow.iter().map(|(_, _, a)| a).sum();
        prop_assert_eq!(s.held_for_redemption.u128(), requested);
        prop_assert_eq!(balances.values().sum::<u128>(), supply);
        for h in holders.iter().chain([&minter_a]) {
            prop_assert_eq!(f.balance(h), bal(&balances, h));
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

#[test]
fn reserve_rule_quorum_and_conservation() {
    let c: Coverage = super::run_property(72, proptest::collection::vec(op(), 1..90), run);
    let reached = [
        c.counted,
        c.quorum_counted,
        c.pending,
        c.conflicting,
        c.too_old,
        c.out_of_band,
        c.wrong_sequence,
        c.hash_reused,
        c.void_in_force,
        c.tightened,
        c.halted,
        c.over_budget,
        c.stale_refused,
        c.rate_limited,
        c.allowance_refused,
        c.budget_exhausted_exactly,
        c.wipes,
        c.burn_from,
        c.transfer_from,
        c.send_from,
        c.payouts,
        c.payout_blocked,
    ];
    eprintln!("{c:?}");
    assert!(reached.iter().all(|n| *n > 0), "{c:?}");
}
