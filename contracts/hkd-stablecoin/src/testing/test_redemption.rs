//! Redemption at par on holds: request (held in the holder's balance), payout (burned), rejection
//! (released), limits, deadlines and the open queue.

use harbour_types::hkd_stablecoin::{
    ExecuteMsg, HolderMode, QueryMsg, RedemptionConfig, RedemptionRequest, RedemptionRequestsResponse,
    RedemptionStatus, ReserveStatusResponse,
};

use super::{amt, Fixture, DAY};
use crate::error::ContractError;

fn open(f: &Fixture, overdue_only: bool, start_after: Option<u64>, limit: Option<u32>) -> Vec<u64> {
    let r: RedemptionRequestsResponse = f.query(QueryMsg::OpenRedemptions { overdue_only, start_after, limit });
    r.requests.iter().map(|r| r.id).collect()
}

#[test]
fn lifecycle_paid_and_rejected() {
    let mut f = Fixture::new();
    let (alice, op) = (f.alice.clone(), f.operator.clone());
    let id = f.request_redemption(&alice, 100_000).unwrap();
    assert_eq!(id, 1);
    // the tokens stay in alice's balance, held for the redemption queue; Σ balances = supply
    assert_eq!((f.balance(&alice), f.supply()), (500_000, 500_000));
    let s: ReserveStatusResponse = f.status();
    assert_eq!(s.held_for_redemption, amt(100_000));
    let acct: harbour_types::hkd_stablecoin::StableAccountResponse =
        f.query(QueryMsg::Account(harbour_types::AddressArgs { address: alice.to_string() }));
    assert_eq!((acct.held, acct.free), (amt(100_000), amt(400_000)));
    let queue = f.env.contract.address.clone();
    let hold: harbour_types::holds::HoldInfo =
        f.query(QueryMsg::Hold { owner: alice.to_string(), venue: queue.to_string() });
    assert_eq!((hold.amount, hold.expires), (amt(100_000), None));
    // held tokens cannot move: the free balance is what a transfer may take
    let bob = f.bob.clone();
    f.assert_rejected(
        &alice,
        ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(400_001) },
        ContractError::BalanceHeld { free: amt(400_000), held: amt(100_000), needed: amt(400_001) },
    );
    let r: RedemptionRequest = f.query(QueryMsg::RedemptionRequest { id });
    assert_eq!(
        (r.holder.clone(), r.amount, r.status.clone()),
        (alice.clone(), amt(100_000), RedemptionStatus::Pending)
    );
    // deadlines are whole seconds (truncated: never later than the SLA)
    assert_eq!(r.deadline.seconds(), f.env.block.time.seconds() + DAY);
    assert_eq!(r.payout_reference, "acct-ref-7f3a");

    f.advance(3600);
    let res = f.exec(&op, ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "RTGS-HK-0042".into() }).unwrap();
    assert!(res.attributes.iter().any(|a| a.key == "action" && a.value == "mark_redemption_paid"));
    assert_eq!((f.balance(&alice), f.supply(), f.status().held_for_redemption), (400_000, 400_000, amt(0)));
    let r: RedemptionRequest = f.query(QueryMsg::RedemptionRequest { id });
    assert!(
        matches!(r.status, RedemptionStatus::Paid { ref payment_reference, .. } if payment_reference == "RTGS-HK-0042")
    );
    f.assert_rejected(
        &op,
        ExecuteMsg::RejectRedemption { id, reason: "late".into() },
        ContractError::RequestClosed { id, status: "paid" },
    );

    let id2 = f.request_redemption(&alice, 50_000).unwrap();
    f.exec(&op, ExecuteMsg::RejectRedemption { id: id2, reason: "payout account not verified".into() }).unwrap();
    assert_eq!((f.balance(&alice), f.supply(), f.status().held_for_redemption), (400_000, 400_000, amt(0)));
    let acct: harbour_types::hkd_stablecoin::StableAccountResponse =
        f.query(QueryMsg::Account(harbour_types::AddressArgs { address: alice.to_string() }));
    assert_eq!((acct.held, acct.free), (amt(0), amt(400_000)));
    f.assert_rejected(
        &op,
        ExecuteMsg::MarkRedemptionPaid { id: id2, payment_reference: "x".into() },
        ContractError::RequestClosed { id: id2, status: "rejected" },
    );
    f.assert_rejected(
        &op,
        ExecuteMsg::MarkRedemptionPaid { id: 77, payment_reference: "x".into() },
        ContractError::RequestNotFound { id: 77 },
    );
    let all: RedemptionRequestsResponse =
        f.query(QueryMsg::RedemptionRequests { holder: Some(alice.to_string()), start_after: None, limit: None });
    assert_eq!(all.requests.len(), 2);
}

#[test]
fn limits_and_inputs() {
    let mut f = Fixture::new();
    let (alice, bob) = (f.alice.clone(), f.bob.clone());
    let req = |amount: u128, r: &str| ExecuteMsg::RequestRedemption { amount: amt(amount), payout_reference: r.into() };
    f.assert_rejected(
        &alice,
        req(99, "r"),
        ContractError::BelowMinimumRedemption { amount: amt(99), minimum: amt(100) },
    );
    f.assert_rejected(
        &alice,
        req(10_000_001, "r"),
        ContractError::AboveMaximumRedemption { amount: amt(10_000_001), maximum: amt(10_000_000) },
    );
    f.assert_rejected(&alice, req(100, " "), ContractError::InvalidText { field: "payout_reference", max: 256 });
    f.assert_rejected(&bob, req(100, "r"), ContractError::InsufficientBalance { available: amt(0), needed: amt(100) });
    f.assert_rejected(&alice, req(0, "r"), ContractError::ZeroAmount {});
    // config validation
    let owner = f.owner.clone();
    let bad = RedemptionConfig { min_amount: amt(0), ..RedemptionConfig::default() };
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateRedemptionConfig(bad),
        ContractError::InvalidRedemptionConfig { reason: "min_amount must be positive".into() },
    );
    let bad = RedemptionConfig { max_amount: Some(amt(0)), ..RedemptionConfig::default() };
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateRedemptionConfig(bad),
        ContractError::InvalidRedemptionConfig { reason: "max_amount is below min_amount".into() },
    );
    let bad = RedemptionConfig { sla_seconds: 0, ..RedemptionConfig::default() };
    assert!(matches!(
        f.exec(&owner, ExecuteMsg::UpdateRedemptionConfig(bad)),
        Err(ContractError::InvalidRedemptionConfig { .. })
    ));
    f.exec(&owner, ExecuteMsg::UpdateRedemptionConfig(RedemptionConfig::default())).unwrap();
    f.request_redemption(&alice, 20_000_000).unwrap_err(); // over balance, no max any more
    f.request_redemption(&alice, 1).unwrap();
}

#[test]
fn lapsed_kyc_never_blocks_the_exit() {
    let mut f = Fixture::new();
    let (alice, owner) = (f.alice.clone(), f.owner.clone());
    let until = f.env.block.time.seconds() + DAY;
    f.push_kyc(&alice, until);
    f.exec(&owner, ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated }).unwrap();
    f.advance(2 * DAY);
    assert_eq!(
        f.transfer(&alice, &f.bob.clone(), 1),
        Err(ContractError::NotKycVerified { address: alice.to_string() })
    );
    f.request_redemption(&alice, 1_000).unwrap();
    // a rejected request returns the tokens even though alice may no longer receive transfers
    let op = f.operator.clone();
    f.exec(&op, ExecuteMsg::RejectRedemption { id: 1, reason: "returned".into() }).unwrap();
    assert_eq!(f.balance(&alice), 500_000);
}

#[test]
fn overdue_queue_by_deadline_with_pagination() {
    let mut f = Fixture::new(); // SLA: one calendar day
    let alice = f.alice.clone();
    let mut ids = vec![];
    for _ in 0..5 {
        ids.push(f.request_redemption(&alice, 1_000).unwrap());
        f.advance(3600);
    }
    // shorten the SLA: later requests get earlier deadlines, the queue orders by deadline
    let owner = f.owner.clone();
    f.exec(
        &owner,
        ExecuteMsg::UpdateRedemptionConfig(RedemptionConfig {
            min_amount: amt(1),
            max_amount: None,
            sla_seconds: 600,
            business_days_only: false,
        }),
    )
    .unwrap();
    let late = f.request_redemption(&alice, 1_000).unwrap(); // deadline now + 600
    assert_eq!(open(&f, false, None, None), vec![late, ids[0], ids[1], ids[2], ids[3], ids[4]]);
    assert!(open(&f, true, None, None).is_empty());
    // exactly at the deadline it is due, not overdue
    f.advance(600);
    assert!(open(&f, true, None, None).is_empty());
    f.advance(1);
    assert_eq!(open(&f, true, None, None), vec![late]);
    // 24 h after the first request it is overdue too
    f.advance(DAY - 5 * 3600 - 601 + 1);
    assert_eq!(open(&f, true, None, None), vec![late, ids[0]]);
    // pagination by the last id of the previous page
    assert_eq!(open(&f, false, None, Some(2)), vec![late, ids[0]]);
    assert_eq!(open(&f, false, Some(ids[0]), Some(2)), vec![ids[1], ids[2]]);
    assert_eq!(open(&f, false, Some(ids[2]), None), vec![ids[3], ids[4]]);
    // paying removes a request from the queue
    let op = f.operator.clone();
    f.exec(&op, ExecuteMsg::MarkRedemptionPaid { id: ids[0], payment_reference: "p".into() }).unwrap();
    assert_eq!(open(&f, true, None, None), vec![late]);
    // the paid request still pages correctly as a start key
    assert_eq!(open(&f, false, Some(ids[0]), Some(1)), vec![ids[1]]);
    let all: RedemptionRequestsResponse =
        f.query(QueryMsg::RedemptionRequests { holder: None, start_after: Some(ids[2]), limit: Some(2) });
    assert_eq!(all.requests.iter().map(|r| r.id).collect::<Vec<_>>(), vec![ids[3], ids[4]]);
}

#[test]
fn business_day_sla() {
    let mut f = Fixture::new();
    let (owner, alice) = (f.owner.clone(), f.alice.clone());
    f.exec(
        &owner,
        ExecuteMsg::UpdateRedemptionConfig(RedemptionConfig {
            min_amount: amt(1),
            max_amount: None,
            sla_seconds: DAY,
            business_days_only: true,
        }),
    )
    .unwrap();
    // 2026-01-09 17:00 HKT, a Friday
    f.env.block.time = cosmwasm_std::Timestamp::from_seconds(1_767_949_200);
    let id = f.request_redemption(&alice, 1_000).unwrap();
    let r: RedemptionRequest = f.query(QueryMsg::RedemptionRequest { id });
    assert_eq!(r.deadline, cosmwasm_std::Timestamp::from_seconds(1_767_949_200 + 3 * DAY));
    f.advance(2 * DAY);
    assert!(open(&f, true, None, None).is_empty(), "the weekend does not count");
    f.advance(DAY + 1);
    assert_eq!(open(&f, true, None, None), vec![id]);
}
