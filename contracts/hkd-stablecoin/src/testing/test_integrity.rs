//! Stablecoin integrity (issue 10): each reproduced defect, now refused or correct; the mint
//! budget; consecutive sequences and the void path; the quorum; FX bands; bank receipts; the
//! reserve ratio near `u128::MAX` and the CW20 `Minter.cap`.

use cosmwasm_std::Decimal;
use cw20::MinterResponse;
use cw_ownable::Action;
use harbour_types::hkd_stablecoin::{
    AttestationRecord, ExecuteMsg, PendingAttestationsResponse, QueryMsg, RedemptionRequestsResponse, StableRole,
};
use harbour_types::reserves::{BucketAmount, FxRate, ReserveBucket, ReserveError};

use super::{amt, default_policy, mint_msg, report_hash, Fixture, DAY};
use crate::error::ContractError;
use crate::state::{Account, ACCOUNTS};

fn cash(amount: u128) -> BucketAmount {
    BucketAmount { bucket: ReserveBucket::HkdCash, amount: amt(amount) }
}

fn over_budget(remaining: u128, amount: u128) -> ContractError {
    ContractError::Reserve(ReserveError::ExceedsMintBudget { remaining: amt(remaining), amount: amt(amount) })
}

fn pay(f: &mut Fixture, id: u64) -> Result<cosmwasm_std::Response, ContractError> {
    let op = f.operator.clone();
    f.exec(&op, ExecuteMsg::MarkRedemptionPaid { id, payment_reference: format!("CHATS-{id}") })
}

fn attr<'a>(res: &'a cosmwasm_std::Response, key: &str) -> Option<&'a str> {
    res.attributes.iter().find(|a| a.key == key).map(|a| a.value.as_str())
}

/// Defect 1 (critical), and the README's worked example: attest 1,000,000, mint 1,000,000, redeem
/// 500,000 and pay it, try to mint 500,000 again: refused. Before the fix, five rounds of this paid
/// out 2,500,000 against one attestation while the status showed 100% backing.
#[test]
fn an_attestation_backs_each_dollar_once() {
    let mut f = Fixture::bare();
    let (alice, minter) = (f.alice.clone(), f.minter.clone());
    f.attest_cash(1_000_000);
    assert_eq!(f.budget(), 1_000_000);
    f.mint(&alice, 1_000_000).unwrap();
    let mut paid_out = 0;
    for _ in 0..5 {
        let id = f.request_redemption(&alice, 500_000).unwrap_or(0);
        if id == 0 {
            break;
        }
        pay(&mut f, id).unwrap();
        paid_out += 500_000;
        let s = f.status();
        // the fiat left the reserve with the payout: the budget stays spent and the backing fell
        assert_eq!((s.mint_budget, s.issued), (amt(0), amt(1_000_000)));
        assert_eq!(s.backing, s.total_supply);
        f.assert_rejected(&minter, mint_msg(&alice, 500_000), over_budget(0, 500_000));
    }
    assert_eq!(paid_out, 1_000_000, "no more is paid out than the attestation backed");
    let s = f.status();
    assert_eq!((s.total_supply, s.backing, s.reserve_ratio_bps), (amt(0), amt(0), None));
    // only the next attestation opens a new budget: eligible − supply at publication
    f.attest_cash(400_000);
    assert_eq!(f.budget(), 400_000);
}

#[test]
fn burns_and_wipes_never_refill_the_budget() {
    let mut f = Fixture::new(); // 1,000,000 attested, 500,000 minted to alice
    let (alice, minter, bob, ap) = (f.alice.clone(), f.minter.clone(), f.bob.clone(), f.asset_protector.clone());
    f.transfer(&alice, &minter, 100_000).unwrap();
    f.exec(&minter, ExecuteMsg::Burn { amount: amt(100_000) }).unwrap();
    f.exec(&alice, ExecuteMsg::IncreaseAllowance { spender: minter.to_string(), amount: amt(50_000), expires: None })
        .unwrap();
    f.exec(&minter, ExecuteMsg::BurnFrom { owner: alice.to_string(), amount: amt(50_000) }).unwrap();
    f.transfer(&alice, &bob, 30_000).unwrap();
    f.blacklist(&bob);
    f.exec(&ap, ExecuteMsg::WipeBlacklisted { address: bob.to_string(), reason: "HCMP 9/2026".into() }).unwrap();
    let s = f.status();
    assert_eq!((s.total_supply, s.mint_budget, s.issued), (amt(320_000), amt(500_000), amt(500_000)));
    // backing = 1,000,000 − 180,000 burned or wiped since the attestation
    assert_eq!((s.backing, s.reserve_ratio_bps), (amt(820_000), Some(amt(25_625))));
    f.assert_rejected(&minter, mint_msg(&alice, 500_001), over_budget(500_000, 500_001));
    f.mint(&alice, 500_000).unwrap();
}

/// Defect 2: one attestor publishing `u64::MAX` used to block every later attestation.
#[test]
fn no_sequence_can_block_later_attestations() {
    let mut f = Fixture::new();
    let attestor = f.attestor.clone();
    for bad in [u64::MAX, 3, 1, 0] {
        let mut input = f.attestation(vec![cash(2_000_000)], vec![]);
        input.sequence = bad;
        f.assert_rejected(
            &attestor,
            ExecuteMsg::PublishAttestation(input),
            ContractError::SequenceNotNext { expected: 2, got: bad },
        );
    }
    f.attest_cash(2_000_000);
    assert_eq!(f.status().latest_sequence, Some(2));
}

/// Defect 2, the remedy for a wrong attestation that did count: the owner voids it (evented);
/// minting stops until the next sequence counts, and the `as_of` floor returns to the previous one.
#[test]
fn the_owner_voids_a_bad_attestation() {
    let mut f = Fixture::new(); // attestation 1 as of t0: 1,000,000; supply 500,000
    let (owner, minter, alice) = (f.owner.clone(), f.minter.clone(), f.alice.clone());
    let t0 = cosmwasm_std::Timestamp::from_seconds(f.env.block.time.seconds());
    f.advance(3_600);
    // a typo: 10^12 instead of 10^6
    f.attest_cash(1_000_000_000_000);
    assert_eq!(f.budget(), 999_999_500_000);
    f.mint(&alice, 1_000).unwrap();
    let void = |sequence, reason: &str| ExecuteMsg::VoidAttestation { sequence, reason: reason.into() };
    let res = f.exec(&owner, void(2, "custodian report 2026-01-06 misstated (units)")).unwrap();
    assert_eq!(attr(&res, "action"), Some("void_attestation"));
    assert_eq!((attr(&res, "in_force"), attr(&res, "mint_budget_closed")), (Some("true"), Some("999999499000")));
    let s = f.status();
    assert!(s.voided && !s.mint_allowed);
    assert_eq!((s.mint_budget, s.eligible_reserves, s.reserve_ratio_bps), (amt(0), amt(0), Some(amt(0))));
    f.assert_rejected(&minter, mint_msg(&alice, 1), ContractError::AttestationVoided { sequence: 2 });
    let record: AttestationRecord = f.query(QueryMsg::Attestation { sequence: 2 });
    assert_eq!(record.void_reason.as_deref(), Some("custodian report 2026-01-06 misstated (units)"));
    assert_eq!(record.voided_at, Some(f.env.block.time));
    f.assert_rejected(&owner, void(2, "again"), ContractError::AlreadyVoided { sequence: 2 });
    f.assert_rejected(&owner, void(9, "x"), ContractError::AttestationNotFound { sequence: 9 });
    f.assert_rejected(&owner, void(2, " "), ContractError::InvalidText { field: "reason", max: 256 });
    // the corrected report may be measured before the voided one's as_of (not before the
    // previous valid one's), and it continues the stream at sequence 3
    let mut corrected = f.attestation(vec![cash(1_000_000)], vec![]);
    corrected.as_of = t0.plus_seconds(1_800);
    f.publish(corrected).unwrap();
    let mut too_early = f.attestation(vec![cash(1_000_000)], vec![]);
    too_early.as_of = t0.plus_seconds(1_799);
    let attestor = f.attestor.clone();
    f.assert_rejected(
        &attestor,
        ExecuteMsg::PublishAttestation(too_early),
        ContractError::AsOfBeforeLatest { as_of: t0.plus_seconds(1_799), latest: t0.plus_seconds(1_800) },
    );
    assert_eq!(f.budget(), 1_000_000 - 501_000);
    f.mint(&alice, 1).unwrap();
    // voiding a superseded attestation marks the record and leaves the one in force alone
    let res = f.exec(&owner, void(1, "superseded, found wrong in audit")).unwrap();
    assert_eq!(attr(&res, "in_force"), Some("false"));
    assert!(f.status().mint_allowed);
}

/// Defect 5: a report counts once; an attestation already stale when published is refused.
#[test]
fn report_hashes_are_unique_and_stale_reports_are_refused() {
    let mut f = Fixture::new();
    let attestor = f.attestor.clone();
    let mut replay = f.attestation(vec![cash(5_000_000)], vec![]);
    replay.report_hash = report_hash(1);
    f.assert_rejected(
        &attestor,
        ExecuteMsg::PublishAttestation(replay),
        ContractError::ReportAlreadyPublished { sequence: 1 },
    );
    f.advance(3 * DAY);
    let mut old = f.attestation(vec![cash(5_000_000)], vec![]);
    old.as_of = f.env.block.time.minus_seconds(2 * DAY + 1);
    f.assert_rejected(
        &attestor,
        ExecuteMsg::PublishAttestation(old.clone()),
        ContractError::AttestationTooOld { as_of: old.as_of, max_age: 2 * DAY },
    );
    old.as_of = f.env.block.time.minus_seconds(2 * DAY);
    f.publish(old).unwrap();
    // exactly at the maximum age it counts, and is fresh until the next second
    assert!(f.status().mint_allowed);
    f.advance(1);
    assert!(f.status().stale);
}

#[test]
fn fx_rates_outside_their_band_are_refused() {
    let mut f = Fixture::new();
    let attestor = f.attestor.clone();
    let usd = |amount| BucketAmount { bucket: ReserveBucket::UsdAssets, amount: amt(amount) };
    for permille in [7_749, 7_851, 78_000, 780] {
        let input = f.attestation(vec![cash(1), usd(100_000)], vec![Fixture::usd_rate(permille)]);
        f.assert_rejected(
            &attestor,
            ExecuteMsg::PublishAttestation(input),
            ContractError::Reserve(ReserveError::FxRateOutOfBand {
                bucket: ReserveBucket::UsdAssets,
                rate: Decimal::permille(permille),
                min: Decimal::permille(7_750),
                max: Decimal::permille(7_850),
            }),
        );
    }
    // an unapproved bucket's rate is banded too when a band is set (CNH: 1.00–1.20)
    let cnh = f.attestation(
        vec![BucketAmount { bucket: ReserveBucket::CnhAssets, amount: amt(10) }],
        vec![FxRate { bucket: ReserveBucket::CnhAssets, rate: Decimal::percent(130) }],
    );
    assert!(matches!(
        f.publish(cnh),
        Err(ContractError::Reserve(ReserveError::FxRateOutOfBand { bucket: ReserveBucket::CnhAssets, .. }))
    ));
    f.publish(f.attestation(vec![cash(1), usd(100_000)], vec![Fixture::usd_rate(7_850)])).unwrap();
    // the policy must band every approved foreign bucket
    let owner = f.owner.clone();
    let mut p = default_policy();
    p.buckets[ReserveBucket::UsdAssets.index()].fx_band = None;
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateReservePolicy(p),
        ContractError::Reserve(ReserveError::MissingFxBand { bucket: ReserveBucket::UsdAssets }),
    );
}

fn grant_attestor(f: &mut Fixture, name: &str) -> cosmwasm_std::Addr {
    let (owner, who) = (f.owner.clone(), f.addr(name));
    f.exec(&owner, ExecuteMsg::GrantRole { role: StableRole::Attestor, address: who.to_string() }).unwrap();
    who
}

fn set_quorum(f: &mut Fixture, quorum: u32) -> Result<cosmwasm_std::Response, ContractError> {
    let owner = f.owner.clone();
    let mut p = default_policy();
    p.attestation_quorum = quorum;
    f.exec(&owner, ExecuteMsg::UpdateReservePolicy(p))
}

fn pending(f: &Fixture) -> PendingAttestationsResponse {
    f.query(QueryMsg::PendingAttestations { start_after: None, limit: None })
}

#[test]
fn a_report_counts_once_a_quorum_of_attestors_agrees() {
    let mut f = Fixture::new();
    let (custodian, owner) = (f.attestor.clone(), f.owner.clone());
    assert_eq!(set_quorum(&mut f, 2), Err(ContractError::QuorumUnreachable { quorum: 2, attestors: 1 }));
    let auditor = grant_attestor(&mut f, "auditor");
    set_quorum(&mut f, 2).unwrap();
    let report = f.attestation(vec![cash(3_000_000)], vec![]);
    let publish = |f: &mut Fixture, who: &cosmwasm_std::Addr, input| f.exec(who, ExecuteMsg::PublishAttestation(input));

    // the custodian's submission waits, visible
    let res = publish(&mut f, &custodian, report.clone()).unwrap();
    assert_eq!((attr(&res, "status"), attr(&res, "confirmations")), (Some("pending"), Some("1")));
    let s = f.status();
    assert_eq!((s.latest_sequence, s.pending_submissions, s.quorum, s.mint_budget), (Some(1), 1, 2, amt(500_000)));
    // publishing twice is still one attestor
    publish(&mut f, &custodian, report.clone()).unwrap();
    assert_eq!(f.status().latest_sequence, Some(1));
    // the auditor's different figures do not match: two candidates, one confirmation each
    let mut other = report.clone();
    other.buckets = vec![cash(2_999_999)];
    publish(&mut f, &auditor, other).unwrap();
    let p = pending(&f);
    assert_eq!(p.quorum, 2);
    assert_eq!(p.pending.iter().map(|x| x.confirmations).collect::<Vec<_>>(), vec![1, 1]);
    // the same report with a different URI matches (the URI is where it is published, not what it says)
    let mut same = report.clone();
    same.report_uri = "https://auditor.example/harbour/2026-01.pdf".into();
    let res = publish(&mut f, &auditor, same).unwrap();
    assert_eq!((attr(&res, "status"), attr(&res, "confirmations")), (Some("counted"), Some("2")));
    let record: AttestationRecord = f.query(QueryMsg::Attestation { sequence: 2 });
    let mut attestors = vec![custodian.clone(), auditor.clone()];
    attestors.sort();
    let mut got = record.attestors.clone();
    got.sort();
    assert_eq!(got, attestors);
    assert_eq!(*record.attestors.last().unwrap(), auditor, "the last attestor completed the quorum");
    assert_eq!(record.report_uri, "https://auditor.example/harbour/2026-01.pdf");
    assert_eq!((f.budget(), f.status().pending_submissions), (2_500_000, 0));
    f.next_seq = 3;

    // the quorum must stay reachable: revoking the auditor is refused while M = 2 of 2
    f.assert_rejected(
        &owner,
        ExecuteMsg::RevokeRole { role: StableRole::Attestor, address: auditor.to_string() },
        ContractError::QuorumUnreachable { quorum: 2, attestors: 1 },
    );
    // a revoked attestor's pending submission no longer counts
    let third = grant_attestor(&mut f, "third-attestor");
    let next = f.attestation(vec![cash(3_100_000)], vec![]);
    publish(&mut f, &auditor, next.clone()).unwrap();
    f.exec(&owner, ExecuteMsg::RevokeRole { role: StableRole::Attestor, address: auditor.to_string() }).unwrap();
    assert_eq!(f.status().pending_submissions, 0);
    let res = publish(&mut f, &third, next.clone()).unwrap();
    assert_eq!(attr(&res, "status"), Some("pending"));
    publish(&mut f, &custodian, next).unwrap();
    assert_eq!(f.status().latest_sequence, Some(3));
    // a former attestor can no longer submit
    f.assert_rejected(
        &auditor,
        ExecuteMsg::PublishAttestation(f.attestation(vec![cash(1)], vec![])),
        ContractError::Unauthorized { action: "publish_attestation", role: "attestor" },
    );
}

/// Defect 4: role holders, the owner and the pending owner can never be blacklisted; a
/// since-blacklisted holder's redemption cannot be paid (visible in the queue), only rejected.
#[test]
fn no_role_for_the_blacklisted_and_no_payout_to_them() {
    let mut f = Fixture::new();
    let (blr, alice) = (f.blacklister.clone(), f.alice.clone());
    let next = f.addr("next-owner");
    f.propose_owner(&next);
    f.assert_rejected(
        &blr,
        ExecuteMsg::Blacklist { address: next.to_string(), reason: "sanctions".into() },
        ContractError::CannotBlacklistRoleHolder { address: next.to_string(), role: "pending_owner".into() },
    );
    f.assert_rejected(
        &blr,
        ExecuteMsg::BatchBlacklist { addresses: vec![f.bob.to_string(), next.to_string()], reason: "list".into() },
        ContractError::CannotBlacklistRoleHolder { address: next.to_string(), role: "pending_owner".into() },
    );
    // defence in depth: even a pending owner flagged by any other route cannot accept
    ACCOUNTS.save(&mut f.deps.storage, &next, &Account { blacklisted: true, ..Account::default() }).unwrap();
    f.assert_rejected(
        &next,
        ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        ContractError::Blacklisted { address: next.to_string() },
    );
    ACCOUNTS.remove(&mut f.deps.storage, &next);
    f.exec(&next, ExecuteMsg::UpdateOwnership(Action::AcceptOwnership)).unwrap();

    let id = f.request_redemption(&alice, 1_000).unwrap();
    f.blacklist(&alice);
    let op = f.operator.clone();
    f.assert_rejected(
        &op,
        ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "RTGS-1".into() },
        ContractError::Blacklisted { address: alice.to_string() },
    );
    let q: RedemptionRequestsResponse =
        f.query(QueryMsg::OpenRedemptions { overdue_only: false, start_after: None, limit: None });
    assert_eq!((q.requests.len(), q.payout_blocked.clone()), (1, vec![id]));
    f.advance(2 * DAY);
    let overdue: RedemptionRequestsResponse =
        f.query(QueryMsg::OpenRedemptions { overdue_only: true, start_after: None, limit: None });
    assert_eq!(overdue.payout_blocked, vec![id], "an overdue request shows why it is not paid");
    // unblacklisted, it can be paid again
    f.exec(&blr, ExecuteMsg::Unblacklist { address: alice.to_string(), reason: "delisted".into() }).unwrap();
    pay(&mut f, id).unwrap();
}

#[test]
fn bank_receipt_is_emitted_with_the_mint() {
    let mut f = Fixture::new();
    let (minter, alice) = (f.minter.clone(), f.alice.clone());
    let with = |receipt: &str| ExecuteMsg::Mint {
        recipient: alice.to_string(),
        amount: amt(10),
        bank_receipt: Some(receipt.to_string()),
    };
    let res = f.exec(&minter, with("HSBC-HK-20260105-00042")).unwrap();
    assert_eq!(attr(&res, "bank_receipt"), Some("HSBC-HK-20260105-00042"));
    assert_eq!(attr(&res, "mint_budget_left"), Some("499990"));
    assert_eq!(attr(&f.mint(&alice, 1).unwrap(), "bank_receipt"), None);
    f.assert_rejected(&minter, with(""), ContractError::InvalidText { field: "bank_receipt", max: 256 });
    f.assert_rejected(&minter, with(&"x".repeat(257)), ContractError::InvalidText { field: "bank_receipt", max: 256 });
}

/// Defect 7: the ratio near `u128::MAX` saturates instead of reading "supply is zero"; the CW20
/// `Minter.cap` is what supply may reach by minting now.
#[test]
fn ratio_overflow_and_the_cw20_cap() {
    let mut f = Fixture::bare();
    let alice = f.alice.clone();
    assert_eq!(f.status().reserve_ratio_bps, None);
    let minter: Option<MinterResponse> = f.query(QueryMsg::Minter(harbour_types::NoArgs {}));
    assert_eq!(minter.unwrap().cap, Some(amt(0)), "no attestation: nothing can be minted");
    f.attest_cash(u128::MAX);
    f.mint(&alice, 1).unwrap();
    let s = f.status();
    assert_eq!((s.backing, s.reserve_ratio_bps), (amt(u128::MAX), Some(amt(u128::MAX))));
    let mut f = Fixture::new(); // budget 500,000 at supply 500,000
    let cap = |f: &Fixture| f.query::<Option<MinterResponse>>(QueryMsg::Minter(harbour_types::NoArgs {})).unwrap().cap;
    assert_eq!(cap(&f), Some(amt(1_000_000)));
    let id = f.request_redemption(&alice, 100_000).unwrap();
    pay(&mut f, id).unwrap();
    // supply 400,000 + budget 500,000: a cw20 client reading cap − supply gets the budget
    assert_eq!(cap(&f), Some(amt(900_000)));
    f.advance(2 * DAY + 1);
    assert_eq!(cap(&f), Some(amt(400_000)), "stale: no mint possible, the cap is the supply");
}
