use cosmwasm_std::{Decimal, Uint128};
use harbour_types::fund_token::MAX_LOCK_LOTS;
use proptest::prelude::*;

use crate::income::settle;
use crate::ledger::add_lock;
use crate::state::{Account, Hot, INCOME_INDEX};

fn acct(balance: u128) -> Account {
    Account { balance: Uint128::new(balance), ..Default::default() }
}

/// The precedence of holds, freezes and locks (`Account::transferable`), against the formula
/// `max(0, balance − held − frozen − locked)` worked by hand.
#[test]
fn transferable_after_holds_then_freezes_then_locks() {
    let mut a = acct(1_000);
    a.held = Uint128::new(600);
    assert_eq!(a.transferable(0), Uint128::new(400));
    a.frozen = Uint128::new(500); // the freeze covers the 400 unheld units (and more once released)
    assert_eq!(a.transferable(0), Uint128::zero());
    a.held = Uint128::zero(); // the venue released the hold: the freeze now binds 500 of 1_000
    assert_eq!(a.transferable(0), Uint128::new(500));
    a.held = Uint128::new(100);
    a.locks = vec![(Uint128::new(150), 50)];
    assert_eq!(a.transferable(10), Uint128::new(250)); // 1_000 − 100 − 500 − 150
    assert_eq!(a.transferable(50), Uint128::new(400)); // the lot expired
    a.frozen_all = true;
    assert_eq!(a.transferable(50), Uint128::zero());
}

#[test]
fn transferable_respects_freeze_and_locks() {
    let mut a = acct(1_000);
    a.frozen = Uint128::new(100);
    a.locks = vec![(Uint128::new(200), 50), (Uint128::new(300), 10)];
    assert_eq!(a.locked(5), Uint128::new(500));
    assert_eq!(a.transferable(5), Uint128::new(400));
    assert_eq!(a.transferable(10), Uint128::new(700)); // the second lot expired at t=10
    assert_eq!(a.transferable(50), Uint128::new(900));
    a.frozen_all = true;
    assert_eq!(a.transferable(100), Uint128::zero());
}

#[test]
fn normalize_clips_to_balance_and_drops_expired_lots() {
    let mut a = acct(250);
    a.frozen = Uint128::new(400);
    a.locks = vec![(Uint128::new(200), 50), (Uint128::new(100), 60), (Uint128::new(10), 5)];
    a.normalize(10);
    assert_eq!(a.frozen, Uint128::new(250));
    assert_eq!(a.locks, vec![(Uint128::new(200), 50), (Uint128::new(50), 60)]);
}

#[test]
fn lock_lots_merge_conservatively_when_full() {
    let mut a = acct(0);
    for i in 0..MAX_LOCK_LOTS as u64 {
        add_lock(&mut a, Uint128::new(10), 100 + i, 0);
    }
    add_lock(&mut a, Uint128::new(5), 90, 0);
    assert_eq!(a.locks.len(), MAX_LOCK_LOTS);
    // merged into the latest lot, which keeps the later date
    assert_eq!(a.locks.last(), Some(&(Uint128::new(15), 100 + MAX_LOCK_LOTS as u64 - 1)));
    // expired lots are dropped before adding
    add_lock(&mut a, Uint128::new(1), 1_000, 500);
    assert_eq!(a.locks, vec![(Uint128::new(1), 1_000)]);
}

fn hot(index: Decimal, period: u32) -> Hot {
    Hot {
        paused: false,
        policy: harbour_types::fund_token::FundPolicy {
            required_claims: vec![],
            allowed_jurisdictions: vec![],
            blocked_jurisdictions: vec![],
            allowed_categories: vec![],
            max_holders: None,
            min_holding: Uint128::zero(),
            max_holding: None,
            primary_only: false,
        },
        required_codes: vec![],
        distributing: true,
        index,
        period,
    }
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn income_settles_exactly_and_once() {
    let storage = cosmwasm_std::testing::MockStorage::new();
    let mut a = acct(3);
    settle(&storage, &hot(dec("0.5"), 1), &mut a).unwrap();
    assert_eq!(a.accrued, dec("1.5")); // exact: the half unit is the holder's until it claims
    assert_eq!(a.index, dec("0.5"));
    settle(&storage, &hot(dec("0.5"), 1), &mut a).unwrap();
    assert_eq!(a.accrued, dec("1.5")); // no double counting
}

/// Record date: units issued in period 1 are excluded from the deposit that closes period 1 and
/// earn every later one (the index at the end of period 2 comes from the history).
#[test]
fn pending_units_earn_from_the_next_period() {
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    // 6 entitled units and 4 issued during period 1, checkpointed at index 0.2
    let fresh = || Account {
        balance: Uint128::new(10),
        pending: Uint128::new(4),
        pending_period: 1,
        index: dec("0.2"),
        ..Default::default()
    };
    // still in period 1: nothing to settle
    let mut a = fresh();
    settle(&storage, &hot(dec("0.2"), 1), &mut a).unwrap();
    assert_eq!((a.accrued, a.pending), (Decimal::zero(), Uint128::new(4)));
    // the deposit closing period 1 (index 0.2 → 0.5) pays only the 6 entitled units
    let mut a = fresh();
    settle(&storage, &hot(dec("0.5"), 2), &mut a).unwrap();
    assert_eq!((a.accrued, a.pending, a.pending_period), (dec("1.8"), Uint128::zero(), 0));
    // settled only after period 3 closed (index 0.7): 6 × 0.5 + 4 × (0.7 − 0.5) = 3.8
    INCOME_INDEX.save(&mut storage, 2, &dec("0.5")).unwrap();
    let mut a = fresh();
    settle(&storage, &hot(dec("0.7"), 3), &mut a).unwrap();
    assert_eq!(a.accrued, dec("3.8"));
}

proptest! {
    /// The oracle: Σ step × balance computed in integers.
    #[test]
    fn settled_income_is_the_exact_share(balance in 0u128..1_000_000_000_000, steps in prop::collection::vec(1u128..1_000_000, 1..10)) {
        let storage = cosmwasm_std::testing::MockStorage::new();
        let mut a = acct(balance);
        let mut index = Decimal::zero();
        let mut exact_micro = 0u128; // Σ step × balance, in millionths
        for step in steps {
            index += Decimal::from_ratio(step, 1_000_000u128);
            exact_micro += step * balance;
            settle(&storage, &hot(index, 1), &mut a).unwrap();
        }
        prop_assert_eq!(a.accrued.atomics().u128(), exact_micro * 1_000_000_000_000);
    }

    #[test]
    fn compact_account_encoding_round_trips(balance in any::<u64>(), did in any::<u32>(), frozen in any::<u64>(), unbound in any::<bool>()) {
        let a = Account { balance: Uint128::new(balance.into()), did, frozen: Uint128::new(frozen.into()), unbound, ..Default::default() };
        let bytes = cosmwasm_std::to_json_vec(&a).unwrap();
        prop_assert_eq!(cosmwasm_std::from_json::<Account>(&bytes).unwrap(), a);
    }
}

#[test]
fn account_encoding_is_compact() {
    let a = Account { balance: Uint128::new(1_000_000), did: 7, ..Default::default() };
    assert_eq!(cosmwasm_std::to_json_string(&a).unwrap(), r#"{"b":"1000000","d":7}"#);
    // a hold adds its total to the same record (no other record is read by a transfer)
    let a = Account { balance: Uint128::new(1_000_000), held: Uint128::new(400_000), did: 7, ..Default::default() };
    assert_eq!(cosmwasm_std::to_json_string(&a).unwrap(), r#"{"b":"1000000","h":"400000","d":7}"#);
    assert_eq!(cosmwasm_std::to_json_string(&Account::default()).unwrap(), "{}");
}
