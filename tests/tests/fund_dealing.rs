//! Fund token NAV, primary dealing and income through the harness (registry + CW20 cash token).

use cosmwasm_std::{Decimal, Uint128};
use fund_token::ContractError;
use harbour_tests::fund::FundSetup;
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder, DAY};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_token::{self as ft, CashHookMsg, IncomeMode, NavGuards};
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

fn dbg_err(res: anyhow::Result<cw_multi_test::AppResponse>) -> String {
    let e = res.expect_err("must fail");
    format!("{:?}", contract_error::<ContractError>(&e).unwrap_or_else(|| panic!("not a fund error: {e:#}")))
}

// ------------------------------------------------------------------ NAV

#[test]
fn nav_guards_move_interval_and_staleness() {
    let mut s = suite_with(FundSetup {
        nav_guards: NavGuards { max_move_bps: 100, min_interval: 3_600, staleness: 86_400 },
        ..FundSetup::default()
    });
    // too soon after instantiation
    assert!(dbg_err(s.set_nav(Decimal::percent(100))).starts_with("NavTooSoon"));
    s.advance_seconds(3_600);
    // 1.02 is a 200 bps move, over the 100 bps guard
    assert_eq!(
        dbg_err(s.set_nav(Decimal::percent(102))),
        format!(
            "{:?}",
            ContractError::NavMoveTooLarge {
                previous: Decimal::one(),
                new: Decimal::percent(102),
                move_bps: 200,
                max_bps: 100
            }
        )
    );
    assert!(dbg_err(s.set_nav(Decimal::zero())).starts_with("ZeroNav"));
    s.set_nav(Decimal::permille(1_010)).unwrap(); // exactly 100 bps
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_005)).unwrap();
    let history: ft::NavHistoryResponse =
        s.fund_query(&ft::QueryMsg::NavHistory { start_after: None, limit: Some(2) }).unwrap();
    assert_eq!(history.records.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![0, 1]);
    let page2: ft::NavHistoryResponse =
        s.fund_query(&ft::QueryMsg::NavHistory { start_after: Some(1), limit: Some(2) }).unwrap();
    assert_eq!(page2.records.iter().map(|r| (r.seq, r.nav)).collect::<Vec<_>>(), vec![(2, Decimal::permille(1_005))]);
    // staleness: consumers see it and dealing refuses it
    s.advance_seconds(86_400);
    let nav: ft::NavResponse = s.fund_query(&ft::QueryMsg::Nav(harbour_types::NoArgs {})).unwrap();
    assert!(nav.stale);
    let alice = s.addr("alice");
    assert!(dbg_err(s.subscribe(&alice, 10_000)).starts_with("StaleNav"));
    s.set_nav(Decimal::permille(1_005)).unwrap();
    s.subscribe(&alice, 10_000).unwrap();
}

// ------------------------------------------------------------------ subscriptions

#[test]
fn subscription_mints_at_nav_minus_fee_with_lockup() {
    let mut s = suite_with(FundSetup { subscription_fee_bps: 25, lockup_seconds: 7 * DAY, ..FundSetup::default() });
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_003)).unwrap();
    let alice = s.addr("alice");
    let res = s.subscribe(&alice, 1_000_001).unwrap();
    // fee = ceil(1_000_001 × 25 / 10_000) = 2_501; shares = floor(997_500 / 1.003) = 994_516
    let attr = |k: &str| res.events.iter().flat_map(|e| &e.attributes).find(|a| a.key == k).map(|a| a.value.clone());
    assert_eq!(attr("fee").as_deref(), Some("2501"));
    assert_eq!(attr("shares").as_deref(), Some("994516"));
    assert_eq!(s.fund_balance(&alice), amt(994_516));
    assert_eq!(s.cash_balance(&s.addr_ref("custodian")), amt(997_500));
    assert_eq!(s.cash_balance(&s.addr_ref("fee-collector")), amt(2_501));
    // the new shares are locked for 7 days
    let acct = s.fund_account(&alice);
    assert_eq!((acct.locks.len(), acct.transferable), (1, Uint128::zero()));
    let bob = s.addr("bob");
    assert_eq!(
        dbg_err(s.fund_transfer(&alice, &bob, 1)),
        format!("{:?}", ContractError::Compliance { reasons: vec![Denial::new(ReasonCode::Locked)] })
    );
    s.advance_days(7);
    s.set_nav(Decimal::permille(1_003)).unwrap();
    s.fund_transfer(&alice, &bob, 1).unwrap();
}

#[test]
fn subscription_rules() {
    let mut s = suite_with(FundSetup::default());
    let (alice, dave) = (s.addr("alice"), s.addr("dave"));
    let fund = s.fund_addr();
    let before = s.raw_state(&fund);
    assert!(dbg_err(s.subscribe(&alice, 999)).starts_with("BelowMinimumSubscription"));
    // unverified investor (no PI): the cash goes back with the failed transaction
    assert_eq!(
        dbg_err(s.subscribe(&dave, 5_000)),
        format!(
            "{:?}",
            ContractError::Compliance {
                reasons: vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]
            }
        )
    );
    assert_eq!(s.cash_balance(&dave), amt(5_000)); // the failed send left the cash with dave
    assert_eq!(s.raw_state(&fund), before);
    // holder cap and maximum holding apply to subscriptions
    s.subscribe(&alice, 5_000).unwrap();
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let policy = ft::FundPolicy { max_holders: Some(1), max_holding: Some(amt(6_000)), ..cfg.policy };
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(policy)).unwrap();
    let bob = s.addr("bob");
    assert_eq!(
        dbg_err(s.subscribe(&bob, 5_000)),
        format!("{:?}", ContractError::Compliance { reasons: vec![Denial::new(ReasonCode::HolderCapReached)] })
    );
    assert_eq!(
        dbg_err(s.subscribe(&alice, 1_001)),
        format!("{:?}", ContractError::Compliance { reasons: vec![Denial::new(ReasonCode::AboveMaximumHolding)] })
    );
    // the gate suspends dealing but not transfers
    s.execute_as_owner(&fund, &ft::ExecuteMsg::SetDealingSuspended { suspended: true }).unwrap();
    assert!(dbg_err(s.subscribe(&alice, 1_000)).starts_with("DealingSuspended"));
    assert!(dbg_err(
        s.fund_execute(&alice, &ft::ExecuteMsg::RequestRedemption(harbour_types::AmountArgs { amount: amt(10) }))
    )
    .starts_with("DealingSuspended"));
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let policy = ft::FundPolicy { max_holders: None, max_holding: None, ..cfg.policy };
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(policy)).unwrap();
    s.fund_transfer(&alice, &bob, 100).unwrap();
}

// ------------------------------------------------------------------ redemptions

#[test]
fn instant_redemption_from_buffer_with_daily_limit() {
    let mut s =
        suite_with(FundSetup { redemption_fee_bps: 10, instant_daily_limit: amt(3_000), ..FundSetup::default() });
    let alice = s.addr("alice");
    s.subscribe(&alice, 10_000).unwrap();
    assert!(dbg_err(
        s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(1_000) }))
    )
    .starts_with("InsufficientLiquidity"));
    s.top_up_liquidity(5_000).unwrap();
    s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(1_000) })).unwrap();
    // gross 1_000; fee ceil(1) = 1; paid 999
    assert_eq!(s.cash_balance(&alice), amt(999));
    s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(2_000) })).unwrap();
    let err =
        dbg_err(s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(10) })));
    assert_eq!(err, format!("{:?}", ContractError::DailyLimitExceeded { remaining: amt(0), needed: amt(10) }));
    // a redemption worth nothing after the fee is refused
    assert!(dbg_err(
        s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(1) }))
    )
    .starts_with("NothingToPay"));
    let state: ft::DealingStateResponse = s.fund_query(&ft::QueryMsg::DealingState(harbour_types::NoArgs {})).unwrap();
    assert_eq!((state.liquidity_buffer, state.instant_used_today), (amt(2_000), amt(3_000)));
    // the limit resets the next UTC day
    s.advance_days(1);
    s.set_nav(Decimal::one()).unwrap();
    s.fund_execute(&alice, &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: amt(10) })).unwrap();
    let info: cw20::TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    assert_eq!(info.total_supply, amt(10_000 - 3_010));
    // the owner can withdraw unused liquidity to custody
    let fund = s.fund_addr();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::WithdrawLiquidity(harbour_types::AmountArgs { amount: amt(1_000) }))
        .unwrap();
}

#[test]
fn queued_redemption_escrow_settle_and_cancel() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob, agent) = (s.addr("alice"), s.addr("bob"), s.agent.clone());
    s.subscribe(&alice, 10_000).unwrap();
    s.subscribe(&bob, 10_000).unwrap();
    let r1 = Suite::request_id(
        &s.fund_execute(&alice, &ft::ExecuteMsg::RequestRedemption(harbour_types::AmountArgs { amount: amt(4_000) }))
            .unwrap(),
    )
    .unwrap();
    let r2 = Suite::request_id(
        &s.fund_execute(&bob, &ft::ExecuteMsg::RequestRedemption(harbour_types::AmountArgs { amount: amt(10_000) }))
            .unwrap(),
    )
    .unwrap();
    // shares are in escrow: out of the balances, still in supply
    assert_eq!(s.fund_balance(&alice), amt(6_000));
    let info: cw20::TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    assert_eq!(info.total_supply, amt(20_000));
    assert_eq!(s.holder_count(), 1, "bob's full exit into escrow leaves one holder");
    let mine: ft::RedemptionRequestsResponse = s
        .fund_query(&ft::QueryMsg::RedemptionRequests {
            owner: Some(alice.to_string()),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(mine.requests.len(), 1);
    // only the owner or an agent can cancel
    let err = dbg_err(s.fund_execute(&bob, &ft::ExecuteMsg::CancelRedemption { request_id: r1 }));
    assert!(err.starts_with("Unauthorized"));
    // settlement must pay exactly what is due at the current NAV
    s.advance_seconds(3_600);
    s.set_nav(Decimal::permille(1_001)).unwrap();
    s.mint_cash(&agent, 100_000).unwrap();
    let err = dbg_err(s.send_cash(&agent, 4_000, &CashHookMsg::SettleRedemption { request_id: r1 }));
    assert_eq!(
        err,
        format!("{:?}", ContractError::SettlementMismatch { id: r1, expected: amt(4_004), got: amt(4_000) })
    );
    // a non-agent cannot settle
    s.mint_cash(&bob, 5_000).unwrap();
    assert!(dbg_err(s.send_cash(&bob, 4_004, &CashHookMsg::SettleRedemption { request_id: r1 }))
        .starts_with("Unauthorized"));
    s.send_cash(&agent, 4_004, &CashHookMsg::SettleRedemption { request_id: r1 }).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(4_004));
    let info: cw20::TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    assert_eq!(info.total_supply, amt(16_000));
    assert!(dbg_err(s.send_cash(&agent, 4_004, &CashHookMsg::SettleRedemption { request_id: r1 }))
        .starts_with("RequestNotFound"));
    // cancelling returns the escrowed shares even to a lapsed investor (nothing is ever lost)
    s.revoke_credential("did:hk:bob", ClaimType::Kyc, "lapsed").unwrap();
    s.fund_execute(&bob, &ft::ExecuteMsg::CancelRedemption { request_id: r2 }).unwrap();
    assert_eq!(s.fund_balance(&bob), amt(10_000));
    assert_eq!(s.holder_count(), 2);
    let state: ft::DealingStateResponse = s.fund_query(&ft::QueryMsg::DealingState(harbour_types::NoArgs {})).unwrap();
    assert_eq!((state.escrowed_shares, state.pending_requests), (amt(0), 0));
}

// ------------------------------------------------------------------ income

/// The income ledger, exactly (the oracle is the arithmetic written out below): the record-date
/// rule carries the first deposit (every unit was issued during period 0), entitlements are
/// exact to 18 decimals, claims pay whole units and add the sub-unit rest to the carry, and
/// deposited = claimed + swept + owed + carry at every step.
#[test]
fn income_accrues_by_index_across_transfers_with_exact_rounding() {
    let mut s = suite_with(FundSetup::default());
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let state = |s: &Suite| -> ft::DealingStateResponse {
        s.fund_query(&ft::QueryMsg::DealingState(harbour_types::NoArgs {})).unwrap()
    };
    let dec = |x: &str| x.parse::<Decimal>().unwrap();
    s.subscribe(&alice, 3_000).unwrap();
    s.subscribe(&bob, 4_000).unwrap();
    assert_eq!(s.fund_account(&alice).income_pending, amt(3_000));
    // period 0 closes with nothing entitled: the whole deposit is carried
    s.deposit_income(1_000).unwrap();
    let st = state(&s);
    assert_eq!((st.income_period, st.income_carry, st.income_owed), (1, dec("1000"), Decimal::zero()));
    // 1_700 (700 + 1_000 carried) over 7_000: per share ⌊0.242857142857142857…⌋₁₈
    s.deposit_income(700).unwrap();
    let ent = |s: &Suite, who: &cosmwasm_std::Addr| s.fund_account(who).income_entitlement;
    assert_eq!(ent(&s, &alice), dec("728.571428571428571"));
    assert_eq!(ent(&s, &bob), dec("971.428571428571428"));
    assert_eq!(s.fund_account(&alice).accrued_income, amt(728));
    let st = state(&s);
    assert_eq!((st.income_owed, st.income_carry), (dec("1699.999999999999999"), dec("0.000000000000001")));
    // a transfer settles both sides first: later income follows the new balances
    s.fund_transfer(&alice, &bob, 3_000).unwrap();
    s.deposit_income(700).unwrap(); // 700.000000000000001 over 7_000: 0.1 per share, all to bob
    assert_eq!(ent(&s, &alice), dec("728.571428571428571"));
    assert_eq!(ent(&s, &bob), dec("1671.428571428571428"));
    s.fund_execute(&alice, &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {})).unwrap();
    s.fund_execute(&bob, &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {})).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(728));
    assert_eq!(s.cash_balance(&bob), amt(1_671));
    // the sub-unit rests went to the carry: 2_400 deposited = 2_399 claimed + 1 carried, nothing owed
    let st = state(&s);
    assert_eq!(
        (st.income_deposited, st.income_claimed, st.income_owed, st.income_carry),
        (amt(2_400), amt(2_399), Decimal::zero(), Decimal::one())
    );
    assert!(dbg_err(s.fund_execute(&alice, &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {})))
        .starts_with("NothingToClaim"));
    // only agents deposit
    s.mint_cash(&alice, 10).unwrap();
    assert!(dbg_err(s.send_cash(&alice, 10, &CashHookMsg::DepositIncome {})).starts_with("Unauthorized"));
}

#[test]
fn accumulating_funds_refuse_income_deposits() {
    let mut s = suite_with(FundSetup { income_mode: IncomeMode::Accumulating, ..FundSetup::default() });
    let alice = s.addr("alice");
    s.subscribe(&alice, 3_000).unwrap();
    assert!(dbg_err(s.deposit_income(100)).starts_with("NotDistributing"));
}
