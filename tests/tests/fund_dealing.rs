//! Fund dealing through the harness with the real registry, fund token and stablecoin: NAV with
//! guards and the emergency markdown, subscriptions, instant and queued redemptions on holds, the
//! dealing gate, fees with rounding, the dry runs and their reason codes (a refusal changes none
//! of the three contracts), and the authorization matrix of every dealing message.

use cosmwasm_std::{to_json_binary, Addr, Decimal, Uint128};
use cw_multi_test::AppResponse;
use fund_dealing::ContractError as DealingError;
use fund_token::ContractError as FundError;
use harbour_tests::fund::{FundSetup, Role};
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder, DAY};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_dealing::{
    self as fd, CashHookMsg, DealingRole, HoldOrderMsg, InstantRedemptionResponse, NavGuards, RedeemMode,
    RequestFiledResponse,
};
use harbour_types::fund_token as ft;
use harbour_types::holds::{PlaceHoldMsg, ReleaseHoldMsg};
use harbour_types::identity::ClaimType;

const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

fn suite_with(setup: FundSetup) -> Suite {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", KYC_PI)
        .with_investor("bob", "did:hk:bob", "HK", KYC_PI)
        .with_investor("dave", "did:hk:dave", "HK", &[ClaimType::Kyc])
        .build();
    s.deploy_fund(setup).unwrap();
    s
}

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

fn d(code: ReasonCode) -> Denial {
    Denial::new(code)
}

fn refused(codes: &[ReasonCode]) -> DealingError {
    DealingError::Refused { reasons: codes.iter().map(|c| d(*c)).collect() }
}

/// `res` failed in the dealing contract with exactly `expected`.
#[track_caller]
fn assert_dealing(res: anyhow::Result<AppResponse>, expected: DealingError) {
    let err = res.expect_err("must fail");
    assert_eq!(contract_error::<DealingError>(&err), Some(&expected), "{err:#}");
}

/// `res` failed in the fund token with exactly `expected`.
#[track_caller]
fn assert_fund(res: anyhow::Result<AppResponse>, expected: FundError) {
    let err = res.expect_err("must fail");
    assert_eq!(contract_error::<FundError>(&err), Some(&expected), "{err:#}");
}

/// Raw state of the three contracts (fund token, dealing, cash token).
fn three(s: &Suite) -> [Vec<(Vec<u8>, Vec<u8>)>; 3] {
    [s.raw_state(&s.fund_addr()), s.raw_state(&s.dealing_addr()), s.raw_state(&s.cash_addr())]
}

fn supply(s: &Suite) -> Uint128 {
    let info: cw20::TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    info.total_supply
}

fn nav(s: &Suite) -> fd::NavResponse {
    s.dealing_query(&fd::QueryMsg::Nav(harbour_types::NoArgs {})).unwrap()
}

fn can_redeem(s: &Suite, owner: &Addr, shares: u128, mode: RedeemMode) -> fd::DealingCheckResponse {
    s.dealing_query(&fd::QueryMsg::CanRedeem { owner: owner.to_string(), shares: amt(shares), mode }).unwrap()
}

fn can_subscribe(s: &Suite, investor: &Addr, cash: u128) -> fd::DealingCheckResponse {
    s.dealing_query(&fd::QueryMsg::CanSubscribe { investor: investor.to_string(), cash: amt(cash) }).unwrap()
}

// ------------------------------------------------------------------ NAV

#[test]
fn nav_guards_move_interval_staleness_and_history() {
    let mut s = suite_with(FundSetup {
        nav_guards: NavGuards { max_move_bps: 100, min_interval: 3_600, staleness: 86_400 },
        ..FundSetup::default()
    });
    let next_allowed = nav(&s).updated_at.plus_seconds(3_600);
    assert_dealing(s.set_nav(Decimal::percent(100)), DealingError::NavTooSoon { next_allowed });
    s.advance_seconds(3_600);
    assert_dealing(
        s.set_nav(Decimal::percent(102)),
        DealingError::NavMoveTooLarge {
            previous: Decimal::one(),
            new: Decimal::percent(102),
            move_bps: 200,
            max_bps: 100,
        },
    );
    assert_dealing(s.set_nav(Decimal::zero()), DealingError::ZeroNav {});
    s.set_nav(Decimal::permille(1_010)).unwrap(); // exactly 100 bps
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_005)).unwrap();
    let page: fd::NavHistoryResponse =
        s.dealing_query(&fd::QueryMsg::NavHistory { start_after: None, limit: Some(2) }).unwrap();
    assert_eq!(page.records.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![0, 1]);
    let page: fd::NavHistoryResponse =
        s.dealing_query(&fd::QueryMsg::NavHistory { start_after: Some(1), limit: Some(2) }).unwrap();
    assert_eq!(page.records.iter().map(|r| (r.seq, r.nav)).collect::<Vec<_>>(), vec![(2, Decimal::permille(1_005))]);
    // staleness: consumers see it, dealing refuses it with the reason code, the dry run says so
    s.advance_seconds(86_400);
    assert!(nav(&s).stale);
    let alice = s.addr("alice");
    assert!(can_subscribe(&s, &alice, 10_000).reasons.contains(&d(ReasonCode::StaleNav)));
    s.mint_cash(&alice, 10_000).unwrap();
    let before = three(&s);
    assert_dealing(s.send_cash(&alice, 10_000, &CashHookMsg::Subscribe {}), refused(&[ReasonCode::StaleNav]));
    assert_eq!(three(&s), before);
    s.set_nav(Decimal::permille(1_005)).unwrap();
    s.send_cash(&alice, 10_000, &CashHookMsg::Subscribe {}).unwrap();
}

#[test]
fn emergency_markdown_lowers_past_the_guard_with_a_reason_increases_stay_guarded() {
    let mut s = suite_with(FundSetup::default()); // max move 200 bps, min interval 1 h
    let (markdown, oracle) = (s.addr("markdown"), s.addr("nav-oracle"));
    let md = |nav: Decimal, reason: &str| fd::ExecuteMsg::EmergencyMarkdown { nav, reason: reason.into() };
    // the oracle cannot use the markdown path, nor the markdown role publish
    assert_dealing(
        s.dealing_execute(&oracle, &md(Decimal::percent(90), "default")),
        DealingError::Unauthorized { action: "emergency_markdown", role: "markdown" },
    );
    assert_dealing(
        s.dealing_execute(&markdown, &fd::ExecuteMsg::SetNav { nav: Decimal::percent(99) }),
        DealingError::Unauthorized { action: "set_nav", role: "nav oracle" },
    );
    // increases and unchanged values are refused; a reason is required
    assert_dealing(
        s.dealing_execute(&markdown, &md(Decimal::percent(101), "up")),
        DealingError::MarkdownNotLower { current: Decimal::one(), new: Decimal::percent(101) },
    );
    assert_dealing(
        s.dealing_execute(&markdown, &md(Decimal::percent(90), " ")),
        DealingError::InvalidText { field: "reason", max: 256 },
    );
    // a 10% markdown at once (50× the guard, inside the minimum interval), with an event
    let res =
        s.dealing_execute(&markdown, &md(Decimal::percent(90), "issuer default: 1 holding written down")).unwrap();
    let ev = res.events.iter().find(|e| e.ty == "wasm-harbour_nav_markdown").expect("markdown event");
    let attr = |k: &str| ev.attributes.iter().find(|a| a.key == k).map(|a| a.value.clone());
    assert_eq!(attr("move_bps").as_deref(), Some("1000"));
    assert_eq!(attr("reason").as_deref(), Some("issuer default: 1 holding written down"));
    let n = nav(&s);
    assert_eq!((n.nav, n.seq, n.stale), (Decimal::percent(90), 1, false));
    let history: fd::NavHistoryResponse =
        s.dealing_query(&fd::QueryMsg::NavHistory { start_after: Some(0), limit: None }).unwrap();
    assert_eq!(history.records[0].markdown_reason.as_deref(), Some("issuer default: 1 holding written down"));
    // the way back up is guarded: 200 bps per update after the interval
    s.advance_seconds(3_600);
    assert_dealing(
        s.set_nav(Decimal::one()),
        DealingError::NavMoveTooLarge {
            previous: Decimal::percent(90),
            new: Decimal::one(),
            move_bps: 1_112,
            max_bps: 200,
        },
    );
    s.set_nav(Decimal::permille(918)).unwrap();
    // separation of duties: the markdown role is never also a NAV oracle
    let owner = s.owner.clone();
    let dealing = s.dealing_addr();
    let grant = fd::ExecuteMsg::GrantRole(fd::RoleArgs { role: DealingRole::NavOracle, address: markdown.to_string() });
    let err = s.execute(&owner, &dealing, &grant).unwrap_err();
    assert_eq!(
        contract_error::<DealingError>(&err),
        Some(&DealingError::RoleConflict { address: markdown.to_string() })
    );
}

// ------------------------------------------------------------------ subscriptions

#[test]
fn subscription_mints_at_nav_minus_fee_with_lockup() {
    let mut s = suite_with(FundSetup { subscription_fee_bps: 25, lockup_seconds: 7 * DAY, ..FundSetup::default() });
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_003)).unwrap();
    let alice = s.addr("alice");
    let quote = can_subscribe(&s, &alice, 1_000_001);
    assert!(quote.allowed);
    let res = s.subscribe(&alice, 1_000_001).unwrap();
    // fee = ⌈1,000,001 × 25 / 10⁴⌉ = 2,501; net 997,500; shares = ⌊997,500 / 1.003⌋ = 994,516
    let attr = |k: &str| res.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == k).map(|a| a.value.clone());
    assert_eq!(
        (attr("fee").as_deref(), attr("shares").as_deref(), attr("nav_seq").as_deref()),
        (Some("2501"), Some("994516"), Some("1"))
    );
    assert_eq!((quote.fee, quote.shares, quote.net), (amt(2_501), amt(994_516), amt(997_500)));
    assert_eq!(s.fund_balance(&alice), amt(994_516));
    assert_eq!(s.cash_balance(&s.addr_ref("custodian")), amt(997_500));
    // the fee accrues in the dealing contract until anyone sweeps it to the fee collector
    let dealing = s.dealing_addr();
    assert_eq!((s.cash_balance(&dealing), s.dealing_state().fees_accrued), (amt(2_501), amt(2_501)));
    let stranger = s.addr("stranger");
    s.dealing_execute(&stranger, &fd::ExecuteMsg::SweepFees(harbour_types::NoArgs {})).unwrap();
    assert_eq!(s.cash_balance(&s.addr_ref("fee-collector")), amt(2_501));
    assert_eq!((s.cash_balance(&dealing), s.dealing_state().fees_accrued), (amt(0), amt(0)));
    assert_dealing(
        s.dealing_execute(&stranger, &fd::ExecuteMsg::SweepFees(harbour_types::NoArgs {})),
        DealingError::ZeroAmount {},
    );
    // the new shares are locked for 7 days: neither transferable nor redeemable
    let acct = s.fund_account(&alice);
    assert_eq!((acct.locks.len(), acct.transferable), (1, Uint128::zero()));
    let bob = s.addr("bob");
    assert_fund(s.fund_transfer(&alice, &bob, 1), FundError::Compliance { reasons: vec![d(ReasonCode::Locked)] });
    s.top_up_liquidity(10_000).unwrap();
    assert!(can_redeem(&s, &alice, 1_000, RedeemMode::Instant).reasons.contains(&d(ReasonCode::Locked)));
    assert_fund(s.redeem_instant(&alice, 1_000), FundError::Compliance { reasons: vec![d(ReasonCode::Locked)] });
    s.advance_days(7);
    s.set_nav(Decimal::permille(1_003)).unwrap();
    s.fund_transfer(&alice, &bob, 1).unwrap();
    s.redeem_instant(&alice, 1_000).unwrap();
}

#[test]
fn subscription_refusals_carry_reason_codes_and_change_nothing() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob, dave) = (s.addr("alice"), s.addr("bob"), s.addr("dave"));
    let fund = s.fund_addr();
    // below the minimum subscription: the dealing rule
    s.mint_cash(&alice, 999).unwrap();
    let before = three(&s);
    assert_dealing(
        s.send_cash(&alice, 999, &CashHookMsg::Subscribe {}),
        refused(&[ReasonCode::BelowMinimumSubscription]),
    );
    assert_eq!(three(&s), before);
    assert_eq!(can_subscribe(&s, &alice, 999).reasons, vec![d(ReasonCode::BelowMinimumSubscription)]);
    // an unverified investor (no PI): the fund token refuses the mint, the whole transaction reverts
    s.mint_cash(&dave, 5_000).unwrap();
    let before = three(&s);
    assert_fund(
        s.send_cash(&dave, 5_000, &CashHookMsg::Subscribe {}),
        FundError::Compliance {
            reasons: vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)],
        },
    );
    assert_eq!(three(&s), before);
    assert_eq!(s.cash_balance(&dave), amt(5_000));
    assert_eq!(
        can_subscribe(&s, &dave, 5_000).reasons,
        vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]
    );
    // holder cap and maximum holding apply to subscriptions
    s.subscribe(&alice, 5_000).unwrap();
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let policy = ft::FundPolicy { max_holders: Some(1), max_holding: Some(amt(6_000)), ..cfg.policy.clone() };
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(policy)).unwrap();
    assert_fund(s.subscribe(&bob, 5_000), FundError::Compliance { reasons: vec![d(ReasonCode::HolderCapReached)] });
    assert_eq!(can_subscribe(&s, &bob, 5_000).reasons, vec![d(ReasonCode::HolderCapReached)]);
    assert_fund(
        s.subscribe(&alice, 1_001),
        FundError::Compliance { reasons: vec![d(ReasonCode::AboveMaximumHolding)] },
    );
    // one cash unit at NAV 1.01 buys no share
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(cfg.policy)).unwrap();
    let dealing = s.dealing_addr();
    let dcfg: fd::ConfigResponse = s.dealing_query(&fd::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    s.execute_as_owner(
        &dealing,
        &fd::ExecuteMsg::UpdateConfig(fd::DealingConfig { min_subscription: amt(0), ..dcfg.config }),
    )
    .unwrap();
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_010)).unwrap();
    assert_dealing(s.subscribe(&alice, 1), refused(&[ReasonCode::ZeroShares]));
}

#[test]
fn the_gate_and_the_pause_stop_dealing_but_not_transfers() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob, agent, pauser) = (s.addr("alice"), s.addr("bob"), s.agent.clone(), s.addr("pauser"));
    s.subscribe(&alice, 10_000).unwrap();
    s.top_up_liquidity(10_000).unwrap();
    let id = Suite::request_id(&s.request_redemption(&alice, 1_000).unwrap()).unwrap();
    // the dealing agent closes the gate: no new dealing, queued requests still paid or cancelled
    s.dealing_execute(&agent, &fd::ExecuteMsg::SetSuspended { suspended: true }).unwrap();
    s.mint_cash(&alice, 5_000).unwrap();
    let before = three(&s);
    assert_dealing(s.send_cash(&alice, 5_000, &CashHookMsg::Subscribe {}), refused(&[ReasonCode::DealingSuspended]));
    assert_dealing(s.redeem_instant(&alice, 10), refused(&[ReasonCode::DealingSuspended]));
    assert_dealing(s.request_redemption(&alice, 10), refused(&[ReasonCode::DealingSuspended]));
    assert_eq!(three(&s), before);
    for mode in [RedeemMode::Instant, RedeemMode::Queued] {
        assert_eq!(can_redeem(&s, &alice, 10, mode).reasons, vec![d(ReasonCode::DealingSuspended)]);
    }
    s.fund_transfer(&alice, &bob, 100).unwrap();
    s.settle_redemption(id, 1_000).unwrap();
    // the pauser stops everything, settlement included
    s.dealing_execute(&agent, &fd::ExecuteMsg::SetSuspended { suspended: false }).unwrap();
    s.dealing_execute(&pauser, &fd::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    assert_dealing(s.request_redemption(&bob, 50), refused(&[ReasonCode::Paused]));
    s.dealing_execute(&pauser, &fd::ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    let id = Suite::request_id(&s.request_redemption(&bob, 50).unwrap()).unwrap();
    s.dealing_execute(&pauser, &fd::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    assert_dealing(s.settle_redemption(id, 50), refused(&[ReasonCode::Paused]));
    assert_dealing(s.redeem_instant(&alice, 10), refused(&[ReasonCode::Paused]));
    // cancelling is never stopped: nothing is paid, the hold only returns
    s.cancel_redemption(&bob, id).unwrap();
    s.fund_transfer(&bob, &alice, 50).unwrap();
    let owner = s.owner.clone();
    let dealing = s.dealing_addr();
    s.execute(&owner, &dealing, &fd::ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    s.redeem_instant(&alice, 10).unwrap();
}

// ------------------------------------------------------------------ instant redemptions

#[test]
fn instant_redemption_from_the_buffer_within_the_daily_limit_with_response_data() {
    let mut s =
        suite_with(FundSetup { redemption_fee_bps: 10, instant_daily_limit: amt(3_000), ..FundSetup::default() });
    let alice = s.addr("alice");
    s.subscribe(&alice, 10_000).unwrap();
    let before = three(&s);
    assert_dealing(s.redeem_instant(&alice, 1_000), refused(&[ReasonCode::BufferShort]));
    assert_eq!(three(&s), before);
    s.top_up_liquidity(5_000).unwrap();
    let res = s.redeem_instant(&alice, 1_000).unwrap();
    // gross 1,000; fee ⌈1⌉ = 1; paid 999 — the data comes back through the fund token's PlaceHold
    let data: InstantRedemptionResponse = Suite::response_data(&res).unwrap();
    assert_eq!(
        data,
        InstantRedemptionResponse {
            shares: amt(1_000),
            gross: amt(1_000),
            fee: amt(1),
            paid: amt(999),
            nav: Decimal::one(),
            nav_seq: 0
        }
    );
    assert_eq!(s.cash_balance(&alice), amt(999));
    assert_eq!(s.dealing_state().fees_accrued, amt(1));
    // the held shares burned in the same transaction: no hold left, supply down
    assert_eq!(s.fund_account(&alice).held, amt(0));
    assert_eq!(supply(&s), amt(9_000));
    s.redeem_instant(&alice, 2_000).unwrap();
    assert_dealing(s.redeem_instant(&alice, 10), refused(&[ReasonCode::DailyLimit]));
    // a redemption worth nothing after the fee is refused (and the limit is reported too)
    assert_dealing(s.redeem_instant(&alice, 1), refused(&[ReasonCode::ZeroPayout, ReasonCode::DailyLimit]));
    let st = s.dealing_state();
    assert_eq!((st.buffer, st.instant_used_today), (amt(2_000), amt(3_000)));
    // the limit resets the next UTC day
    s.advance_days(1);
    s.set_nav(Decimal::one()).unwrap();
    s.redeem_instant(&alice, 10).unwrap();
    assert_eq!(supply(&s), amt(10_000 - 3_010));
    // the owner withdraws unused buffer to custody
    let dealing = s.dealing_addr();
    s.execute_as_owner(&dealing, &fd::ExecuteMsg::WithdrawBuffer(harbour_types::AmountArgs { amount: amt(1_000) }))
        .unwrap();
    // the contract holds exactly its buffer and the accrued fees (1 + 2 + 1)
    assert_eq!(s.cash_balance(&dealing), amt(990 + 4));
    let err = s
        .execute_as_owner(&dealing, &fd::ExecuteMsg::WithdrawBuffer(harbour_types::AmountArgs { amount: amt(991) }))
        .unwrap_err();
    assert_eq!(
        contract_error::<DealingError>(&err),
        Some(&DealingError::BufferTooSmall { available: amt(990), needed: amt(991) })
    );
}

// ------------------------------------------------------------------ queued redemptions

#[test]
fn queued_redemptions_are_holds_settled_by_the_agent_or_cancelled() {
    let mut s = suite_with(FundSetup { redemption_fee_bps: 10, ..FundSetup::default() });
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.subscribe(&alice, 10_000).unwrap();
    s.subscribe(&bob, 10_000).unwrap();
    let res = s.request_redemption(&alice, 4_000).unwrap();
    let filed: RequestFiledResponse = Suite::response_data(&res).unwrap();
    let r1 = filed.request_id;
    let r2 = Suite::request_id(&s.request_redemption(&bob, 10_000).unwrap()).unwrap();
    // the shares stay in the wallets, held: balance, supply, register and holder count unchanged
    let acct = s.fund_account(&alice);
    assert_eq!((acct.balance, acct.held, acct.transferable), (amt(10_000), amt(4_000), amt(6_000)));
    assert_eq!((supply(&s), s.holder_count()), (amt(20_000), 2));
    let st = s.dealing_state();
    assert_eq!((st.pending_requests, st.pending_shares), (2, amt(14_000)));
    let mine: fd::RedemptionRequestsResponse = s
        .dealing_query(&fd::QueryMsg::RedemptionRequests {
            owner: Some(alice.to_string()),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(mine.requests.iter().map(|r| (r.id, r.shares)).collect::<Vec<_>>(), vec![(r1, amt(4_000))]);
    // held shares cannot be moved by their owner
    assert_fund(s.fund_transfer(&alice, &bob, 7_000), FundError::Compliance { reasons: vec![d(ReasonCode::Held)] });
    // only the owner or the dealing agent cancels
    let before = three(&s);
    assert_dealing(
        s.cancel_redemption(&bob, r1),
        DealingError::Unauthorized { action: "cancel_redemption", role: "request owner or dealing agent" },
    );
    // settlement pays exactly the gross value at the current NAV, only from the dealing agent
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_001)).unwrap();
    assert_eq!(s.settlement_due(r1).unwrap(), 4_004);
    let before_settle = three(&s);
    assert_dealing(
        s.settle_redemption(r1, 4_000),
        DealingError::SettlementMismatch { id: r1, expected: amt(4_004), got: amt(4_000) },
    );
    s.mint_cash(&bob, 4_004).unwrap();
    assert_dealing(
        s.send_cash(&bob, 4_004, &CashHookMsg::SettleRedemption { request_id: r1 }),
        DealingError::Unauthorized { action: "settle_redemption", role: "dealing agent" },
    );
    let _ = (before, before_settle);
    s.settle_redemption(r1, 4_004).unwrap();
    // gross 4,004, fee ⌈4.004⌉ = 5, paid 3,999; the held shares burned in the same transaction
    assert_eq!(s.cash_balance(&alice), amt(3_999));
    assert_eq!(s.dealing_state().fees_accrued, amt(5));
    let acct = s.fund_account(&alice);
    assert_eq!((acct.balance, acct.held), (amt(6_000), amt(0)));
    assert_eq!(supply(&s), amt(16_000));
    assert_dealing(s.settle_redemption(r1, 4_004), DealingError::RequestNotFound { id: r1 });
    // cancelling releases the hold, even for a lapsed investor (nothing ever moved)
    s.revoke_credential("did:hk:bob", ClaimType::Kyc, "lapsed").unwrap();
    s.cancel_redemption(&bob, r2).unwrap();
    let acct = s.fund_account(&bob);
    assert_eq!((acct.balance, acct.held), (amt(10_000), amt(0)));
    let st = s.dealing_state();
    assert_eq!((st.pending_requests, st.pending_shares), (0, amt(0)));
}

#[test]
fn a_frozen_owners_request_is_never_paid() {
    let mut s = suite_with(FundSetup::default());
    let (alice, officer) = (s.addr("alice"), s.addr("compliance"));
    s.subscribe(&alice, 10_000).unwrap();
    let id = Suite::request_id(&s.request_redemption(&alice, 9_000).unwrap()).unwrap();
    s.fund_execute(
        &officer,
        &ft::ExecuteMsg::Freeze(ft::FreezeItem {
            address: alice.to_string(),
            amount: None,
            reason: "court order".into(),
        }),
    )
    .unwrap();
    let agent = s.agent.clone();
    s.mint_cash(&agent, 9_000).unwrap();
    let before = three(&s);
    let err = s.send_cash(&agent, 9_000, &CashHookMsg::SettleRedemption { request_id: id }).unwrap_err();
    assert_eq!(
        contract_error::<FundError>(&err),
        Some(&FundError::Compliance { reasons: vec![d(ReasonCode::SenderFrozen)] })
    );
    assert_eq!(three(&s), before, "nothing paid, nothing burned, the request still pending");
    assert_eq!(s.cash_balance(&alice), amt(0));
    assert!(!can_redeem(&s, &alice, 1, RedeemMode::Queued).allowed);
}

#[test]
fn cancelling_never_exceeds_the_holder_cap() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob, fund) = (s.addr("alice"), s.addr("bob"), s.fund_addr());
    s.subscribe(&alice, 10_000).unwrap();
    // bob requests a full exit: he stays a holder while the request is pending
    s.subscribe(&bob, 10_000).unwrap();
    let id = Suite::request_id(&s.request_redemption(&bob, 10_000).unwrap()).unwrap();
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(ft::FundPolicy { max_holders: Some(2), ..cfg.policy }))
        .unwrap();
    assert_eq!(s.holder_count(), 2);
    // the slot was never freed, so no third investor took it …
    s.register_identity("did:hk:erin", &["erin"], "HK", harbour_types::identity::InvestorCategory::Individual).unwrap();
    s.issue_credential("did:hk:erin", ClaimType::Kyc, 365 * DAY).unwrap();
    s.issue_credential("did:hk:erin", ClaimType::ProfessionalInvestor, 365 * DAY).unwrap();
    let erin = s.addr("erin");
    assert_fund(s.subscribe(&erin, 5_000), FundError::Compliance { reasons: vec![d(ReasonCode::HolderCapReached)] });
    // … and cancelling cannot put the fund over its cap
    s.cancel_redemption(&bob, id).unwrap();
    assert_eq!(s.holder_count(), 2);
}

#[test]
fn held_request_shares_keep_accruing_income() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.fund_mint(&alice, 5_000).unwrap();
    s.fund_mint(&bob, 5_000).unwrap();
    s.deposit_income(1).unwrap(); // closes the issuance period
    let id = Suite::request_id(&s.request_redemption(&alice, 5_000).unwrap()).unwrap();
    s.deposit_income(999).unwrap(); // 1,000 over 10,000 entitled units: alice's held ones included
    assert_eq!(s.fund_account(&alice).income_entitlement, Decimal::from_ratio(500u128, 1u128));
    assert_eq!(s.fund_account(&bob).income_entitlement, Decimal::from_ratio(500u128, 1u128));
    s.settle_redemption(id, 5_000).unwrap();
    s.fund_execute(&alice, &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {})).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(5_500));
}

#[test]
fn requests_that_could_never_pay_or_leave_dust_are_refused_when_filed() {
    let mut s = suite_with(FundSetup { redemption_fee_bps: 10, ..FundSetup::default() });
    let (alice, fund) = (s.addr("alice"), s.fund_addr());
    s.subscribe(&alice, 10_000).unwrap();
    // 1 share: gross 1, fee ⌈0.001⌉ = 1, nothing to pay
    let before = three(&s);
    assert_dealing(s.request_redemption(&alice, 1), refused(&[ReasonCode::ZeroPayout]));
    assert_eq!(three(&s), before);
    assert_eq!(can_redeem(&s, &alice, 1, RedeemMode::Queued).reasons, vec![d(ReasonCode::ZeroPayout)]);
    // a partial redemption may not leave the holding below the minimum; a full exit always may
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(ft::FundPolicy { min_holding: amt(5_000), ..cfg.policy }))
        .unwrap();
    assert_dealing(s.request_redemption(&alice, 6_000), refused(&[ReasonCode::BelowMinimumHolding]));
    assert_eq!(can_redeem(&s, &alice, 6_000, RedeemMode::Queued).reasons, vec![d(ReasonCode::BelowMinimumHolding)]);
    s.request_redemption(&alice, 4_000).unwrap();
    // the pending 4,000 count: another 2,000 would leave 4,000
    assert_dealing(s.request_redemption(&alice, 2_000), refused(&[ReasonCode::BelowMinimumHolding]));
    assert_eq!(can_redeem(&s, &alice, 2_000, RedeemMode::Queued).reasons, vec![d(ReasonCode::BelowMinimumHolding)]);
    s.request_redemption(&alice, 6_000).unwrap(); // everything: a full exit
    s.top_up_liquidity(20_000).unwrap();
    assert_fund(s.redeem_instant(&alice, 1), FundError::Compliance { reasons: vec![d(ReasonCode::Held)] });
}

#[test]
fn at_most_ten_pending_requests_per_wallet_and_more_for_listed_venues() {
    let mut s = suite_with(FundSetup::default());
    let alice = s.addr("alice");
    s.subscribe(&alice, 100_000).unwrap();
    for _ in 0..fd::MAX_PENDING_PER_OWNER {
        s.request_redemption(&alice, 10).unwrap();
    }
    assert_dealing(s.request_redemption(&alice, 10), refused(&[ReasonCode::TooManyRequests]));
    assert_eq!(can_redeem(&s, &alice, 10, RedeemMode::Queued).reasons, vec![d(ReasonCode::TooManyRequests)]);
    // a contract on the dealing venue list (the vault) has a cap of 64
    let dealing = s.dealing_addr();
    let dcfg: fd::ConfigResponse = s.dealing_query(&fd::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    s.execute_as_owner(
        &dealing,
        &fd::ExecuteMsg::UpdateConfig(fd::DealingConfig { venues: vec![alice.to_string()], ..dcfg.config }),
    )
    .unwrap();
    s.request_redemption(&alice, 10).unwrap();
}

#[test]
fn holds_for_dealing_carry_an_order_never_expire_and_only_come_from_the_fund() {
    let mut s = suite_with(FundSetup::default());
    let (alice, dealing) = (s.addr("alice"), s.dealing_addr());
    s.subscribe(&alice, 10_000).unwrap();
    let place = |expires, msg| {
        ft::ExecuteMsg::PlaceHold(PlaceHoldMsg { venue: dealing.to_string(), amount: amt(100), expires, msg })
    };
    let before = three(&s);
    let err = s.fund_execute(&alice, &place(None, None)).unwrap_err();
    assert!(matches!(contract_error::<DealingError>(&err), Some(DealingError::InvalidOrder { .. })), "{err:#}");
    let err = s.fund_execute(&alice, &place(None, Some(to_json_binary(&"sell").unwrap()))).unwrap_err();
    assert!(matches!(contract_error::<DealingError>(&err), Some(DealingError::InvalidOrder { .. })), "{err:#}");
    let expires = s.now().plus_seconds(60);
    let order = Some(to_json_binary(&HoldOrderMsg::RequestRedemption {}).unwrap());
    let err = s.fund_execute(&alice, &place(Some(expires), order)).unwrap_err();
    assert_eq!(contract_error::<DealingError>(&err), Some(&DealingError::ExpiringHold { expires }));
    assert_eq!(three(&s), before);
    // a hook or a cash send from anyone else
    let fake = harbour_types::holds::HoldHookMsg::Placed {
        owner: alice.to_string(),
        owner_did: None,
        amount: amt(100),
        held: amt(100),
        expires: None,
        msg: Some(to_json_binary(&HoldOrderMsg::RedeemInstant {}).unwrap()),
    };
    let err = s.dealing_execute(&alice, &fd::ExecuteMsg::HoldHook(fake)).unwrap_err();
    assert!(matches!(contract_error::<DealingError>(&err), Some(DealingError::NotFundToken { .. })));
    let wrapper = cw20::Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: amt(100),
        msg: to_json_binary(&CashHookMsg::Subscribe {}).unwrap(),
    };
    let err = s.dealing_execute(&alice, &fd::ExecuteMsg::Receive(wrapper)).unwrap_err();
    assert!(matches!(contract_error::<DealingError>(&err), Some(DealingError::NotCashToken { .. })));
    // the dealing contract cannot be replaced while it holds units
    s.request_redemption(&alice, 100).unwrap();
    let other = s.deploy_venue("dealing-2", "did:hk:dealing-2").unwrap();
    let fund = s.fund_addr();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: other.to_string(), burn_held: true }))
        .unwrap();
    let err = s
        .execute_as_owner(&fund, &ft::ExecuteMsg::SetDealing(harbour_types::AddressArgs { address: other.to_string() }))
        .unwrap_err();
    assert_eq!(
        contract_error::<FundError>(&err),
        Some(&FundError::DealingInUse { address: dealing.to_string(), held: true })
    );
    let stranger = s.addr("stranger");
    let err = s
        .execute_as_owner(
            &fund,
            &ft::ExecuteMsg::SetDealing(harbour_types::AddressArgs { address: stranger.to_string() }),
        )
        .unwrap_err();
    assert!(matches!(contract_error::<FundError>(&err), Some(FundError::NotADealingVenue { .. })));
}

#[test]
fn court_release_shrinks_requests_and_recovery_moves_them() {
    let mut s = suite_with(FundSetup::default());
    let (alice, agent, fund, dealing) = (s.addr("alice"), s.agent.clone(), s.fund_addr(), s.dealing_addr());
    s.subscribe(&alice, 10_000).unwrap();
    let r1 = Suite::request_id(&s.request_redemption(&alice, 3_000).unwrap()).unwrap();
    let r2 = Suite::request_id(&s.request_redemption(&alice, 2_000).unwrap()).unwrap();
    // a court order releases 2,500 of the 5,000 held: the newest request closes, the older shrinks
    let res = s
        .fund_execute(
            &agent,
            &ft::ExecuteMsg::CourtReleaseHold(ReleaseHoldMsg {
                owner: alice.to_string(),
                venue: dealing.to_string(),
                amount: Some(amt(2_500)),
                reason: Some("HCA 1/2026".into()),
            }),
        )
        .unwrap();
    assert!(res.events.iter().any(|e| e.ty == "wasm-harbour_redemption_court_released"));
    let left: fd::RedemptionRequestsResponse =
        s.dealing_query(&fd::QueryMsg::RedemptionRequests { owner: None, start_after: None, limit: None }).unwrap();
    assert_eq!(left.requests.iter().map(|r| (r.id, r.shares)).collect::<Vec<_>>(), vec![(r1, amt(2_500))]);
    assert_eq!(s.fund_account(&alice).held, amt(2_500));
    assert_dealing(s.settle_redemption(r2, 2_000), DealingError::RequestNotFound { id: r2 });
    // the registry rebinds alice's DID; the token agent recovers the wallet: the request follows
    s.recover_wallet("did:hk:alice", "alice", "alice-new").unwrap();
    let before = three(&s);
    let err = s.settle_redemption(r1, 2_500).unwrap_err();
    assert_eq!(
        contract_error::<FundError>(&err),
        Some(&FundError::Compliance { reasons: vec![d(ReasonCode::UnknownWallet)] }),
        "an unbound wallet is never paid"
    );
    let _ = before;
    let new = s.addr("alice-new");
    s.fund_execute(
        &agent,
        &ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.to_string(), new_wallet: new.to_string() },
    )
    .unwrap();
    let r: fd::RedemptionRequest = s.dealing_query(&fd::QueryMsg::RedemptionRequest { id: r1 }).unwrap();
    assert_eq!(r.owner, new);
    s.settle_redemption(r1, 2_500).unwrap();
    assert_eq!(s.cash_balance(&new), amt(2_500));
    assert_eq!(s.fund_account(&new).held, amt(0));
    let _ = fund;
}

// ------------------------------------------------------------------ dry runs

/// `CanRedeem` answers what the redemption then does, state after state.
#[test]
fn dry_runs_answer_what_dealing_then_does() {
    let mut s = suite_with(FundSetup { instant_daily_limit: amt(2_000), ..FundSetup::default() });
    let (alice, bob, officer, pauser) = (s.addr("alice"), s.addr("bob"), s.addr("compliance"), s.addr("pauser"));
    s.subscribe(&alice, 10_000).unwrap();
    let mut states: Vec<(&str, Vec<ReasonCode>)> = vec![];
    let mut step = |s: &mut Suite, label: &'static str| {
        let check = can_redeem(s, &alice, 1_000, RedeemMode::Instant);
        let res = s.redeem_instant(&alice, 1_000);
        assert_eq!(check.allowed, res.is_ok(), "{label}: dry run {check:?} vs {res:?}");
        if let Err(e) = res {
            let codes: Vec<ReasonCode> = match (contract_error::<DealingError>(&e), contract_error::<FundError>(&e)) {
                (Some(DealingError::Refused { reasons }), _) => reasons.iter().map(|d| d.code).collect(),
                (_, Some(FundError::Compliance { reasons })) => reasons.iter().map(|d| d.code).collect(),
                _ => panic!("{label}: {e:#}"),
            };
            for c in &codes {
                assert!(check.reasons.iter().any(|d| d.code == *c), "{label}: {c:?} not in the dry run {check:?}");
            }
            states.push((label, codes));
        }
    };
    step(&mut s, "buffer empty");
    s.top_up_liquidity(10_000).unwrap();
    step(&mut s, "ok");
    step(&mut s, "ok again");
    step(&mut s, "daily limit");
    s.advance_days(3);
    step(&mut s, "stale");
    s.set_nav(Decimal::one()).unwrap();
    s.fund_execute(
        &officer,
        &ft::ExecuteMsg::Freeze(ft::FreezeItem { address: alice.to_string(), amount: None, reason: "r".into() }),
    )
    .unwrap();
    step(&mut s, "frozen");
    s.fund_execute(&officer, &ft::ExecuteMsg::Unfreeze { address: alice.to_string(), reason: "r".into() }).unwrap();
    s.fund_execute(&pauser, &ft::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    step(&mut s, "fund paused");
    s.fund_execute(&pauser, &ft::ExecuteMsg::Unpause(harbour_types::NoArgs {})).unwrap();
    step(&mut s, "ok after");
    let codes: Vec<ReasonCode> = states.iter().flat_map(|(_, c)| c.clone()).collect();
    for c in [
        ReasonCode::BufferShort,
        ReasonCode::DailyLimit,
        ReasonCode::StaleNav,
        ReasonCode::SenderFrozen,
        ReasonCode::Paused,
    ] {
        assert!(codes.contains(&c), "{c:?} never reached: {states:?}");
    }
    // a subscription dry run for an investor without PI names the claim
    let _ = bob;
    let dave = s.addr("dave");
    assert_eq!(
        can_subscribe(&s, &dave, 5_000).reasons,
        vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]
    );
}

// ------------------------------------------------------------------ authorization

fn who(s: &mut Suite, r: Role) -> Addr {
    s.fund_actor(r)
}

/// Every dealing message, for every role: the allowed roles succeed (or fail on the merits of
/// the fixture, never with `Unauthorized`), every other role is refused with the exact error and
/// none of the three contracts changes.
#[test]
fn authorization_matrix_for_every_dealing_message() {
    enum Path {
        Cash(CashHookMsg),
        Exec(fd::ExecuteMsg),
    }
    let probe = suite_with(FundSetup::default());
    let dcfg: fd::ConfigResponse = probe.dealing_query(&fd::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let stranger = probe.addr_ref("stranger").to_string();
    let unauth = |action: &'static str, role: &'static str| DealingError::Unauthorized { action, role };
    let cases: Vec<(Path, Vec<Role>, DealingError)> = vec![
        (
            Path::Exec(fd::ExecuteMsg::SetNav { nav: Decimal::one() }),
            vec![Role::Oracle],
            unauth("set_nav", "nav oracle"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::EmergencyMarkdown { nav: Decimal::percent(95), reason: "r".into() }),
            vec![Role::Markdown],
            unauth("emergency_markdown", "markdown"),
        ),
        (Path::Exec(fd::ExecuteMsg::Pause(harbour_types::NoArgs {})), vec![Role::Pauser], unauth("pause", "pauser")),
        (
            Path::Exec(fd::ExecuteMsg::Unpause(harbour_types::NoArgs {})),
            vec![Role::Owner, Role::Pauser],
            unauth("unpause", "owner or pauser"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::SetSuspended { suspended: true }),
            vec![Role::Owner, Role::Agent],
            unauth("set_suspended", "owner or dealing agent"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::UpdateConfig(dcfg.config.clone())),
            vec![Role::Owner],
            unauth("update_config", "owner"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::UpdateNavGuards(dcfg.nav_guards.clone())),
            vec![Role::Owner],
            unauth("update_nav_guards", "owner"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::GrantRole(fd::RoleArgs {
                role: DealingRole::Pauser,
                address: stranger.clone(),
            })),
            vec![Role::Owner],
            unauth("grant_role", "owner"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::RevokeRole(fd::RoleArgs {
                role: DealingRole::Pauser,
                address: probe.addr_ref("pauser").to_string(),
            })),
            vec![Role::Owner],
            unauth("revoke_role", "owner"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::WithdrawBuffer(harbour_types::AmountArgs { amount: amt(100) })),
            vec![Role::Owner],
            unauth("withdraw_buffer", "owner"),
        ),
        (
            Path::Exec(fd::ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: stranger.clone(),
                expiry: None,
            })),
            vec![Role::Owner],
            DealingError::Ownership(cw_ownable::OwnershipError::NotOwner),
        ),
        (
            Path::Exec(fd::ExecuteMsg::CancelRedemption { request_id: 1 }),
            vec![Role::Agent, Role::Investor],
            unauth("cancel_redemption", "request owner or dealing agent"),
        ),
        (
            Path::Cash(CashHookMsg::TopUpBuffer {}),
            vec![Role::Owner, Role::Agent],
            unauth("top_up_buffer", "owner or dealing agent"),
        ),
        (
            Path::Cash(CashHookMsg::SettleRedemption { request_id: 1 }),
            vec![Role::Agent],
            unauth("settle_redemption", "dealing agent"),
        ),
    ];
    for (path, allowed, denied) in cases {
        for role in Role::FUND {
            let mut s = suite_with(FundSetup::default());
            let alice = s.addr("alice");
            s.subscribe(&alice, 10_000).unwrap();
            s.top_up_liquidity(1_000).unwrap();
            // request #1: alice's queued redemption of 1,000 shares (NAV 1, no fee: 1,000 due)
            s.request_redemption(&alice, 1_000).unwrap();
            s.advance_seconds(3_600);
            let sender = who(&mut s, role);
            s.mint_cash(&sender, 1_000).unwrap();
            let before = three(&s);
            let res = match &path {
                Path::Cash(hook) => s.send_cash(&sender, 1_000, hook),
                Path::Exec(msg) => s.dealing_execute(&sender, msg),
            };
            if allowed.contains(&role) {
                res.unwrap_or_else(|e| panic!("{role:?} must be allowed: {e:#}"));
            } else {
                let err = res.expect_err(&format!("{role:?} must be denied"));
                assert_eq!(contract_error::<DealingError>(&err), Some(&denied), "{role:?}: {err:#}");
                assert_eq!(three(&s), before, "{role:?} changed a contract");
            }
        }
    }
}

#[test]
fn dealing_admin_through_a_multisig_owner_and_migration_guards() {
    let mut s =
        SuiteBuilder::new().with_investor("alice", "did:hk:alice", "HK", KYC_PI).with_multisig_owner(3, 2).build();
    s.deploy_fund(FundSetup::default()).unwrap();
    let dealing = s.dealing_addr();
    let ownership: cw_ownable::Ownership<Addr> = s.dealing_query(&fd::QueryMsg::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(s.multisig.as_ref().unwrap().addr.clone()));
    s.execute_as_owner(&dealing, &fd::ExecuteMsg::SetSuspended { suspended: true }).unwrap();
    assert!(s.dealing_state().suspended);
    let signer = s.multisig.as_ref().unwrap().signers[0].clone();
    let err = s.execute(&signer, &dealing, &fd::ExecuteMsg::SetSuspended { suspended: false }).unwrap_err();
    assert_eq!(
        contract_error::<DealingError>(&err),
        Some(&DealingError::Unauthorized { action: "set_suspended", role: "owner or dealing agent" })
    );
    // renouncing is refused; a migration to a foreign contract's code is refused
    let err = s
        .execute_as_owner(&dealing, &fd::ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership))
        .unwrap_err();
    assert!(format!("{err:#}").contains("renouncing"), "{err:#}");
    let registry_code = s.store_registry_code();
    assert!(s.migrate(&dealing, &fd::MigrateMsg {}, registry_code).is_err());
    let own_code = s.app.store_code(harbour_tests::contracts::fund_dealing());
    s.migrate(&dealing, &fd::MigrateMsg {}, own_code).unwrap();
}
