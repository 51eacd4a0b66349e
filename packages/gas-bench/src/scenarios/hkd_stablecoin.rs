//! The HKD stablecoin, deployed as the harness deploys it (`tests/src/stablecoin.rs`): every role
//! held by its own address, one minter with an allowance, the reserve custodian as attestor, the
//! issuer's treasury as redemption operator, the identity registry as the KYC source.
//!
//! Open holder mode first (the budgets): transfers, transfer_from, send, mint under the reserve
//! check by a rate-limited minter (and, reported, by one without a limit), a multi-bucket
//! attestation, the same report under a 2-of-2 quorum (each attestor's submission) and a void,
//! redemption request, payout and rejection, blacklist and unblacklist. Then the registry lists the
//! stablecoin as a subscriber, pushes two holders' KYC, and the owner switches to registry-gated
//! mode for one more transfer (reported, not budgeted).

use cosmwasm_std::{to_json_binary, Decimal, Uint128};
use harbour_types::hkd_stablecoin::{self as hs, HolderMode};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry as reg;
use harbour_types::reserves::ReserveBucket;

use super::common::{
    amount, deploy_hold_venue, deploy_receiver, measure_holds, HoldParties, Registry, Stablecoin, AMOUNT,
    INITIAL_BALANCE,
};
use crate::bench::{Bench, Op, Scenario};

pub const SCENARIO: Scenario = Scenario {
    name: "hkd_stablecoin",
    requires: &["hkd_stablecoin", "identity_registry", "bench_receiver", "hold_venue"],
    run,
};

pub const TRANSFER: &str = "hkd_stablecoin.transfer";
pub const TRANSFER_NEW: &str = "hkd_stablecoin.transfer_new";
pub const TRANSFER_GATED: &str = "hkd_stablecoin.transfer_gated";
pub const TRANSFER_HELD: &str = "hkd_stablecoin.transfer_held";
pub const PLACE_HOLD: &str = "hkd_stablecoin.place_hold";
pub const RELEASE_HOLD: &str = "hkd_stablecoin.release_hold";
pub const EXECUTE_HOLD: &str = "hkd_stablecoin.execute_hold";
pub const MINT: &str = "hkd_stablecoin.mint";
pub const MINT_UNLIMITED: &str = "hkd_stablecoin.mint_unlimited";
pub const ATTESTATION: &str = "hkd_stablecoin.attestation";
pub const QUORUM_FIRST: &str = "hkd_stablecoin.attestation_quorum_first";
pub const QUORUM_COMPLETING: &str = "hkd_stablecoin.attestation_quorum_completing";

/// HKD cash attested at setup: far above anything the scenario mints.
const SETUP_CASH: u128 = 10 * INITIAL_BALANCE;

fn request_id(executed: &crate::chain::Executed) -> anyhow::Result<u64> {
    Ok(executed.attribute("request_id").ok_or_else(|| anyhow::anyhow!("no request_id attribute"))?.parse()?)
}

fn run(bench: &mut Bench) -> anyhow::Result<()> {
    let chain = bench.chain();
    let registry = Registry::deploy(bench, &chain)?;
    let coin = Stablecoin::deploy(bench, &chain, HolderMode::Open, &registry.addr)?;
    let receiver = deploy_receiver(bench, &chain, "receiver")?;
    let (alice, bob, carol, dave) =
        (chain.wallet("alice"), chain.wallet("bob"), chain.wallet("carol"), chain.wallet("dave"));

    // ---- issuance under the reserve rule: a fresh covering attestation, then the minter
    coin.attest_cash(&chain, 1, SETUP_CASH)?;
    coin.mint(&chain, &alice, INITIAL_BALANCE)?;
    bench.tx(
        &chain,
        Op::new(MINT, "mint under the reserve check, rate-limited minter").vs("cw20_base.mint").note(
            "minter with an allowance and a daily rate limit (one earlier mint in the window) to an existing \
             holder, with a bank receipt; fresh covering attestation: spends the mint budget (budget)",
        ),
        &coin.minter,
        &coin.addr,
        &hs::ExecuteMsg::Mint {
            recipient: alice.to_string(),
            amount: amount(AMOUNT),
            bank_receipt: Some("HSBC-HK-20260105-000042".into()),
        },
    )?;
    let desk = chain.wallet("otc-desk-minter");
    chain.exec(
        &coin.master_minter,
        &coin.addr,
        &hs::ExecuteMsg::ConfigureMinter {
            minter: desk.to_string(),
            allowance: Uint128::new(u128::MAX / 4),
            rate_limit: None,
        },
    )?;
    chain.exec(
        &desk,
        &coin.addr,
        &hs::ExecuteMsg::Mint { recipient: alice.to_string(), amount: amount(AMOUNT), bank_receipt: None },
    )?;
    bench.tx(
        &chain,
        Op::new(MINT_UNLIMITED, "mint under the reserve check, minter without a rate limit")
            .vs("cw20_base.mint")
            .note("its mints are still recorded, so a limit set later counts them (reported)"),
        &desk,
        &coin.addr,
        &hs::ExecuteMsg::Mint { recipient: alice.to_string(), amount: amount(AMOUNT), bank_receipt: None },
    )?;

    // ---- holder movements (open mode)
    let transfer = hs::ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amount(AMOUNT) };
    bench.tx(
        &chain,
        Op::new(TRANSFER_NEW, "transfer to a new holder").vs("cw20_base.transfer_new").note("bob holds nothing before"),
        &alice,
        &coin.addr,
        &transfer,
    )?;
    bench.tx(
        &chain,
        Op::new(TRANSFER, "transfer (repeat)")
            .vs("cw20_base.transfer")
            .note("between two existing holders, open holder mode (budget)"),
        &alice,
        &coin.addr,
        &transfer,
    )?;
    chain.exec(
        &alice,
        &coin.addr,
        &hs::ExecuteMsg::IncreaseAllowance {
            spender: carol.to_string(),
            amount: amount(INITIAL_BALANCE),
            expires: None,
        },
    )?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.transfer_from", "transfer_from")
            .vs("cw20_base.transfer_from")
            .note("carol spends alice's allowance, to bob"),
        &carol,
        &coin.addr,
        &hs::ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amount(AMOUNT) },
    )?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.send", "send to a contract")
            .vs("cw20_base.send")
            .note("to the bench receiver (no-op Receive), first receipt"),
        &alice,
        &coin.addr,
        &hs::ExecuteMsg::Send {
            contract: receiver.to_string(),
            amount: amount(AMOUNT),
            msg: to_json_binary(&"deposit")?,
        },
    )?;

    // ---- holds: the hold venue (one books write per hook) holds alice's tokens in place
    let venue = deploy_hold_venue(bench, &chain, "hold-venue")?;
    chain.exec(
        &coin.owner,
        &coin.addr,
        &hs::ExecuteMsg::AddVenue(harbour_types::AddressArgs { address: venue.to_string() }),
    )?;
    let parties = HoldParties {
        token: &coin.addr,
        owner: &alice,
        venue: &venue,
        buyer: &bob,
        fee_to: &carol,
        court: &coin.asset_protector,
        reason: "HCMP 7/2026",
    };
    measure_holds(bench, &chain, "hkd_stablecoin", "tokens", parties, &transfer)?;

    // ---- reserves: the custodian's daily attestation
    let usd_rate = Decimal::from_ratio(78_000u128, 10_000u128);
    let buckets = [
        (ReserveBucket::HkdCash, 6 * INITIAL_BALANCE),
        (ReserveBucket::HkdDeposits, 2 * INITIAL_BALANCE),
        (ReserveBucket::GovernmentBills, 2 * INITIAL_BALANCE),
        (ReserveBucket::ReverseRepo, INITIAL_BALANCE),
        (ReserveBucket::UsdAssets, INITIAL_BALANCE / 2),
    ];
    bench.tx(
        &chain,
        Op::new(ATTESTATION, "publish attestation (one attestor)").note(
            "sequence 2 (replaces the latest); 5 buckets incl. USD at 7.8 HKD (in its band), haircuts and \
             the USD cap applied; covering: opens a new mint budget",
        ),
        &coin.attestor,
        &coin.addr,
        &hs::ExecuteMsg::PublishAttestation(Stablecoin::attestation(
            &chain,
            2,
            &buckets,
            &[(ReserveBucket::UsdAssets, usd_rate)],
        )),
    )?;
    let status: hs::ReserveStatusResponse =
        chain.query(&coin.addr, &hs::QueryMsg::ReserveStatus(harbour_types::NoArgs {}))?;
    anyhow::ensure!(status.mint_allowed && !status.halted, "the attestation must cover supply: {status:?}");

    // ---- the same report under a 2-of-2 quorum (custodian and auditor), then a void
    let mut policy = Stablecoin::policy();
    policy.attestation_quorum = 2;
    chain.exec(&coin.owner, &coin.addr, &hs::ExecuteMsg::UpdateReservePolicy(policy))?;
    let report = Stablecoin::attestation(&chain, 3, &buckets, &[(ReserveBucket::UsdAssets, usd_rate)]);
    bench.tx(
        &chain,
        Op::new(QUORUM_FIRST, "quorum attestation: first attestor")
            .vs(ATTESTATION)
            .note("2 of 2: the custodian's submission of sequence 3 waits for the auditor's (pending)"),
        &coin.attestor,
        &coin.addr,
        &hs::ExecuteMsg::PublishAttestation(report.clone()),
    )?;
    bench.tx(
        &chain,
        Op::new(QUORUM_COMPLETING, "quorum attestation: completing attestor")
            .vs(ATTESTATION)
            .note("2 of 2: the auditor's matching submission makes sequence 3 count (clears the pending one)"),
        &coin.auditor,
        &coin.addr,
        &hs::ExecuteMsg::PublishAttestation(report),
    )?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.void_attestation", "void attestation")
            .note("the owner voids sequence 3, in force: its mint budget closes"),
        &coin.owner,
        &coin.addr,
        &hs::ExecuteMsg::VoidAttestation { sequence: 3, reason: "custodian restated the report".into() },
    )?;
    let report = Stablecoin::attestation(&chain, 4, &buckets, &[(ReserveBucket::UsdAssets, usd_rate)]);
    for attestor in [&coin.attestor, &coin.auditor] {
        chain.exec(attestor, &coin.addr, &hs::ExecuteMsg::PublishAttestation(report.clone()))?;
    }
    let status: hs::ReserveStatusResponse =
        chain.query(&coin.addr, &hs::QueryMsg::ReserveStatus(harbour_types::NoArgs {}))?;
    anyhow::ensure!(status.mint_allowed && status.latest_sequence == Some(4), "sequence 4 must count: {status:?}");

    // ---- redemption at par
    let request =
        hs::ExecuteMsg::RequestRedemption { amount: amount(AMOUNT), payout_reference: "acct-ref-7f3a".into() };
    let filed = bench.tx(
        &chain,
        Op::new("hkd_stablecoin.request_redemption", "redemption request")
            .vs("cw20_base.burn")
            .note("alice's tokens to escrow, request filed with its SLA deadline (one business day)"),
        &alice,
        &coin.addr,
        &request,
    )?;
    let paid_id = request_id(&filed)?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.mark_redemption_paid", "redemption payout")
            .note("the redemption operator marks the request paid: escrow burned, supply falls"),
        &coin.operator,
        &coin.addr,
        &hs::ExecuteMsg::MarkRedemptionPaid { id: paid_id, payment_reference: "chats-20260105-0001".into() },
    )?;
    let rejected_id = request_id(&chain.exec(&alice, &coin.addr, &request)?)?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.reject_redemption", "redemption rejection")
            .note("the redemption operator rejects: escrow returned to the holder"),
        &coin.operator,
        &coin.addr,
        &hs::ExecuteMsg::RejectRedemption { id: rejected_id, reason: "payout account not verified".into() },
    )?;

    // ---- sanctions: blacklist a holder, check a transfer is refused (not measured), lift it
    coin.mint(&chain, &dave, 10 * AMOUNT)?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.blacklist", "blacklist")
            .note("the blacklister blacklists a holder (dave, with a balance)"),
        &coin.blacklister,
        &coin.addr,
        &hs::ExecuteMsg::Blacklist { address: dave.to_string(), reason: "sanctions list 2026-01".into() },
    )?;
    let refused = chain.execute(
        &dave,
        &coin.addr,
        &hs::ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amount(AMOUNT) },
    )?;
    anyhow::ensure!(refused.result.is_err(), "a blacklisted holder's transfer must be refused");
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.unblacklist", "unblacklist").note("the blacklister lifts dave's blacklisting"),
        &coin.blacklister,
        &coin.addr,
        &hs::ExecuteMsg::Unblacklist { address: dave.to_string(), reason: "delisted 2026-01".into() },
    )?;

    // ---- registry-gated mode: the registry pushes KYC to the stablecoin's cache
    chain.exec(&registry.owner, &registry.addr, &reg::ExecuteMsg::AddSubscriber { address: coin.addr.to_string() })?;
    registry.onboard(&chain, &alice, "did:hk:alice", InvestorCategory::Individual, &[])?;
    bench.tx(
        &chain,
        Op::new("hkd_stablecoin.issue_credential_push", "registry: issue KYC credential (1 subscriber)")
            .vs("identity_registry.issue_credential")
            .note("the registry pushes alice's snapshot to the stablecoin's KYC cache"),
        &registry.kyc_issuer,
        &registry.addr,
        &reg::ExecuteMsg::IssueCredential(Registry::grant(&chain, "did:hk:alice", ClaimType::Kyc)),
    )?;
    registry.onboard(&chain, &bob, "did:hk:bob", InvestorCategory::Individual, &[ClaimType::Kyc])?;
    chain.exec(&coin.owner, &coin.addr, &hs::ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated })?;
    for who in [&alice, &bob] {
        let acct: hs::StableAccountResponse =
            chain.query(&coin.addr, &hs::QueryMsg::Account(harbour_types::AddressArgs { address: who.to_string() }))?;
        anyhow::ensure!(acct.eligible_holder && acct.kyc_valid_until.is_some(), "KYC must be cached: {acct:?}");
    }
    bench.tx(
        &chain,
        Op::new(TRANSFER_GATED, "transfer (repeat), registry-gated")
            .vs("cw20_base.transfer")
            .note("between two existing holders whose KYC the registry pushed (reported, not budgeted)"),
        &alice,
        &coin.addr,
        &transfer,
    )?;
    let refused = chain.execute(
        &alice,
        &coin.addr,
        &hs::ExecuteMsg::Transfer { recipient: carol.to_string(), amount: amount(AMOUNT) },
    )?;
    anyhow::ensure!(refused.result.is_err(), "registry-gated: a transfer to a holder without KYC must be refused");
    Ok(())
}
