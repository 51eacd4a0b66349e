//! The DID-gated fund token, deployed as the harness deploys it (`tests/src/fund.rs`): the registry
//! as identity source (the fund subscribed with `AddSubscriber`, its cache seeded by
//! `PushIdentities`), cw20-base as the cash token, a bench receiver approved as a venue.
//!
//! Income distribution and claim are measured twice on fresh chains, with 10 holders and with
//! `bench.holders` (10,000) holders onboarded through the batch messages.

use cosmwasm_std::to_json_binary;
use harbour_types::fund_token as ft;
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry as reg;

use super::common::{
    amount, deploy_hold_venue, measure_holds, Fund, HoldParties, Registry, AMOUNT, INITIAL_BALANCE, KYC_PI,
};
use crate::bench::{Bench, Op, Scenario};

pub const SCENARIO: Scenario = Scenario {
    name: "fund_token",
    requires: &["fund_token", "fund_dealing", "identity_registry", "cw20_base", "bench_receiver", "hold_venue"],
    run,
};

pub const TRANSFER: &str = "fund_token.transfer";
pub const TRANSFER_NEW: &str = "fund_token.transfer_new";
pub const TRANSFER_HELD: &str = "fund_token.transfer_held";
pub const PLACE_HOLD: &str = "fund_token.place_hold";
pub const RELEASE_HOLD: &str = "fund_token.release_hold";
pub const EXECUTE_HOLD: &str = "fund_token.execute_hold";
pub const DEPOSIT_SMALL: &str = "fund_token.deposit_income_small";
pub const DEPOSIT_LARGE: &str = "fund_token.deposit_income_large";
pub const CLAIM_SMALL: &str = "fund_token.claim_income_small";
pub const CLAIM_LARGE: &str = "fund_token.claim_income_large";
/// Holders of the small income scenario.
pub const SMALL_HOLDERS: u32 = 10;

fn run(bench: &mut Bench) -> anyhow::Result<()> {
    movements(bench)?;
    income(bench, SMALL_HOLDERS, "small")?;
    let large = bench.holders;
    income(bench, large, "large")?;
    Ok(())
}

fn movements(bench: &mut Bench) -> anyhow::Result<()> {
    let chain = bench.chain();
    let registry = Registry::deploy(bench, &chain)?;
    let (alice, bob, carol, dave) =
        (chain.wallet("alice"), chain.wallet("bob"), chain.wallet("carol"), chain.wallet("dave"));
    for (w, did) in [(&alice, "did:hk:alice"), (&bob, "did:hk:bob"), (&carol, "did:hk:carol")] {
        registry.onboard(&chain, w, did, InvestorCategory::Individual, KYC_PI)?;
    }
    let fund = Fund::deploy(bench, &chain, &registry)?;
    let venue = fund.add_venue(bench, &chain, &registry, "did:hk:harbour-venue")?;
    let agent = registry.agent.clone();

    // ---- the registry pushing to one subscriber (the fund's identity cache)
    bench.tx(
        &chain,
        Op::new("fund_token.register_identity_push", "registry: register identity (1 subscriber)")
            .vs("identity_registry.register_identity")
            .note("the registry pushes the snapshot to the fund's cache"),
        &agent,
        &registry.addr,
        &reg::ExecuteMsg::RegisterIdentity(Registry::new_identity(
            "did:hk:dave",
            &[&dave],
            "HK",
            InvestorCategory::Individual,
        )),
    )?;
    bench.tx(
        &chain,
        Op::new("fund_token.issue_credential_push", "registry: issue credential (1 subscriber)")
            .vs("identity_registry.issue_credential")
            .note("the registry pushes the snapshot to the fund's cache"),
        &registry.kyc_issuer,
        &registry.addr,
        &reg::ExecuteMsg::IssueCredential(Registry::grant(&chain, "did:hk:dave", ClaimType::Kyc)),
    )?;

    // ---- issuance and investor movements
    chain.exec(
        &agent,
        &fund.addr,
        &ft::ExecuteMsg::Mint { recipient: alice.to_string(), amount: amount(INITIAL_BALANCE) },
    )?;
    bench.tx(
        &chain,
        Op::new("fund_token.mint", "mint").vs("cw20_base.mint").note("agent to an existing verified holder"),
        &agent,
        &fund.addr,
        &ft::ExecuteMsg::Mint { recipient: alice.to_string(), amount: amount(AMOUNT) },
    )?;
    let transfer = ft::ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amount(AMOUNT) };
    bench.tx(
        &chain,
        Op::new(TRANSFER_NEW, "transfer to a new holder")
            .vs("cw20_base.transfer_new")
            .note("verified investors; bob's DID enters the register"),
        &alice,
        &fund.addr,
        &transfer,
    )?;
    bench.tx(
        &chain,
        Op::new(TRANSFER, "transfer (repeat)")
            .vs("cw20_base.transfer")
            .note("between two existing verified holders (budget)"),
        &alice,
        &fund.addr,
        &transfer,
    )?;
    chain.exec(
        &alice,
        &fund.addr,
        &ft::ExecuteMsg::IncreaseAllowance {
            spender: carol.to_string(),
            amount: amount(INITIAL_BALANCE),
            expires: None,
        },
    )?;
    bench.tx(
        &chain,
        Op::new("fund_token.transfer_from", "transfer_from")
            .vs("cw20_base.transfer_from")
            .note("carol spends alice's allowance, to bob"),
        &carol,
        &fund.addr,
        &ft::ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amount(AMOUNT) },
    )?;
    bench.tx(
        &chain,
        Op::new("fund_token.send", "send to a venue")
            .vs("cw20_base.send")
            .note("to the approved venue (bench receiver), first receipt"),
        &alice,
        &fund.addr,
        &ft::ExecuteMsg::Send { contract: venue.to_string(), amount: amount(AMOUNT), msg: to_json_binary(&"deposit")? },
    )?;

    // ---- holds: the hold venue (one books write per hook) holds alice's shares in place
    let venue = deploy_hold_venue(bench, &chain, "hold-venue")?;
    fund.approve_venue(&chain, &registry, &venue, "did:hk:harbour-hold-venue")?;
    let parties = HoldParties {
        token: &fund.addr,
        owner: &alice,
        venue: &venue,
        buyer: &bob,
        fee_to: &carol,
        court: &agent,
        reason: "HCA 123/2026",
    };
    measure_holds(bench, &chain, "fund_token", "shares", parties, &transfer)?;

    Ok(())
}

/// Income distribution and claim with `holders` holders (each 1,000 shares).
fn income(bench: &mut Bench, holders: u32, size: &str) -> anyhow::Result<()> {
    let chain = bench.chain();
    let registry = Registry::deploy(bench, &chain)?;
    let wallets = registry.onboard_batch(&chain, holders)?;
    let fund = Fund::deploy(bench, &chain, &registry)?;
    let agent = registry.agent.clone();
    fund.batch_mint(&chain, &agent, &wallets, 1_000 * AMOUNT)?;
    let (first, second, third) = match wallets.as_slice() {
        [a, b, c, ..] => (a.clone(), b.clone(), c.clone()),
        _ => anyhow::bail!("the income scenario needs at least 3 holders"),
    };
    let n = format_count(holders);
    bench.tx(
        &chain,
        Op::new(format!("fund_token.transfer_{size}"), format!("transfer (repeat) at {n} holders"))
            .vs("cw20_base.transfer"),
        &second,
        &fund.addr,
        &ft::ExecuteMsg::Transfer { recipient: third.to_string(), amount: amount(AMOUNT) },
    )?;
    // the shares were issued in the current income period: a first deposit closes it (carried,
    // record date) so that the measured deposit pays them
    fund.mint_cash(&chain, &agent, 1_000 * AMOUNT + 1)?;
    chain.exec(&agent, &fund.cash, &fund.income_send(1)?)?;
    bench.tx(
        &chain,
        Op::new(format!("fund_token.deposit_income_{size}"), format!("income distribution at {n} holders"))
            .note("agent income-token Send with DepositIncome"),
        &agent,
        &fund.cash,
        &fund.income_send(1_000 * AMOUNT)?,
    )?;
    bench.tx(
        &chain,
        Op::new(format!("fund_token.claim_income_{size}"), format!("income claim at {n} holders"))
            .note("a holder claims; cash transfer sub-message"),
        &first,
        &fund.addr,
        &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {}),
    )?;
    let cfg: ft::FundConfigResponse = chain.query(&fund.addr, &ft::QueryMsg::Config(harbour_types::NoArgs {}))?;
    anyhow::ensure!(cfg.holder_count == holders, "expected {holders} holders, the fund counts {}", cfg.holder_count);
    let paid: cw20::BalanceResponse =
        chain.query(&fund.cash, &cw20::Cw20QueryMsg::Balance { address: first.to_string() })?;
    anyhow::ensure!(!paid.balance.is_zero(), "the claim paid nothing");
    Ok(())
}

pub fn format_count(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped() {
        assert_eq!(super::format_count(10), "10");
        assert_eq!(super::format_count(10_000), "10,000");
        assert_eq!(super::format_count(1_234_567), "1,234,567");
    }
}
