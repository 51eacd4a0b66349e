//! Attestations, the reserve policy, halts and the reserve status.

use cosmwasm_std::{Decimal, HexBinary};
use harbour_types::hkd_stablecoin::{AttestationRecord, AttestationsResponse, ExecuteMsg, QueryMsg};
use harbour_types::reserves::{BucketAmount, FxRate, ReserveBucket, ReserveError};

use super::{amt, default_policy, Fixture, DAY};
use crate::error::ContractError;

fn cash(amount: u128) -> BucketAmount {
    BucketAmount { bucket: ReserveBucket::HkdCash, amount: amt(amount) }
}

#[test]
fn attestation_validation() {
    let mut f = Fixture::new();
    let attestor = f.attestor.clone();
    let publish = ExecuteMsg::PublishAttestation;

    let mut stale_seq = f.attestation(vec![cash(1)], vec![]);
    stale_seq.sequence = 1;
    f.assert_rejected(&attestor, publish(stale_seq), ContractError::SequenceNotNext { expected: 2, got: 1 });

    let mut future = f.attestation(vec![cash(1)], vec![]);
    future.as_of = f.env.block.time.plus_seconds(1);
    f.assert_rejected(
        &attestor,
        publish(future),
        ContractError::AsOfInFuture { as_of: f.env.block.time.plus_seconds(1), now: f.env.block.time },
    );

    f.advance(100);
    let mut older = f.attestation(vec![cash(1)], vec![]);
    older.as_of = f.env.block.time.minus_seconds(101);
    f.assert_rejected(
        &attestor,
        publish(older),
        ContractError::AsOfBeforeLatest {
            as_of: f.env.block.time.minus_seconds(101),
            latest: cosmwasm_std::Timestamp::from_seconds(f.env.block.time.seconds() - 100),
        },
    );

    let mut bad_hash = f.attestation(vec![cash(1)], vec![]);
    bad_hash.report_hash = HexBinary::from(vec![1; 31]);
    f.assert_rejected(&attestor, publish(bad_hash), ContractError::InvalidReportHash { len: 31 });

    let mut no_uri = f.attestation(vec![cash(1)], vec![]);
    no_uri.report_uri = "".into();
    f.assert_rejected(&attestor, publish(no_uri), ContractError::InvalidText { field: "report_uri", max: 256 });

    let missing_fx = f.attestation(vec![BucketAmount { bucket: ReserveBucket::UsdAssets, amount: amt(5) }], vec![]);
    f.assert_rejected(
        &attestor,
        publish(missing_fx),
        ContractError::Reserve(ReserveError::MissingFxRate { bucket: ReserveBucket::UsdAssets }),
    );
    let dup = f.attestation(vec![cash(1), cash(2)], vec![]);
    f.assert_rejected(
        &attestor,
        publish(dup),
        ContractError::Reserve(ReserveError::DuplicateBucket { bucket: ReserveBucket::HkdCash }),
    );
    let bad_fx = f.attestation(vec![cash(1)], vec![FxRate { bucket: ReserveBucket::HkdCash, rate: Decimal::one() }]);
    f.assert_rejected(
        &attestor,
        publish(bad_fx),
        ContractError::Reserve(ReserveError::NotForeign { bucket: ReserveBucket::HkdCash }),
    );
    // sequences are consecutive: no gap, so no sequence can block the ones after it
    let mut gap = f.attestation(vec![cash(2_000_000)], vec![]);
    gap.sequence = 3;
    f.assert_rejected(&attestor, publish(gap), ContractError::SequenceNotNext { expected: 2, got: 3 });
    f.publish(f.attestation(vec![cash(2_000_000)], vec![])).unwrap();
    assert_eq!(f.status().latest_sequence, Some(2));
}

#[test]
fn breakdown_applies_fx_caps_haircuts_and_approval() {
    let mut f = Fixture::new();
    // policy: USD approved, 2% haircut, 30% cap; bills 0.5% haircut; CNH not approved
    let input = f.attestation(
        vec![
            cash(400_000),
            BucketAmount { bucket: ReserveBucket::GovernmentBills, amount: amt(200_000) },
            BucketAmount { bucket: ReserveBucket::UsdAssets, amount: amt(100_000) },
            BucketAmount { bucket: ReserveBucket::CnhAssets, amount: amt(100_000) },
        ],
        vec![Fixture::usd_rate(7_800), FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::permille(1_080) }],
    );
    f.publish(input).unwrap();
    let s = f.status();
    let b = s.breakdown.clone().unwrap();
    // counted total = 400,000 + 200,000 + 780,000 = 1,380,000; CNH 108,000 attested but excluded
    assert_eq!(b.attested_total, amt(1_488_000));
    assert_eq!(b.counted_total, amt(1_380_000));
    // USD: cap 30% = 414,000 < 780,000 → 414,000 × 0.98 = 405,720; bills 199,000
    assert_eq!(b.buckets[ReserveBucket::UsdAssets.index()].eligible, amt(405_720));
    assert_eq!(b.buckets[ReserveBucket::GovernmentBills.index()].eligible, amt(199_000));
    assert_eq!(s.eligible_reserves, amt(400_000 + 199_000 + 405_720));
    assert_eq!(s.total_supply, amt(500_000));
    assert_eq!(s.mint_budget, amt(1_004_720 - 500_000));
    assert_eq!(s.reserve_ratio_bps, Some(amt(20_094)));
    let record: AttestationRecord = f.query(QueryMsg::Attestation { sequence: 2 });
    assert_eq!(record.eligible_reserves, amt(1_004_720));
    assert!(record.covering);
    assert_eq!(record.buckets.len(), 4);
}

#[test]
fn under_reserved_attestation_halts_until_a_covering_one() {
    let mut f = Fixture::new(); // supply 500,000
    let (alice, bob, minter) = (f.alice.clone(), f.bob.clone(), f.minter.clone());
    let res = f.publish(f.attestation(vec![cash(499_999)], vec![])).unwrap();
    assert!(res.attributes.iter().any(|a| a.key == "minting_halted" && a.value == "true"));
    let s = f.status();
    assert!(s.halted && !s.mint_allowed);
    assert_eq!(s.mint_budget, amt(0));
    assert_eq!(s.reserve_ratio_bps, Some(amt(9_999)));
    f.assert_rejected(
        &minter,
        super::mint_msg(&bob, 1),
        ContractError::MintingHalted { sequence: 2, eligible: amt(499_999), issued: amt(500_000) },
    );
    // transfers and redemptions keep working; paying redemptions lowers supply below eligible,
    // but only a covering attestation lifts the halt
    f.transfer(&alice, &bob, 1_000).unwrap();
    let id = f.request_redemption(&alice, 10_000).unwrap();
    let op = f.operator.clone();
    f.exec(&op, ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "CHATS-20260105-001".into() }).unwrap();
    assert_eq!(f.supply(), 490_000);
    assert!(f.status().halted);
    assert!(f.mint(&bob, 1).is_err());
    f.publish(f.attestation(vec![cash(490_000)], vec![])).unwrap();
    assert!(!f.status().halted);
    assert_eq!(f.status().mint_budget, amt(0));
    f.attest_cash(600_000);
    f.mint(&bob, 1).unwrap();
}

#[test]
fn policy_tightening_applies_at_once_relaxation_from_the_next_attestation() {
    let mut f = Fixture::new(); // supply 500,000
    let owner = f.owner.clone();
    let input = f.attestation(
        vec![cash(300_000), BucketAmount { bucket: ReserveBucket::UsdAssets, amount: amt(100_000) }],
        vec![Fixture::usd_rate(7_800)],
    );
    f.publish(input.clone()).unwrap();
    // USD cap 30% of 1,080,000 = 324,000 × 0.98 = 317,520 → eligible 617,520, budget 117,520
    assert_eq!((f.status().eligible_reserves, f.budget()), (amt(617_520), 117_520));
    // withdraw USD approval: eligible 300,000 < issued 500,000 → halted at once
    let mut p = default_policy();
    p.approved_foreign.clear();
    let res = f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p)).unwrap();
    assert!(res.attributes.iter().any(|a| a.key == "minting_halted" && a.value == "true"));
    assert_eq!((f.status().eligible_reserves, f.budget()), (amt(300_000), 0));
    assert!(f.status().halted);
    // restoring the policy is a relaxation: it shows in the breakdown, counts from the next report
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(default_policy())).unwrap();
    let s = f.status();
    assert_eq!((s.eligible_reserves, s.halted), (amt(300_000), true));
    assert_eq!(s.breakdown.unwrap().eligible, amt(617_520));
    let mut next = input;
    next.sequence = 3;
    next.report_hash = super::report_hash(3);
    f.publish(next).unwrap();
    assert_eq!((f.status().eligible_reserves, f.budget(), f.status().halted), (amt(617_520), 117_520, false));
    // a partial tightening lowers the budget by as much as eligible fell: cap 20% of 1,080,000 =
    // 216,000 × 0.98 = 211,680 → eligible 511,680, budget 11,680
    let mut p = default_policy();
    p.buckets[ReserveBucket::UsdAssets.index()].cap_bps = 2_000;
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p)).unwrap();
    assert_eq!(f.budget(), 11_680);
    // the maximum age: shortening applies to the attestation in force, lengthening does not
    let mut p = default_policy();
    p.max_attestation_age = 60;
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p)).unwrap();
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(default_policy())).unwrap();
    f.advance(61);
    assert!(f.status().stale);
    // an invalid policy is refused with a typed error
    let mut bad = default_policy();
    bad.buckets[3].haircut_bps = 10_001;
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateReservePolicy(bad),
        ContractError::Reserve(ReserveError::BpsOutOfRange {
            bucket: ReserveBucket::ReverseRepo,
            field: "haircut_bps",
            bps: 10_001,
        }),
    );
}

#[test]
fn history_is_paginated_newest_first() {
    let mut f = Fixture::new();
    for i in 0..12u128 {
        f.advance(DAY / 4);
        f.attest_cash(1_000_000 + i);
    }
    let page: AttestationsResponse = f.query(QueryMsg::Attestations { start_before: None, limit: Some(5) });
    let seqs: Vec<u64> = page.attestations.iter().map(|a| a.sequence).collect();
    assert_eq!(seqs, vec![13, 12, 11, 10, 9]);
    let next: AttestationsResponse = f.query(QueryMsg::Attestations { start_before: Some(9), limit: Some(5) });
    assert_eq!(next.attestations.iter().map(|a| a.sequence).collect::<Vec<_>>(), vec![8, 7, 6, 5, 4]);
    let last: AttestationsResponse = f.query(QueryMsg::Attestations { start_before: Some(4), limit: None });
    assert_eq!(last.attestations.iter().map(|a| a.sequence).collect::<Vec<_>>(), vec![3, 2, 1]);
    assert_eq!(
        f.try_query::<AttestationRecord>(QueryMsg::Attestation { sequence: 99 }),
        Err(ContractError::AttestationNotFound { sequence: 99 })
    );
}
