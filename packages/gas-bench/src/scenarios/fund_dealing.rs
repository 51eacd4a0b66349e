//! Fund dealing, deployed as the harness deploys it (`tests/src/fund.rs`): the fund token, its
//! dealing contract (a venue identity approved with `burn_held`, named in the fund's config) and
//! cw20-base as the cash token. Every dealing operation, with its contract loads:
//!
//! - subscription: cash `Send` → dealing `Receive` → fund `DealingMint` → cash transfer to custody;
//! - instant redemption: fund `PlaceHold` → dealing hook (pays from the buffer) → cash transfer,
//!   and the fund's reply burns the held shares: three contract loads (fund, dealing, cash) and a
//!   reply;
//! - queued request: fund `PlaceHold` → dealing hook (records the request) → the fund's reply;
//! - settlement: cash `Send` from the dealing agent → dealing → fund `BurnHeld` → cash transfer;
//! - NAV update and emergency markdown.

use cosmwasm_std::Decimal;
use harbour_types::fund_dealing::{self as fd, CashHookMsg, HoldOrderMsg};
use harbour_types::fund_token as ft;
use harbour_types::identity::InvestorCategory;

use super::common::{amount, Fund, Registry, AMOUNT, INITIAL_BALANCE, KYC_PI};
use crate::bench::{Bench, Op, Scenario};

pub const SCENARIO: Scenario =
    Scenario { name: "fund_dealing", requires: &["fund_token", "fund_dealing", "identity_registry", "cw20_base"], run };

pub const SUBSCRIBE: &str = "fund_dealing.subscribe";
pub const REDEEM_INSTANT: &str = "fund_dealing.redeem_instant";
pub const REQUEST: &str = "fund_dealing.request_redemption";
pub const SETTLE: &str = "fund_dealing.settle_redemption";
pub const SET_NAV: &str = "fund_dealing.set_nav";

fn run(bench: &mut Bench) -> anyhow::Result<()> {
    let chain = bench.chain();
    let registry = Registry::deploy(bench, &chain)?;
    let (alice, carol) = (chain.wallet("alice"), chain.wallet("carol"));
    for (w, did) in [(&alice, "did:hk:alice"), (&carol, "did:hk:carol")] {
        registry.onboard(&chain, w, did, InvestorCategory::Individual, KYC_PI)?;
    }
    let fund = Fund::deploy(bench, &chain, &registry)?;
    let agent = registry.agent.clone();
    chain.exec(
        &agent,
        &fund.addr,
        &ft::ExecuteMsg::Mint { recipient: alice.to_string(), amount: amount(INITIAL_BALANCE) },
    )?;

    fund.mint_cash(&chain, &carol, 20 * AMOUNT)?;
    bench.tx(
        &chain,
        Op::new("fund_dealing.subscribe_new", "subscribe, first shares (cash Send + hook)")
            .vs("cw20_base.send")
            .note("carol's first shares: her DID enters the register; net cash to custody"),
        &carol,
        &fund.cash,
        &fund.cash_send(10 * AMOUNT, &CashHookMsg::Subscribe {})?,
    )?;
    bench.tx(
        &chain,
        Op::new(SUBSCRIBE, "subscribe (repeat)")
            .vs("cw20_base.send")
            .note("cash Send → dealing → fund DealingMint → cash to custody"),
        &carol,
        &fund.cash,
        &fund.cash_send(10 * AMOUNT, &CashHookMsg::Subscribe {})?,
    )?;
    fund.mint_cash(&chain, &agent, 100 * AMOUNT)?;
    chain.exec(&agent, &fund.cash, &fund.cash_send(100 * AMOUNT, &CashHookMsg::TopUpBuffer {})?)?;
    bench.tx(
        &chain,
        Op::new(REDEEM_INSTANT, "instant redeem (hold with redeem_instant)")
            .vs("cw20_base.burn")
            .note("fund PlaceHold → dealing pays from the buffer → the fund's reply burns the held shares"),
        &alice,
        &fund.addr,
        &fund.order(AMOUNT, &HoldOrderMsg::RedeemInstant {})?,
    )?;
    let requested = bench.tx(
        &chain,
        Op::new(REQUEST, "queued redeem (hold with request_redemption)")
            .vs("cw20_base.burn")
            .note("the shares stay in the wallet, held; dealing records the request"),
        &alice,
        &fund.addr,
        &fund.order(AMOUNT, &HoldOrderMsg::RequestRedemption {})?,
    )?;
    let request_id: u64 =
        requested.attribute("request_id").ok_or_else(|| anyhow::anyhow!("no request_id attribute"))?.parse()?;
    fund.mint_cash(&chain, &agent, AMOUNT)?;
    bench.tx(
        &chain,
        Op::new(SETTLE, "queued redeem (settle)")
            .note("dealing agent's cash Send → dealing → fund BurnHeld → cash to the owner"),
        &agent,
        &fund.cash,
        &fund.cash_send(AMOUNT, &CashHookMsg::SettleRedemption { request_id })?,
    )?;
    chain.advance_seconds(3_600);
    bench.tx(
        &chain,
        Op::new(SET_NAV, "NAV update").note("+1 bp, guarded; history record"),
        &fund.oracle,
        &fund.dealing,
        &fd::ExecuteMsg::SetNav { nav: Decimal::from_ratio(10_001u128, 10_000u128) },
    )?;
    bench.tx(
        &chain,
        Op::new("fund_dealing.emergency_markdown", "emergency markdown").note("-5%, past the guard, with a reason"),
        &fund.markdown,
        &fund.dealing,
        &fd::ExecuteMsg::EmergencyMarkdown { nav: Decimal::percent(95), reason: "issuer default".into() },
    )?;
    bench.query(
        &chain,
        Op::new("fund_dealing.nav_query", "Nav (query from a contract)").note("what the vault and settlement read"),
        &fund.dealing,
        &fd::QueryMsg::Nav(harbour_types::NoArgs {}),
    )?;
    Ok(())
}
