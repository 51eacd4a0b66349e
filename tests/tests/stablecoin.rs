//! The HKD stablecoin through the harness: as the fund token's cash token, with a cw3 multisig
//! owner and master minter, registry-gated with real registry pushes, and migration.

use cosmwasm_std::Uint128;
use cw20::{Cw20ExecuteMsg, Cw20QueryMsg, TokenInfoResponse};
use harbour_tests::fund::FundSetup;
use harbour_tests::multisig::Multisig;
use harbour_tests::stablecoin::{StablecoinSetup, CASH_MINTER, MASTER_MINTER, TREASURY};
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder, DAY};
use harbour_types::hkd_stablecoin::{
    self as hs, HolderMode, MinterInfo, RedemptionRequest, RedemptionStatus, StableAccountResponse, StableRole,
};
use harbour_types::identity::ClaimType;
use harbour_types::reserves::{ReserveBucket, ReserveError};
use hkd_stablecoin::ContractError;

const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// The stablecoin error inside a failed multi-test call, rendered for comparison.
fn stable_err(res: anyhow::Result<cw_multi_test::AppResponse>) -> String {
    let e = res.expect_err("must fail");
    format!("{:?}", contract_error::<ContractError>(&e).unwrap_or_else(|| panic!("not a stablecoin error: {e:#}")))
}

fn err(e: ContractError) -> String {
    format!("{e:?}")
}

fn mint(to: &cosmwasm_std::Addr, amount: u128) -> hs::ExecuteMsg {
    hs::ExecuteMsg::Mint { recipient: to.to_string(), amount: amt(amount), bank_receipt: None }
}

fn supply(s: &Suite) -> u128 {
    let t: TokenInfoResponse = s.query(&s.stablecoin_addr(), &Cw20QueryMsg::TokenInfo {}).unwrap();
    t.total_supply.u128()
}

#[test]
fn fund_deals_in_the_stablecoin_and_holders_redeem_at_par() {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", KYC_PI)
        .with_investor("bob", "did:hk:bob", "HK", KYC_PI)
        .build();
    s.deploy_fund(FundSetup::default()).unwrap();
    let (alice, custodian) = (s.addr("alice"), s.addr("custodian"));
    s.subscribe(&alice, 250_000).unwrap();
    assert_eq!(s.fund_balance(&alice), amt(250_000));
    assert_eq!(s.cash_balance(&custodian), amt(250_000));
    // instant redemption paid in stablecoin from the buffer
    s.top_up_liquidity(100_000).unwrap();
    s.redeem_instant(&alice, 40_000).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(40_000));
    assert_eq!(supply(&s), 350_000);

    // alice redeems her stablecoin at par with the issuer
    let res = s
        .stable_execute(
            &alice,
            &hs::ExecuteMsg::RequestRedemption { amount: amt(40_000), payout_reference: "hkd-acct-1".into() },
        )
        .unwrap();
    let id = Suite::request_id(&res).unwrap();
    // the request holds the tokens in alice's balance: nothing leaves the ledger until paid
    let status = s.reserve_status().unwrap();
    assert_eq!((status.held_for_redemption, status.total_supply), (amt(40_000), amt(350_000)));
    assert_eq!(s.cash_balance(&alice), amt(40_000));
    let treasury = s.addr(TREASURY);
    s.stable_execute(&treasury, &hs::ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "FPS-77".into() })
        .unwrap();
    let r: RedemptionRequest = s.stable_query(&hs::QueryMsg::RedemptionRequest { id }).unwrap();
    assert!(matches!(r.status, RedemptionStatus::Paid { .. }));
    assert_eq!((s.cash_balance(&alice), supply(&s)), (amt(0), 310_000));

    // overdue redemptions are visible on chain
    let res = s
        .stable_execute(
            &custodian,
            &hs::ExecuteMsg::RequestRedemption { amount: amt(1_000), payout_reference: "custody-acct".into() },
        )
        .unwrap();
    let late = Suite::request_id(&res).unwrap();
    s.advance_days(4); // more than one business day, whatever the weekday
    let overdue: hs::RedemptionRequestsResponse =
        s.stable_query(&hs::QueryMsg::OpenRedemptions { overdue_only: true, start_after: None, limit: None }).unwrap();
    assert_eq!(overdue.requests.iter().map(|r| r.id).collect::<Vec<_>>(), vec![late]);
}

#[test]
fn cash_cannot_be_minted_beyond_attested_reserves() {
    let mut s = SuiteBuilder::new().build();
    s.deploy_cash_token().unwrap();
    let (minter, alice) = (s.addr(CASH_MINTER), s.addr("alice"));
    assert_eq!(stable_err(s.stable_execute(&minter, &mint(&alice, 1))), err(ContractError::NoAttestation {}));
    s.attest_reserves(1_000_000).unwrap();
    s.stable_execute(&minter, &mint(&alice, 1_000_000)).unwrap();
    assert_eq!(
        stable_err(s.stable_execute(&minter, &mint(&alice, 1))),
        err(ContractError::Reserve(ReserveError::ExceedsMintBudget { remaining: amt(0), amount: amt(1) }))
    );
    // stale after two days: minting stops, transfers continue
    s.advance_days(3);
    assert!(stable_err(s.stable_execute(&minter, &mint(&alice, 1))).starts_with("StaleAttestation"));
    let bob = s.addr("bob");
    let coin = s.stablecoin_addr();
    s.execute(&alice, &coin, &Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(5) }).unwrap();
}

#[test]
fn multisig_owner_and_multisig_master_minter() {
    let mut s = SuiteBuilder::new().with_multisig_owner(3, 2).build();
    s.deploy_cash_token().unwrap();
    let coin = s.stablecoin_addr();
    // owner actions go through cw3 proposals
    let mut policy = StablecoinSetup::default().reserve_policy;
    policy.buckets[ReserveBucket::HkdCash.index()].haircut_bps = 10;
    s.execute_as_owner(&coin, &hs::ExecuteMsg::UpdateReservePolicy(policy)).unwrap();
    let cfg: hs::StableConfigResponse = s.stable_query(&hs::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    assert_eq!(cfg.reserve_policy.buckets[0].haircut_bps, 10);
    // a single signer is not the owner
    let signer = s.multisig.as_ref().unwrap().signers[0].clone();
    assert_eq!(
        stable_err(s.execute(&signer, &coin, &hs::ExecuteMsg::SetHolderMode { mode: HolderMode::Open })),
        err(ContractError::Unauthorized { action: "set_holder_mode", role: "owner" })
    );
    // the master-minter role handed to a 2-of-2 multisig of the issuer's treasury officers
    let officers = vec![s.addr("officer-1"), s.addr("officer-2")];
    let deployer = s.deployer.clone();
    let mm_multisig = Multisig::deploy(&mut s.app, &deployer, officers, 2).unwrap();
    let old_mm = s.addr(MASTER_MINTER);
    s.execute_as_owner(
        &coin,
        &hs::ExecuteMsg::RevokeRole { role: StableRole::MasterMinter, address: old_mm.to_string() },
    )
    .unwrap();
    s.execute_as_owner(
        &coin,
        &hs::ExecuteMsg::GrantRole { role: StableRole::MasterMinter, address: mm_multisig.addr.to_string() },
    )
    .unwrap();
    let desk = s.addr("otc-desk-minter");
    mm_multisig
        .execute(
            &mut s.app,
            &coin,
            &hs::ExecuteMsg::ConfigureMinter { minter: desk.to_string(), allowance: amt(5_000), rate_limit: None },
        )
        .unwrap();
    let info: MinterInfo =
        s.stable_query(&hs::QueryMsg::MinterInfo(harbour_types::AddressArgs { address: desk.to_string() })).unwrap();
    assert_eq!(info.allowance, amt(5_000));
    assert_eq!(
        stable_err(s.execute(&old_mm, &coin, &hs::ExecuteMsg::RemoveMinter { minter: desk.to_string() })),
        err(ContractError::Unauthorized { action: "remove_minter", role: "master_minter" })
    );
}

#[test]
fn registry_gated_mode_follows_the_registry() {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", &[ClaimType::Kyc])
        .with_investor("bob", "did:hk:bob", "HK", &[ClaimType::Kyc])
        .build();
    s.deploy_stablecoin(StablecoinSetup { holder_mode: HolderMode::RegistryGated, ..StablecoinSetup::default() })
        .unwrap();
    let (alice, bob, stranger) = (s.addr("alice"), s.addr("bob"), s.addr("stranger"));
    let minter = s.addr(CASH_MINTER);
    s.mint_cash(&alice, 10_000).unwrap();
    let coin = s.stablecoin_addr();
    // no identity: cannot receive
    assert_eq!(
        stable_err(s.stable_execute(&minter, &mint(&stranger, 1))),
        err(ContractError::NotKycVerified { address: stranger.to_string() })
    );
    s.execute(&alice, &coin, &Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(100) }).unwrap();
    // the registry revokes bob's KYC: the push reaches the stablecoin at once
    s.revoke_credential("did:hk:bob", ClaimType::Kyc, "periodic review failed").unwrap();
    assert_eq!(
        stable_err(s.execute(&alice, &coin, &Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(1) })),
        err(ContractError::NotKycVerified { address: bob.to_string() })
    );
    // but bob can still exit through redemption
    s.stable_execute(
        &bob,
        &hs::ExecuteMsg::RequestRedemption { amount: amt(100), payout_reference: "bob-acct".into() },
    )
    .unwrap();
    // wallet recovery: alice's new wallet inherits her KYC, the lost one loses it
    s.recover_wallet("did:hk:alice", "alice", "alice-new").unwrap();
    let new = s.addr("alice-new");
    let acct: StableAccountResponse =
        s.stable_query(&hs::QueryMsg::Account(harbour_types::AddressArgs { address: new.to_string() })).unwrap();
    assert!(acct.eligible_holder);
    let lost: StableAccountResponse =
        s.stable_query(&hs::QueryMsg::Account(harbour_types::AddressArgs { address: alice.to_string() })).unwrap();
    assert!(!lost.eligible_holder && lost.kyc_valid_until.is_none());
    // credential expiry needs no push: a short credential lapses on chain
    s.issue_credential("did:hk:bob", ClaimType::Kyc, DAY).unwrap();
    s.mint_cash(&bob, 5).unwrap();
    s.advance_days(2);
    s.attest_reserves(1_000_000_000).unwrap();
    assert_eq!(
        stable_err(s.stable_execute(&minter, &mint(&bob, 1))),
        err(ContractError::NotKycVerified { address: bob.to_string() })
    );
}

#[test]
fn gated_cash_with_the_fund_needs_kyc_venues() {
    let mut s = SuiteBuilder::new().with_investor("alice", "did:hk:alice", "HK", KYC_PI).build();
    s.deploy_stablecoin(StablecoinSetup { holder_mode: HolderMode::RegistryGated, ..StablecoinSetup::default() })
        .unwrap();
    s.deploy_fund(FundSetup::default()).unwrap();
    let (alice, custodian) = (s.addr("alice"), s.addr("custodian"));
    // the dealing contract is a registered venue identity (the harness registers it); the
    // custodian has no identity yet: it cannot receive the subscription cash it forwards
    assert_eq!(
        stable_err(s.subscribe(&alice, 5_000)),
        err(ContractError::NotKycVerified { address: custodian.to_string() })
    );
    // register the custodian as a KYC'd identity; then dealing works
    s.register_identity(
        "did:hk:custodian",
        &["custodian"],
        "HK",
        harbour_types::identity::InvestorCategory::Institutional,
    )
    .unwrap();
    s.issue_credential("did:hk:custodian", ClaimType::Kyc, 365 * DAY).unwrap();
    s.subscribe(&alice, 5_000).unwrap();
    assert_eq!(s.cash_balance(&s.addr_ref("custodian")), amt(5_000));
}

#[test]
fn migrate_through_the_owner() {
    let mut s = SuiteBuilder::new().with_multisig_owner(2, 2).build();
    s.deploy_cash_token().unwrap();
    let coin = s.stablecoin_addr();
    let code = s.app.store_code(harbour_tests::contracts::hkd_stablecoin());
    let res = s.migrate(&coin, &hs::MigrateMsg {}, code).unwrap();
    assert!(res.events.iter().flat_map(|e| &e.attributes).any(|a| a.key == "action" && a.value == "migrate"));
    // a foreign contract's code is refused
    let foreign = s.app.store_code(harbour_tests::contracts::fund_token());
    assert!(s.migrate(&coin, &hs::MigrateMsg {}, foreign).is_err());
}

#[test]
fn redeemed_fund_cash_cannot_be_reminted_against_the_same_attestation() {
    // The fund's subscription cash reaches the custodian, which redeems it at par with the issuer:
    // the fiat leaves the reserve, so the issuer cannot mint it again before the next report.
    let mut s = SuiteBuilder::new().with_investor("alice", "did:hk:alice", "HK", KYC_PI).build();
    s.deploy_fund(FundSetup::default()).unwrap();
    let (alice, custodian, minter, treasury) =
        (s.addr("alice"), s.addr("custodian"), s.addr(CASH_MINTER), s.addr(TREASURY));
    s.attest_reserves(300_000).unwrap();
    s.subscribe(&alice, 300_000).unwrap();
    let status = s.reserve_status().unwrap();
    assert_eq!(
        (status.mint_budget, status.total_supply, s.cash_balance(&custodian)),
        (amt(0), amt(300_000), amt(300_000))
    );
    let res = s
        .stable_execute(
            &custodian,
            &hs::ExecuteMsg::RequestRedemption { amount: amt(300_000), payout_reference: "custody-acct".into() },
        )
        .unwrap();
    let id = Suite::request_id(&res).unwrap();
    s.stable_execute(&treasury, &hs::ExecuteMsg::MarkRedemptionPaid { id, payment_reference: "RTGS-9".into() })
        .unwrap();
    let status = s.reserve_status().unwrap();
    assert_eq!((status.total_supply, status.mint_budget, status.backing), (amt(0), amt(0), amt(0)));
    assert_eq!(
        stable_err(s.stable_execute(&minter, &mint(&alice, 300_000))),
        err(ContractError::Reserve(ReserveError::ExceedsMintBudget { remaining: amt(0), amount: amt(300_000) }))
    );
    // the next report counts the reserves as they are now
    s.attest_reserves(300_000).unwrap();
    s.stable_execute(&minter, &mint(&alice, 300_000)).unwrap();
}

#[test]
fn multisig_owner_sets_a_quorum_and_voids_a_wrong_report() {
    let mut s = SuiteBuilder::new().with_multisig_owner(3, 2).build();
    s.deploy_cash_token().unwrap();
    let coin = s.stablecoin_addr();
    let (custodian, auditor, minter, alice) =
        (s.addr(harbour_tests::stablecoin::CUSTODIAN), s.addr("auditor"), s.addr(CASH_MINTER), s.addr("alice"));
    // the custodian and an auditor must agree: 2 of 2, set through cw3 proposals
    s.execute_as_owner(&coin, &hs::ExecuteMsg::GrantRole { role: StableRole::Attestor, address: auditor.to_string() })
        .unwrap();
    let mut policy = StablecoinSetup::default().reserve_policy;
    policy.attestation_quorum = 2;
    s.execute_as_owner(&coin, &hs::ExecuteMsg::UpdateReservePolicy(policy)).unwrap();
    let report = s.attestation_input(1_000_000).unwrap();
    s.stable_execute(&custodian, &hs::ExecuteMsg::PublishAttestation(report.clone())).unwrap();
    let pending: hs::PendingAttestationsResponse =
        s.stable_query(&hs::QueryMsg::PendingAttestations { start_after: None, limit: None }).unwrap();
    assert_eq!((pending.quorum, pending.pending.len(), pending.pending[0].confirmations), (2, 1, 1));
    assert_eq!(stable_err(s.stable_execute(&minter, &mint(&alice, 1))), err(ContractError::NoAttestation {}));
    s.stable_execute(&auditor, &hs::ExecuteMsg::PublishAttestation(report)).unwrap();
    s.stable_execute(&minter, &mint(&alice, 1_000)).unwrap();
    // the report turns out wrong: a single signer cannot void it, the multisig can
    let signer = s.multisig.as_ref().unwrap().signers[0].clone();
    let void = hs::ExecuteMsg::VoidAttestation { sequence: 1, reason: "custodian restated 2026-01 figures".into() };
    assert_eq!(
        stable_err(s.execute(&signer, &coin, &void)),
        err(ContractError::Unauthorized { action: "void_attestation", role: "owner" })
    );
    let res = s.execute_as_owner(&coin, &void).unwrap();
    assert!(res.events.iter().flat_map(|e| &e.attributes).any(|a| a.key == "action" && a.value == "void_attestation"));
    assert_eq!(
        stable_err(s.stable_execute(&minter, &mint(&alice, 1))),
        err(ContractError::AttestationVoided { sequence: 1 })
    );
    // the stream continues with sequence 2 once both attestors publish it
    let corrected = s.attestation_input(900_000).unwrap();
    assert_eq!(corrected.sequence, 2);
    s.stable_execute(&custodian, &hs::ExecuteMsg::PublishAttestation(corrected.clone())).unwrap();
    s.stable_execute(&auditor, &hs::ExecuteMsg::PublishAttestation(corrected)).unwrap();
    s.stable_execute(&minter, &mint(&alice, 1)).unwrap();
    assert_eq!(s.reserve_status().unwrap().mint_budget, amt(900_000 - 1_001));
}
