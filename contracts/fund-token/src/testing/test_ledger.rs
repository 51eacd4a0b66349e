use cosmwasm_std::{Decimal, Uint128};
use harbour_types::fund_token::MAX_LOCK_LOTS;
use proptest::prelude::*;

use crate::execute::nav::move_bps;
use crate::ledger::{add_lock, settle_income};
use crate::state::Account;

fn acct(balance: u128) -> Account {
    Account { balance: Uint128::new(balance), ..Default::default() }
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

#[test]
fn nav_move_in_bps_rounds_up() {
    assert_eq!(move_bps(Decimal::one(), Decimal::permille(1_010)).unwrap(), 100);
    assert_eq!(move_bps(Decimal::one(), Decimal::permille(990)).unwrap(), 100);
    // 0.00001 → 0.1 bps, rounded up to 1 so a tiny move is never "free"
    assert_eq!(move_bps(Decimal::one(), Decimal::from_ratio(100_001u128, 100_000u128)).unwrap(), 1);
    assert_eq!(move_bps(Decimal::one(), Decimal::one()).unwrap(), 0);
}

#[test]
fn income_settles_with_floor() {
    let mut a = acct(3);
    settle_income(&mut a, Decimal::from_ratio(1u128, 2u128)).unwrap();
    assert_eq!(a.accrued, Uint128::new(1)); // floor(1.5)
    assert_eq!(a.index, Decimal::from_ratio(1u128, 2u128));
    settle_income(&mut a, Decimal::from_ratio(1u128, 2u128)).unwrap();
    assert_eq!(a.accrued, Uint128::new(1)); // no double counting
}

proptest! {
    #[test]
    fn settled_income_never_exceeds_exact_share(balance in 0u128..1_000_000_000_000, steps in prop::collection::vec(1u128..1_000_000, 1..10)) {
        let mut a = acct(balance);
        let mut index = Decimal::zero();
        let mut exact_num = 0u128; // Σ step / 1e6 × balance, scaled by 1e6
        for step in steps {
            index += Decimal::from_ratio(step, 1_000_000u128);
            exact_num += step * balance;
            settle_income(&mut a, index).unwrap();
        }
        prop_assert!(a.accrued.u128() * 1_000_000 <= exact_num);
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
    assert_eq!(cosmwasm_std::to_json_string(&Account::default()).unwrap(), "{}");
}
