//! Holds on fund shares through the harness (registry, fund token, HKD stablecoin, hold-venue
//! venues): every hold rule of issue 11 with the venue's hooks and books, and the authorization
//! matrix of the hold messages with every contract unchanged on each refusal.

use cosmwasm_std::{to_json_binary, Addr, Timestamp, Uint128};
use fund_token::ContractError;
use harbour_tests::fund::{FundSetup, Role};
use harbour_tests::holds::event_attr;
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder, DAY};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_token::{self as ft, FreezeItem};
use harbour_types::holds::{HoldError, HoldHookMsg, MAX_HOLDS_PER_OWNER};
use harbour_types::identity::ClaimType;

const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

fn d(code: ReasonCode) -> Denial {
    Denial::new(code)
}

/// alice 10,000 and bob 1,000 shares; `vault` and `settlement` approved venues.
fn suite() -> Suite {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", KYC_PI)
        .with_investor("bob", "did:hk:bob", "HK", KYC_PI)
        .with_investor("carol", "did:hk:carol", "SG", KYC_PI)
        .with_investor("dave", "did:hk:dave", "HK", &[ClaimType::Kyc])
        .build();
    s.deploy_venue("vault", "did:hk:vault").unwrap();
    s.deploy_venue("settlement", "did:hk:settlement").unwrap();
    s.deploy_fund(FundSetup { venues: vec!["vault".into(), "settlement".into()], ..FundSetup::default() }).unwrap();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.fund_mint(&alice, 10_000).unwrap();
    s.fund_mint(&bob, 1_000).unwrap();
    s
}

fn fund_err(res: anyhow::Result<cw_multi_test::AppResponse>) -> ContractError {
    let err = res.expect_err("must be refused");
    err.downcast::<ContractError>().unwrap_or_else(|e| panic!("not a fund error: {e:#}"))
}

fn hold_err(res: anyhow::Result<cw_multi_test::AppResponse>) -> HoldError {
    match fund_err(res) {
        ContractError::Hold(e) => e,
        other => panic!("not a hold error: {other:?}"),
    }
}

fn denied(res: anyhow::Result<cw_multi_test::AppResponse>) -> Vec<Denial> {
    match fund_err(res) {
        ContractError::Compliance { reasons } => reasons,
        other => panic!("not a compliance refusal: {other:?}"),
    }
}

/// Raw state of the fund, the cash token and every venue, to prove a refusal changed nothing.
fn snapshot(s: &Suite) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
    ["vault", "settlement"]
        .iter()
        .map(|v| s.raw_state(&s.addr_ref(v)))
        .chain([s.raw_state(&s.fund_addr()), s.raw_state(&s.cash_addr())])
        .collect()
}

fn set_policy(s: &mut Suite, f: impl Fn(&mut ft::FundPolicy)) {
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let mut p = cfg.policy;
    f(&mut p);
    let fund = s.fund_addr();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(p)).unwrap();
}

fn freeze(s: &mut Suite, who: &str, amount: Option<u128>) {
    let (officer, a) = (s.addr("compliance"), s.addr(who));
    let item = FreezeItem { address: a.to_string(), amount: amount.map(amt), reason: "court order".into() };
    s.fund_execute(&officer, &ft::ExecuteMsg::Freeze(item)).unwrap();
}

#[test]
fn place_calls_the_venue_hook_and_the_shares_stay_in_place() {
    let mut s = suite();
    let (fund, alice, vault) = (s.fund_addr(), s.addr("alice"), s.addr("vault"));
    let holders = s.holder_count();
    let res = s.place_hold(&fund, &alice, &vault, 6_000, None, Some(to_json_binary(&"loan-7").unwrap())).unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_placed", "owner_did").as_deref(), Some("did:hk:alice"));
    assert_eq!(event_attr(&res, "harbour_hold_placed", "held").as_deref(), Some("6000"));
    // the hook reached the venue in the same transaction, with the owner's message
    let hooks = s.venue_hooks(&vault);
    assert_eq!(
        hooks.last().map(|h| h.1.clone()),
        Some(HoldHookMsg::Placed {
            owner: alice.to_string(),
            owner_did: Some("did:hk:alice".into()),
            amount: amt(6_000),
            held: amt(6_000),
            expires: None,
            msg: Some(to_json_binary(&"loan-7").unwrap()),
        })
    );
    assert_eq!(s.venue_books(&vault, &fund)[0].held, amt(6_000));
    // in place: balance, DID holding, register and holder count unchanged; 4,000 free
    let a = s.fund_account(&alice);
    assert_eq!((a.balance, a.held, a.transferable), (amt(10_000), amt(6_000), amt(4_000)));
    assert_eq!(s.holder_count(), holders);
    let register: ft::HoldersResponse =
        s.fund_query(&ft::QueryMsg::Holders { start_after: None, limit: None }).unwrap();
    let row = register.holders.iter().find(|r| r.did == "did:hk:alice").unwrap();
    assert_eq!((row.balance, row.wallets[0].held, row.wallets[0].bound), (amt(10_000), amt(6_000), true));
    // adding to the hold keeps one hold per venue
    s.place_hold(&fund, &alice, &vault, 1_000, None, None).unwrap();
    assert_eq!(s.holds_of(&fund, &alice).len(), 1);
    assert_eq!(s.held(&fund, &alice, &vault), 7_000);
    // only approved venues receive holds, and never the owner itself
    let before = snapshot(&s);
    let bob = s.addr("bob");
    assert_eq!(
        hold_err(s.place_hold(&fund, &alice, &bob, 1, None, None)),
        HoldError::NotAVenue { address: bob.to_string() }
    );
    assert_eq!(snapshot(&s), before);
    // a venue that refuses the hook refuses the hold
    s.execute(&alice, &vault, &hold_venue::ExecuteMsg::SetRefuse { refuse: true }).unwrap();
    let before = snapshot(&s);
    assert!(s.place_hold(&fund, &alice, &vault, 1, None, None).is_err());
    assert_eq!(snapshot(&s), before);
}

#[test]
fn held_shares_are_committed_and_still_earn_income() {
    let mut s = suite();
    let (fund, alice, bob, vault) = (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    s.place_hold(&fund, &alice, &vault, 6_000, None, None).unwrap();
    let before = snapshot(&s);
    // the owner can neither move held shares nor release the hold
    assert_eq!(denied(s.fund_transfer(&alice, &bob, 4_001)), vec![d(ReasonCode::Held)]);
    let dry: ft::CanTransferResponse = s
        .fund_query(&ft::QueryMsg::CanTransfer { from: alice.to_string(), to: bob.to_string(), amount: amt(4_001) })
        .unwrap();
    assert_eq!(dry.reasons, vec![d(ReasonCode::Held)]);
    assert_eq!(
        hold_err(s.release_hold(&fund, &alice, &alice, &vault, None)),
        HoldError::Committed { expires: "the venue releases it".into() }
    );
    // nor can the agent burn or force-move them before a court-order release
    let agent = s.agent.clone();
    let burn = ft::ExecuteMsg::AgentBurn { from: alice.to_string(), amount: amt(4_001), reason: "order".into() };
    assert_eq!(
        fund_err(s.fund_execute(&agent, &burn)),
        ContractError::HeldByVenues { available: amt(4_000), held: amt(6_000), needed: amt(4_001) }
    );
    assert_eq!(snapshot(&s), before);
    s.fund_transfer(&alice, &bob, 4_000).unwrap();
    // held shares earn: the units were issued in period 0, whose deposit is carried (record
    // date); the next one, 7,001 over 11,000 shares (⌊0.636454545454545454…⌋₁₈ each), pays alice
    // on all 6,000 she holds, 6,000 of them held
    s.deposit_income(1).unwrap();
    s.deposit_income(7_000).unwrap();
    let a = s.fund_account(&alice);
    assert_eq!(a.income_entitlement, "3818.727272727272724".parse::<cosmwasm_std::Decimal>().unwrap());
    assert_eq!(
        s.fund_account(&bob).income_entitlement,
        "3182.27272727272727".parse::<cosmwasm_std::Decimal>().unwrap()
    );
    assert_eq!(a.accrued_income, amt(3_818));
}

#[test]
fn the_venue_releases_and_executes_to_several_recipients() {
    let mut s = suite();
    let (fund, alice, bob, carol, vault) =
        (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("carol"), s.addr("vault"));
    s.place_hold(&fund, &alice, &vault, 6_000, None, None).unwrap();
    // partial release by the venue
    let res = s
        .execute(
            &bob,
            &vault,
            &hold_venue::ExecuteMsg::Release {
                token: fund.to_string(),
                owner: alice.to_string(),
                amount: Some(amt(1_000)),
            },
        )
        .unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_released", "held").as_deref(), Some("5000"));
    assert_eq!(s.fund_account(&alice).transferable, amt(5_000));
    // execution to a buyer and a fee address in one call
    let res = s.execute_hold(&fund, &vault, &alice, &[(&bob, 3_000), (&carol, 100)]).unwrap();
    let executed: Vec<_> = res.events.iter().filter(|e| e.ty == "wasm-harbour_hold_executed").collect();
    assert_eq!(executed.len(), 2);
    for key in ["from", "to", "from_did", "to_did", "amount", "owner", "owner_did", "venue"] {
        assert!(executed[0].attributes.iter().any(|a| a.key == key), "{key}");
    }
    assert_eq!(
        (s.fund_balance(&alice), s.fund_balance(&bob), s.fund_balance(&carol)),
        (amt(6_900), amt(4_000), amt(100))
    );
    assert_eq!(s.held(&fund, &alice, &vault), 1_900);
    // a recipient failing the recipient rule refuses the whole execution
    let dave = s.addr("dave");
    let before = snapshot(&s);
    assert_eq!(
        denied(s.execute_hold(&fund, &vault, &alice, &[(&bob, 1), (&dave, 1)])),
        vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]
    );
    assert_eq!(
        hold_err(s.execute_hold(&fund, &vault, &alice, &[(&bob, 1_901)])),
        HoldError::ExceedsHold { held: amt(1_900), needed: amt(1_901) }
    );
    assert_eq!(hold_err(s.execute_hold(&fund, &vault, &alice, &[(&alice, 1)])), HoldError::SelfHold {});
    assert_eq!(hold_err(s.execute_hold(&fund, &vault, &alice, &[])), HoldError::InvalidTransfers { max: 8 });
    assert_eq!(snapshot(&s), before);
    // the holder cap binds a recipient entering the register, as in a transfer
    set_policy(&mut s, |p| p.max_holders = Some(3));
    let eve = s.addr("nobody");
    assert_eq!(
        denied(s.execute_hold(&fund, &vault, &alice, &[(&eve, 1)])),
        vec![d(ReasonCode::UnknownWallet), d(ReasonCode::HolderCapReached)]
    );
}

#[test]
fn expiry_frees_the_hold_for_anyone_and_stops_execution() {
    let mut s = suite();
    let (fund, alice, bob, vault) = (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    let expires = s.now().plus_seconds(DAY);
    assert_eq!(
        hold_err(s.place_hold(&fund, &alice, &vault, 1, Some(s.now()), None)),
        HoldError::ExpiryInPast { expires: s.now() }
    );
    s.place_hold(&fund, &alice, &vault, 2_000, Some(expires), None).unwrap();
    let stranger = s.addr("stranger");
    assert_eq!(
        hold_err(s.release_hold(&fund, &stranger, &alice, &vault, None)),
        HoldError::Committed { expires: expires.to_string() }
    );
    s.execute_hold(&fund, &vault, &alice, &[(&bob, 500)]).unwrap();
    s.advance_seconds(DAY);
    assert!(s.hold(&fund, &alice, &vault).unwrap().expired);
    let before = snapshot(&s);
    assert_eq!(hold_err(s.execute_hold(&fund, &vault, &alice, &[(&bob, 1)])), HoldError::Expired { expires });
    assert_eq!(snapshot(&s), before);
    let res = s.release_hold(&fund, &stranger, &alice, &vault, None).unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_expired", "amount").as_deref(), Some("1500"));
    assert_eq!(s.hold(&fund, &alice, &vault), None);
    assert_eq!(s.fund_account(&alice).transferable, amt(9_500));
}

#[test]
fn court_order_release_notifies_the_venue_in_the_same_transaction() {
    let mut s = suite();
    let (fund, alice, vault, agent) = (s.fund_addr(), s.addr("alice"), s.addr("vault"), s.agent.clone());
    s.place_hold(&fund, &alice, &vault, 6_000, None, None).unwrap();
    let res = s.court_release(&fund, &agent, &alice, &vault, Some(2_000), "HCA 123/2026").unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_court_released", "reason").as_deref(), Some("HCA 123/2026"));
    assert_eq!(
        s.venue_hooks(&vault).last().map(|h| h.1.clone()),
        Some(HoldHookMsg::CourtReleased {
            owner: alice.to_string(),
            owner_did: Some("did:hk:alice".into()),
            amount: amt(2_000),
            held: amt(4_000),
            reason: "HCA 123/2026".into(),
        })
    );
    assert_eq!(s.venue_books(&vault, &fund)[0].held, amt(4_000));
    // the agent then burns the released shares (agent burns of held shares go through this path)
    let burn = ft::ExecuteMsg::AgentBurn { from: alice.to_string(), amount: amt(6_000), reason: "HCA 123/2026".into() };
    s.fund_execute(&agent, &burn).unwrap();
    assert_eq!((s.fund_balance(&alice), s.fund_account(&alice).held), (amt(4_000), amt(4_000)));
    // a reason is required; the venue must accept the notification
    let before = snapshot(&s);
    assert_eq!(
        hold_err(s.court_release(&fund, &agent, &alice, &vault, None, " ")),
        HoldError::InvalidReason { max: 256 }
    );
    s.execute(&alice, &vault, &hold_venue::ExecuteMsg::SetRefuse { refuse: true }).unwrap();
    let before_refusing = snapshot(&s);
    assert!(s.court_release(&fund, &agent, &alice, &vault, None, "HCA 124/2026").is_err());
    assert_eq!(snapshot(&s), before_refusing);
    assert_ne!(before, before_refusing); // (only the venue's own switch changed)
}

#[test]
fn recovery_moves_the_holds_with_the_wallet() {
    let mut s = suite();
    let (fund, alice, bob, vault, settlement, agent) =
        (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"), s.addr("settlement"), s.agent.clone());
    s.place_hold(&fund, &alice, &vault, 6_000, None, None).unwrap();
    s.place_hold(&fund, &alice, &settlement, 1_000, Some(s.now().plus_seconds(DAY)), None).unwrap();
    s.recover_wallet("did:hk:alice", "alice", "alice-new").unwrap();
    let new = s.addr("alice-new");
    let res = s
        .fund_execute(
            &agent,
            &ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.to_string(), new_wallet: new.to_string() },
        )
        .unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_moved", "owner").as_deref(), Some(new.as_str()));
    let a = s.fund_account(&new);
    assert_eq!((a.balance, a.held, a.transferable), (amt(10_000), amt(7_000), amt(3_000)));
    assert!(s.holds_of(&fund, &alice).is_empty());
    assert_eq!(s.holds_of(&fund, &new).len(), 2);
    assert_eq!(s.hold(&fund, &new, &settlement).unwrap().expires, Some(s.now().plus_seconds(DAY)));
    // both venues were told, and their books follow the new wallet
    assert!(matches!(
        s.venue_hooks(&vault).last().map(|h| h.1.clone()),
        Some(HoldHookMsg::Moved { from_owner, to_owner, held, .. })
            if from_owner == alice.as_str() && to_owner == new.as_str() && held == amt(6_000)
    ));
    assert_eq!(s.venue_books(&vault, &fund).iter().map(|b| b.owner.clone()).collect::<Vec<_>>(), vec![new.to_string()]);
    // the venue executes from the new wallet
    s.execute_hold(&fund, &vault, &new, &[(&bob, 6_000)]).unwrap();
    assert_eq!(s.fund_balance(&bob), amt(7_000));
}

#[test]
fn a_freeze_binds_the_units_beyond_holds_and_never_stops_the_venue() {
    let mut s = suite();
    let (fund, alice, bob, vault) = (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    s.place_hold(&fund, &alice, &vault, 6_000, None, None).unwrap();
    // a partial freeze of 5,000 covers the 4,000 unheld shares (and more once released)
    freeze(&mut s, "alice", Some(5_000));
    assert_eq!(s.fund_account(&alice).transferable, amt(0));
    assert_eq!(denied(s.fund_transfer(&alice, &bob, 1)), vec![d(ReasonCode::InsufficientUnfrozenBalance)]);
    s.execute_hold(&fund, &vault, &alice, &[(&bob, 1_000)]).unwrap();
    s.release_hold(&fund, &vault, &alice, &vault, Some(5_000)).unwrap();
    // released: 9,000 unheld, 5,000 frozen
    assert_eq!(s.fund_account(&alice).transferable, amt(4_000));
    // a full freeze: the owner can place nothing, the venue still executes a hold placed before
    s.place_hold(&fund, &alice, &vault, 2_000, None, None).unwrap();
    freeze(&mut s, "alice", None);
    assert_eq!(denied(s.place_hold(&fund, &alice, &vault, 1, None, None)), vec![d(ReasonCode::SenderFrozen)]);
    s.execute_hold(&fund, &vault, &alice, &[(&bob, 2_000)]).unwrap();
    assert_eq!(s.fund_balance(&bob), amt(4_000));
    // a frozen recipient refuses an execution
    s.place_hold(&fund, &bob, &vault, 100, None, None).unwrap();
    assert_eq!(denied(s.execute_hold(&fund, &vault, &bob, &[(&alice, 100)])), vec![d(ReasonCode::RecipientFrozen)]);
}

#[test]
fn primary_only_and_lapsed_credentials_allow_venue_executions() {
    let mut s = suite();
    let (fund, alice, bob, vault) = (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"));
    s.place_hold(&fund, &alice, &vault, 3_000, None, None).unwrap();
    set_policy(&mut s, |p| p.primary_only = true);
    assert_eq!(denied(s.fund_transfer(&alice, &bob, 10)), vec![d(ReasonCode::PrimaryOnly)]);
    s.execute_hold(&fund, &vault, &alice, &[(&bob, 1_000)]).unwrap();
    // the owner's credential lapsed: no transfer, but the venue's commitment still delivers
    s.revoke_credential("did:hk:alice", ClaimType::Kyc, "expired documents").unwrap();
    set_policy(&mut s, |p| p.primary_only = false);
    assert_eq!(
        denied(s.fund_transfer(&alice, &bob, 10)),
        vec![d(ReasonCode::ExitOnly), Denial::claim(ReasonCode::ClaimRevoked, ClaimType::Kyc)]
    );
    s.execute_hold(&fund, &vault, &alice, &[(&bob, 2_000)]).unwrap();
    assert_eq!(s.fund_balance(&bob), amt(4_000));
}

#[test]
fn at_most_eight_venues_hold_for_one_owner() {
    let mut s = suite();
    let (fund, alice) = (s.fund_addr(), s.addr("alice"));
    let mut venues = vec![s.addr("vault"), s.addr("settlement")];
    for i in venues.len()..=MAX_HOLDS_PER_OWNER {
        let v = s.deploy_venue(&format!("venue-{i}"), &format!("did:hk:venue-{i}")).unwrap();
        s.execute_as_owner(
            &fund,
            &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: v.to_string(), burn_held: false }),
        )
        .unwrap();
        venues.push(v);
    }
    for v in &venues[..MAX_HOLDS_PER_OWNER] {
        s.place_hold(&fund, &alice, v, 10, None, None).unwrap();
    }
    let before = snapshot(&s);
    let ninth = venues[MAX_HOLDS_PER_OWNER].clone();
    assert_eq!(
        hold_err(s.place_hold(&fund, &alice, &ninth, 10, None, None)),
        HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER }
    );
    assert_eq!(snapshot(&s), before);
    // adding to an existing hold is fine at the bound
    let first = venues[0].clone();
    s.place_hold(&fund, &alice, &first, 10, None, None).unwrap();
    assert_eq!(s.holds_of(&fund, &alice).len(), MAX_HOLDS_PER_OWNER);
}

#[test]
fn remove_venue_is_refused_while_it_holds_units_or_has_a_balance() {
    let mut s = suite();
    let (fund, alice, vault) = (s.fund_addr(), s.addr("alice"), s.addr("vault"));
    s.place_hold(&fund, &alice, &vault, 100, None, None).unwrap();
    let remove = ft::ExecuteMsg::RemoveVenue(harbour_types::AddressArgs { address: vault.to_string() });
    let err = s.execute_as_owner(&fund, &remove).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Hold(HoldError::VenueInUse { address: vault.to_string(), holds: true, balance: amt(0) }))
    );
    s.execute_hold(&fund, &vault, &alice, &[(&vault, 100)]).unwrap(); // into the venue's own account
    let err = s.execute_as_owner(&fund, &remove).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Hold(HoldError::VenueInUse {
            address: vault.to_string(),
            holds: false,
            balance: amt(100)
        }))
    );
    let m = cw20::Cw20ExecuteMsg::Transfer { recipient: alice.to_string(), amount: amt(100) };
    s.execute(
        &alice,
        &vault,
        &hold_venue::ExecuteMsg::Call { contract: fund.to_string(), msg: to_json_binary(&m).unwrap() },
    )
    .unwrap();
    s.execute_as_owner(&fund, &remove).unwrap();
    assert!(s.place_hold(&fund, &alice, &vault, 1, None, None).is_err());
}

#[test]
fn only_a_venue_with_the_burn_permission_burns_held_units_and_never_a_frozen_owners() {
    let mut s = suite();
    let (fund, alice, vault) = (s.fund_addr(), s.addr("alice"), s.addr("vault"));
    let dealing = s.deploy_venue("dealing", "did:hk:dealing").unwrap();
    s.execute_as_owner(
        &fund,
        &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: dealing.to_string(), burn_held: true }),
    )
    .unwrap();
    s.place_hold(&fund, &alice, &vault, 1_000, None, None).unwrap();
    s.place_hold(&fund, &alice, &dealing, 2_000, None, None).unwrap();
    let burn = |s: &mut Suite, venue: &Addr, n: u128| {
        let m =
            hold_venue::ExecuteMsg::Burn { token: s.fund_addr().to_string(), owner: alice.to_string(), amount: amt(n) };
        let who = s.addr("stranger");
        s.execute(&who, venue, &m)
    };
    let before = snapshot(&s);
    assert_eq!(hold_err(burn(&mut s, &vault, 1)), HoldError::NoBurnPermission { venue: vault.to_string() });
    assert_eq!(snapshot(&s), before);
    let res = burn(&mut s, &dealing, 500).unwrap();
    assert_eq!(event_attr(&res, "harbour_hold_burned", "from_did").as_deref(), Some("did:hk:alice"));
    let info: cw20::TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    assert_eq!((info.total_supply, s.fund_balance(&alice)), (amt(10_500), amt(9_500)));
    assert_eq!(s.held(&fund, &alice, &dealing), 1_500);
    freeze(&mut s, "alice", None);
    let before = snapshot(&s);
    assert_eq!(denied(burn(&mut s, &dealing, 1)), vec![d(ReasonCode::SenderFrozen)]);
    assert_eq!(snapshot(&s), before);
}

#[test]
fn a_pause_stops_placing_and_executing_but_not_releasing() {
    let mut s = suite();
    let (fund, alice, bob, vault, agent) =
        (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"), s.agent.clone());
    s.place_hold(&fund, &alice, &vault, 3_000, None, None).unwrap();
    let pauser = s.addr("pauser");
    s.fund_execute(&pauser, &ft::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    assert_eq!(denied(s.place_hold(&fund, &alice, &vault, 1, None, None)), vec![d(ReasonCode::Paused)]);
    assert_eq!(denied(s.execute_hold(&fund, &vault, &alice, &[(&bob, 1)])), vec![d(ReasonCode::Paused)]);
    s.release_hold(&fund, &vault, &alice, &vault, Some(1_000)).unwrap();
    s.court_release(&fund, &agent, &alice, &vault, Some(1_000), "HCA 9/2026").unwrap();
    assert_eq!(s.held(&fund, &alice, &vault), 1_000);
}

/// The messages of the matrix, with the JSON the fund accepts.
#[derive(serde::Serialize, Debug)]
#[serde(untagged)]
enum Msg {
    Hold(harbour_tests::holds::HoldMsg),
    Fund(ft::ExecuteMsg),
}

/// Every hold message (and the owner's carry sweep) by every role: the allowed roles succeed,
/// every other role gets its error and no contract changes.
#[test]
fn authorization_matrix_for_the_hold_messages() {
    use harbour_tests::holds::{transfers, HoldMsg};
    use harbour_types::holds::{ExecuteHoldMsg, ReleaseHoldMsg};
    let probe = suite();
    let (alice, bob, vault) = (probe.addr_ref("alice"), probe.addr_ref("bob"), probe.addr_ref("vault"));
    let release = |reason: Option<&str>| ReleaseHoldMsg {
        owner: alice.to_string(),
        venue: vault.to_string(),
        amount: Some(amt(10)),
        reason: reason.map(String::from),
    };
    let unauth = |action, role| ContractError::Unauthorized { action, role };
    let alice2 = alice.clone();
    type Expected = Box<dyn Fn(Role, &Addr) -> ContractError>;
    let cases: Vec<(Msg, Vec<Role>, Expected)> = vec![
        (
            Msg::Hold(HoldMsg::ReleaseHold(release(None))),
            vec![Role::Venue],
            Box::new(|_, _| ContractError::Hold(HoldError::Committed { expires: "the venue releases it".into() })),
        ),
        (
            Msg::Hold(HoldMsg::ExecuteHold(ExecuteHoldMsg {
                owner: alice.to_string(),
                transfers: transfers(&[(&bob, 10)]),
            })),
            vec![Role::Venue, Role::Dealing],
            Box::new(move |_, sender| {
                ContractError::Hold(HoldError::NoHold { owner: alice2.to_string(), venue: sender.to_string() })
            }),
        ),
        (
            Msg::Hold(HoldMsg::CourtReleaseHold(release(Some("HCA 1/2026")))),
            vec![Role::Agent],
            Box::new(move |_, _| unauth("court_release_hold", "agent")),
        ),
        (
            Msg::Fund(ft::ExecuteMsg::BurnHeld(ft::BurnHeldMsg { owner: alice.to_string(), amount: amt(10) })),
            vec![Role::Dealing],
            Box::new(|role, sender| match role {
                Role::Venue | Role::OtherVenue => {
                    ContractError::Hold(HoldError::NoBurnPermission { venue: sender.to_string() })
                }
                _ => ContractError::Hold(HoldError::NotAVenue { address: sender.to_string() }),
            }),
        ),
        (
            Msg::Fund(ft::ExecuteMsg::SweepIncomeCarry(harbour_types::NoArgs {})),
            vec![Role::Owner],
            Box::new(move |_, _| unauth("sweep_income_carry", "owner")),
        ),
    ];
    for (msg, allowed, expected) in &cases {
        for role in Role::WITH_VENUES {
            let mut s = suite();
            let fund = s.fund_addr();
            let dealing = s.deploy_venue("dealing", "did:hk:dealing").unwrap();
            s.execute_as_owner(
                &fund,
                &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: dealing.to_string(), burn_held: true }),
            )
            .unwrap();
            let (alice, vault) = (s.addr("alice"), s.addr("vault"));
            s.place_hold(&fund, &alice, &vault, 100, None, None).unwrap();
            s.place_hold(&fund, &alice, &dealing, 100, None, None).unwrap();
            // a carry of one whole unit: the period's first deposit is carried (record date)
            s.deposit_income(1).unwrap();
            let sender = s.fund_actor(role);
            let before = snapshot(&s);
            let res = s.execute(&sender, &fund, msg);
            if allowed.contains(&role) {
                res.unwrap_or_else(|e| panic!("{msg:?}: {role:?} must be allowed: {e:#}"));
            } else {
                let err = res.expect_err(&format!("{msg:?}: {role:?} must be refused"));
                assert_eq!(contract_error::<ContractError>(&err), Some(&expected(role, &sender)), "{msg:?}: {role:?}");
                assert_eq!(snapshot(&s), before, "{msg:?}: {role:?} changed a contract");
            }
        }
    }
}

#[test]
fn the_venue_books_mirror_the_tokens_holds() {
    let mut s = suite();
    let (fund, alice, bob, vault, agent) =
        (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"), s.agent.clone());
    s.place_hold(&fund, &alice, &vault, 500, None, None).unwrap();
    s.place_hold(&fund, &bob, &vault, 300, Some(Timestamp::from_seconds(s.now().seconds() + DAY)), None).unwrap();
    s.court_release(&fund, &agent, &bob, &vault, Some(100), "order").unwrap();
    let token: Vec<(String, Uint128)> =
        s.holds_for(&fund, &vault).into_iter().map(|h| (h.owner.to_string(), h.amount)).collect();
    let mut books: Vec<(String, Uint128)> =
        s.venue_books(&vault, &fund).into_iter().map(|b| (b.owner, b.held)).collect();
    books.sort();
    let mut token_sorted = token.clone();
    token_sorted.sort();
    assert_eq!(books, token_sorted);
    assert_eq!(token.len(), 2);
}
