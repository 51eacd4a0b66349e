//! The fund-token ledger fixes of issue 11, each with the reproduction that showed the defect:
//! income dust locking the cash token, the income record date, burn consistency across both
//! tokens, the register (per-wallet held and bound status, no silent truncation, `AllAccounts`),
//! and the same movement attributes on every path.

use cosmwasm_std::{to_json_binary, Addr, Decimal, Uint128};
use cw20::{AllAccountsResponse, Cw20ExecuteMsg};
use fund_token::ContractError;
use harbour_tests::fund::FundSetup;
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder};
use harbour_types::fund_dealing::CashHookMsg;
use harbour_types::fund_token::{self as ft, ForcedTransferItem, MintItem};
use harbour_types::identity::ClaimType;

const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn suite() -> Suite {
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", KYC_PI)
        .with_investor("bob", "did:hk:bob", "HK", KYC_PI)
        .with_investor("carol", "did:hk:carol", "HK", KYC_PI)
        .with_investor("dave", "did:hk:dave", "HK", KYC_PI)
        .build();
    s.deploy_venue("vault", "did:hk:vault").unwrap();
    s.deploy_fund(FundSetup { venues: vec!["vault".into()], ..FundSetup::default() }).unwrap();
    s
}

fn state(s: &Suite) -> ft::IncomeStateResponse {
    s.fund_query(&ft::QueryMsg::IncomeState(harbour_types::NoArgs {})).unwrap()
}

fn claim(s: &mut Suite, who: &Addr) -> anyhow::Result<cw_multi_test::AppResponse> {
    s.fund_execute(who, &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {}))
}

/// Reproduction: one deposit over 10,010 shares used to leave 1 unit in `owed` that no one could
/// claim, counted again as `undistributed`. Now the remainder is carried (exactly), the income
/// cash held is exactly `deposited − claimed − swept`, and the owner can sweep the carry to
/// custody.
#[test]
fn income_dust_is_carried_never_stranded() {
    let mut s = suite();
    let alice = s.addr("alice");
    s.fund_mint(&alice, 10_010).unwrap();
    s.deposit_income(1).unwrap(); // closes the period the shares were issued in: carried
    s.deposit_income(999).unwrap(); // 1,000 over 10,010: ⌊0.0999000999…⌋₁₈ per share
    let st = state(&s);
    assert_eq!((st.owed, st.carry), (dec("999.999999999999999"), dec("0.000000000000001")));
    claim(&mut s, &alice).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(999));
    let st = state(&s);
    assert_eq!((st.owed, st.carry, st.claimed), (Decimal::zero(), Decimal::one(), amt(999)));
    // exactly one unit of cash is held for income, and the ledger says exactly that
    let fund = s.fund_addr();
    assert_eq!((s.cash_balance(&fund), st.cash_held), (amt(1), amt(1)));
    // the carry goes into the next distribution…
    let mut next = suite_clone_with_carry();
    next.deposit_income(1_000).unwrap(); // 1,001 over 10,010: exactly 0.1 per share
    let carol = next.addr("alice");
    assert_eq!(next.fund_account(&carol).income_entitlement, dec("1001"));
    // …or the owner sweeps it to custody
    let custody = s.addr("custodian");
    let before = s.cash_balance(&custody);
    s.execute_as_owner(&fund, &ft::ExecuteMsg::SweepIncomeCarry(harbour_types::NoArgs {})).unwrap();
    assert_eq!(s.cash_balance(&custody), before + amt(1));
    let err = s.execute_as_owner(&fund, &ft::ExecuteMsg::SweepIncomeCarry(harbour_types::NoArgs {})).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::NothingToSweep { carry: Decimal::zero() }));
    assert_eq!(state(&s).cash_held, amt(0));
}

/// The state of the dust test after the claim (for the carry-into-next-distribution branch).
fn suite_clone_with_carry() -> Suite {
    let mut s = suite();
    let alice = s.addr("alice");
    s.fund_mint(&alice, 10_010).unwrap();
    s.deposit_income(1).unwrap();
    s.deposit_income(999).unwrap();
    claim(&mut s, &alice).unwrap();
    s
}

/// The README's worked example. Reproduction: with zero fees and no lock-up, subscribing just
/// before a deposit and redeeming just after captured half the distribution.
#[test]
fn units_issued_during_a_period_earn_from_the_next_one() {
    let mut s = suite();
    let (alice, bob, carol) = (s.addr("alice"), s.addr("bob"), s.addr("carol"));
    s.fund_mint(&alice, 3_000).unwrap();
    s.fund_mint(&bob, 4_000).unwrap();
    s.deposit_income(7).unwrap(); // period 0 closes; its units were all issued in it: carried
    s.deposit_income(1_393).unwrap(); // 1,400 over 7,000 = 0.2
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("600"));
    // carol subscribes 7,000 during period 2 and tries to capture the next deposit
    s.top_up_liquidity(10_000).unwrap();
    s.subscribe(&carol, 7_000).unwrap();
    assert_eq!(s.fund_account(&carol).income_pending, amt(7_000));
    s.deposit_income(1_400).unwrap(); // entitled: alice's and bob's 7,000 only → 0.2 each
    let st = state(&s);
    assert_eq!((st.pending_units, st.period), (amt(0), 3));
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("1200"));
    assert_eq!(s.fund_account(&bob).income_entitlement, dec("1600"));
    assert_eq!(s.fund_account(&carol).income_entitlement, Decimal::zero());
    // redeeming right after: carol gets her cash back and no income (before: 700, half the deposit)
    s.redeem_instant(&carol, 3_500).unwrap();
    assert_eq!(s.cash_balance(&carol), amt(3_500));
    assert!(claim(&mut s, &carol).is_err());
    // the 3,500 she kept earn from this period on: 1,050 over 10,500 entitled
    s.deposit_income(1_050).unwrap(); // 0.1 per share
    assert_eq!(s.fund_account(&carol).income_entitlement, dec("350"));
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("1500"));
}

/// Pending units moved to another wallet stay pending there: a subscriber cannot pass fresh
/// units to an existing holder to capture the deposit.
#[test]
fn pending_units_stay_pending_when_they_move() {
    let mut s = suite();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.fund_mint(&alice, 1_000).unwrap();
    s.deposit_income(1).unwrap();
    s.subscribe(&bob, 1_000).unwrap();
    s.fund_transfer(&bob, &alice, 1_000).unwrap();
    assert_eq!(s.fund_account(&alice).income_pending, amt(1_000));
    s.deposit_income(999).unwrap(); // 1,000 over alice's 1,000 entitled units: 1 each
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("1000"));
    s.deposit_income(2_000).unwrap(); // now all 2,000 are entitled
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("3000"));
}

/// Burn consistency: both tokens refuse a holder's CW20 burn with the error naming the
/// redemption message; the stablecoin's Σ balances = supply holds with a request open.
#[test]
fn both_tokens_refuse_a_holders_burn_the_same_way() {
    use harbour_types::hkd_stablecoin as hs;
    let mut s = suite();
    let alice = s.addr("alice");
    s.fund_mint(&alice, 100).unwrap();
    s.mint_cash(&alice, 100).unwrap();
    let fund_err = s.fund_cw20(&alice, &Cw20ExecuteMsg::Burn { amount: amt(1) }).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&fund_err), Some(&ContractError::RedeemWithRequest {}));
    let cash = s.cash_addr();
    let coin_err = s.execute(&alice, &cash, &Cw20ExecuteMsg::Burn { amount: amt(1) }).unwrap_err();
    assert_eq!(
        contract_error::<hkd_stablecoin::ContractError>(&coin_err),
        Some(&hkd_stablecoin::ContractError::RedeemWithRequest {})
    );
    assert_eq!(
        contract_error::<ContractError>(&fund_err).map(|e| e.to_string().contains("request_redemption")),
        contract_error::<hkd_stablecoin::ContractError>(&coin_err)
            .map(|e| e.to_string().contains("request_redemption"))
    );
    s.stable_execute(&alice, &hs::ExecuteMsg::RequestRedemption { amount: amt(60), payout_reference: "r".into() })
        .unwrap();
    let info: cw20::TokenInfoResponse = s.stable_query(&hs::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    assert_eq!((s.cash_balance(&alice), info.total_supply), (amt(100), amt(100)));
}

/// The register shows each wallet's balance, held amount and bound status, flags a row that
/// lists only some of a DID's wallets, and pages them all; `AllAccounts` lists the wallets that
/// hold or have held units, not every wallet the identity cache knows.
#[test]
fn the_register_shows_held_and_bound_per_wallet_and_never_truncates_silently() {
    let mut s = suite();
    let (fund, alice, vault, agent) = (s.fund_addr(), s.addr("alice"), s.addr("vault"), s.agent.clone());
    s.fund_mint(&alice, 1_000).unwrap();
    s.place_hold(&fund, &alice, &vault, 400, None, None).unwrap();
    // 15 more wallets (16 bound: the registry's maximum), then a recovery unbinds one and binds
    // a 17th: the token knows 17 wallets of the DID
    for i in 2..=16 {
        s.bind_wallet("did:hk:alice", &format!("alice-{i}")).unwrap();
    }
    let a2 = s.addr("alice-2");
    s.fund_transfer(&alice, &a2, 100).unwrap();
    s.recover_wallet("did:hk:alice", "alice-2", "alice-17").unwrap();
    let register: ft::HoldersResponse =
        s.fund_query(&ft::QueryMsg::Holders { start_after: None, limit: None }).unwrap();
    let row = register.holders.iter().find(|r| r.did == "did:hk:alice").unwrap();
    assert_eq!((row.balance, row.wallets.len(), row.more_wallets), (amt(1_000), 16, true));
    let me = row.wallets.iter().find(|w| w.address == alice).unwrap();
    assert_eq!((me.balance, me.held, me.bound), (amt(900), amt(400), true));
    let mut all = vec![];
    let mut start_after = None;
    loop {
        let page: ft::HolderWalletsResponse = s
            .fund_query(&ft::QueryMsg::HolderWallets { did: "did:hk:alice".into(), start_after, limit: Some(5) })
            .unwrap();
        if page.wallets.is_empty() {
            break;
        }
        start_after = page.wallets.last().map(|w| w.address.to_string());
        all.extend(page.wallets);
    }
    assert_eq!(all.len(), 17);
    let lost = all.iter().find(|w| w.address == a2).unwrap();
    assert_eq!((lost.balance, lost.bound), (amt(100), false));
    // AllAccounts: alice and alice-2 (who hold); bob and the other cached wallets never held
    let accounts: AllAccountsResponse =
        s.fund_query(&ft::QueryMsg::AllAccounts { start_after: None, limit: Some(100) }).unwrap();
    let mut expected = vec![alice.to_string(), a2.to_string()];
    expected.sort();
    assert_eq!(accounts.accounts, expected);
    // a wallet that has held stays listed after it exits
    let recover =
        ft::ExecuteMsg::RecoverWallet { lost_wallet: a2.to_string(), new_wallet: s.addr("alice-17").to_string() };
    s.fund_execute(&agent, &recover).unwrap();
    let accounts: AllAccountsResponse =
        s.fund_query(&ft::QueryMsg::AllAccounts { start_after: None, limit: Some(100) }).unwrap();
    assert_eq!(accounts.accounts.len(), 3);
}

/// Every movement path emits `from`, `to`, `from_did`, `to_did` and `amount` (on the response or
/// on the movement's own event), settlement and claim included.
#[test]
fn every_movement_path_emits_the_same_attribute_keys() {
    let mut s = suite();
    let (fund, alice, bob, vault, agent) =
        (s.fund_addr(), s.addr("alice"), s.addr("bob"), s.addr("vault"), s.agent.clone());
    let spender = s.addr("spender");
    let dealing = s.deploy_venue("dealing", "did:hk:dealing").unwrap();
    s.execute_as_owner(
        &fund,
        &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: dealing.to_string(), burn_held: true }),
    )
    .unwrap();
    let mut paths: Vec<(&str, cw_multi_test::AppResponse)> = vec![];
    paths.push(("mint", s.fund_mint(&alice, 100_000).unwrap()));
    let batch = ft::ExecuteMsg::BatchMint {
        mints: vec![MintItem { recipient: bob.to_string(), amount: amt(1_000), lock_until: None }],
    };
    paths.push(("batch_mint", s.fund_execute(&agent, &batch).unwrap()));
    paths.push(("transfer", s.fund_transfer(&alice, &bob, 10).unwrap()));
    paths.push((
        "send",
        s.fund_cw20(
            &alice,
            &Cw20ExecuteMsg::Send { contract: vault.to_string(), amount: amt(10), msg: to_json_binary(&"x").unwrap() },
        )
        .unwrap(),
    ));
    s.fund_cw20(
        &alice,
        &Cw20ExecuteMsg::IncreaseAllowance { spender: spender.to_string(), amount: amt(100), expires: None },
    )
    .unwrap();
    let from_msg =
        Cw20ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amt(10) };
    paths.push(("transfer_from", s.execute(&spender, &fund, &from_msg).unwrap()));
    let send_from = Cw20ExecuteMsg::SendFrom {
        owner: alice.to_string(),
        contract: vault.to_string(),
        amount: amt(10),
        msg: to_json_binary(&"x").unwrap(),
    };
    paths.push(("send_from", s.execute(&spender, &fund, &send_from).unwrap()));
    let burn = ft::ExecuteMsg::AgentBurn { from: bob.to_string(), amount: amt(1), reason: "order".into() };
    paths.push(("agent_burn", s.fund_execute(&agent, &burn).unwrap()));
    let forced =
        ForcedTransferItem { from: bob.to_string(), to: alice.to_string(), amount: amt(1), reason: "order".into() };
    paths.push(("forced_transfer", s.fund_execute(&agent, &ft::ExecuteMsg::ForcedTransfer(forced.clone())).unwrap()));
    let batch_forced = ft::ExecuteMsg::BatchForcedTransfer { transfers: vec![forced] };
    paths.push(("batch_forced_transfer", s.fund_execute(&agent, &batch_forced).unwrap()));
    let carol = s.addr("carol");
    paths.push(("subscribe", s.subscribe(&carol, 5_000).unwrap()));
    s.top_up_liquidity(10_000).unwrap();
    // redemptions burn held units (a request is a hold, not a movement, until it is paid)
    paths.push(("redeem_instant", s.redeem_instant(&carol, 100).unwrap()));
    let res = s.request_redemption(&carol, 100).unwrap();
    let id = Suite::request_id(&res).unwrap();
    s.mint_cash(&agent, 100).unwrap();
    paths.push((
        "settle_redemption",
        s.send_cash(&agent, 100, &CashHookMsg::SettleRedemption { request_id: id }).unwrap(),
    ));
    s.deposit_income(1).unwrap();
    s.deposit_income(10_000).unwrap();
    paths.push(("claim_income", claim(&mut s, &alice).unwrap()));
    s.place_hold(&fund, &alice, &vault, 100, None, None).unwrap();
    paths.push(("execute_hold", s.execute_hold(&fund, &vault, &alice, &[(&bob, 50)]).unwrap()));
    s.place_hold(&fund, &alice, &dealing, 100, None, None).unwrap();
    let burn_held = hold_venue::ExecuteMsg::Burn { token: fund.to_string(), owner: alice.to_string(), amount: amt(10) };
    paths.push(("burn_held", s.execute(&alice, &dealing, &burn_held).unwrap()));
    s.bind_wallet("did:hk:dave", "dave-2").unwrap();
    let dave = s.addr("dave");
    s.fund_mint(&dave, 10).unwrap();
    s.recover_wallet("did:hk:dave", "dave", "dave-3").unwrap();
    let recover =
        ft::ExecuteMsg::RecoverWallet { lost_wallet: dave.to_string(), new_wallet: s.addr("dave-3").to_string() };
    paths.push(("recover_wallet", s.fund_execute(&agent, &recover).unwrap()));
    for (path, res) in &paths {
        let from_fund = res
            .events
            .iter()
            .filter(|e| e.attributes.iter().any(|a| a.key == "_contract_address" && a.value == fund.as_str()));
        let has_all = from_fund.clone().any(|e| {
            ["from", "to", "from_did", "to_did", "amount"].iter().all(|k| e.attributes.iter().any(|a| a.key == *k))
        });
        assert!(has_all, "{path}: no fund event with from/to/from_did/to_did/amount: {:?}", res.events);
    }
    assert_eq!(paths.len(), 16);
}

/// Review of issue 11, defect (a). Reproduction: units subscribed during an income period used to
/// become entitled to that period's income when their owner filed a redemption request (the
/// shares went to escrow, taking their pending status with them) and cancelled it (the escrow
/// returned them as ordinary units). Requests are holds now: the shares never leave the wallet,
/// so they stay pending, and no credit path other than issuance exists.
#[test]
fn a_cancelled_request_cannot_bypass_the_record_date() {
    let mut s = suite();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.fund_mint(&alice, 10_000).unwrap();
    s.deposit_income(1).unwrap(); // closes the period alice's units were issued in
    s.subscribe(&bob, 10_000).unwrap(); // bob's 10,000 are pending for this period
    let res = s.request_redemption(&bob, 10_000).unwrap();
    let id = Suite::request_id(&res).unwrap();
    s.cancel_redemption(&bob, id).unwrap();
    assert_eq!(s.fund_account(&bob).income_pending, amt(10_000));
    s.deposit_income(1_999).unwrap(); // 2,000 with the carried 1, over alice's 10,000 only: 0.2 each
    assert_eq!(s.fund_account(&alice).income_entitlement, dec("2000"));
    assert_eq!(s.fund_account(&bob).income_entitlement, Decimal::zero());
    // from the next period on, bob's units earn like everyone's
    s.deposit_income(2_000).unwrap();
    assert_eq!(s.fund_account(&bob).income_entitlement, dec("1000"));
}

/// Review of issue 11, defect (b). Reproduction: income was paid in the dealing cash token, which
/// could not change while any holder had unclaimed income, so one holder with less than a unit of
/// entitlement (which can never be claimed) blocked it forever. Income has its own token now, and
/// switching it carries the held income cash over unit for unit in the same transaction.
#[test]
fn a_dust_holder_cannot_block_the_income_token() {
    let mut s = suite();
    let (alice, bob, owner) = (s.addr("alice"), s.addr("bob"), s.owner.clone());
    s.fund_mint(&alice, 2).unwrap();
    s.fund_mint(&bob, 1).unwrap();
    s.deposit_income(1).unwrap(); // closes the issuance period (carried)
    s.deposit_income(1).unwrap(); // 2 over 3 units: bob's entitlement is 0.666…, never claimable
    claim(&mut s, &alice).unwrap();
    assert!(claim(&mut s, &bob).is_err());
    assert!(s.fund_account(&bob).income_entitlement > Decimal::zero());
    let held = state(&s).cash_held;
    assert_eq!(held, amt(1));
    // a second HKD token (a stablecoin migration, say); the owner funds the carry-over
    let code = s.app.store_code(harbour_tests::contracts::cw20_base());
    let new_token = cw_multi_test::Executor::instantiate_contract(
        &mut s.app,
        code,
        owner.clone(),
        &cw20_base::msg::InstantiateMsg {
            name: "HKD two".into(),
            symbol: "HKDII".into(),
            decimals: 6,
            initial_balances: vec![cw20::Cw20Coin { address: owner.to_string(), amount: amt(1_000_000) }],
            mint: None,
            marketing: None,
        },
        &[],
        "hkd-2",
        None,
    )
    .unwrap();
    let fund = s.fund_addr();
    s.execute(
        &owner,
        &new_token,
        &Cw20ExecuteMsg::IncreaseAllowance { spender: fund.to_string(), amount: held, expires: None },
    )
    .unwrap();
    let (custody, old_token) = (s.addr("custodian"), s.cash_addr());
    let custody_before = s.cash_balance(&custody);
    s.execute_as_owner(
        &fund,
        &ft::ExecuteMsg::UpdateIncomeToken(harbour_types::AddressArgs { address: new_token.to_string() }),
    )
    .unwrap();
    let new_balance = |s: &Suite, who: &Addr| -> Uint128 {
        let r: cw20::BalanceResponse =
            s.query(&new_token, &cw20::Cw20QueryMsg::Balance { address: who.to_string() }).unwrap();
        r.balance
    };
    // the held income cash moved: the old token's to custody, the same in the new token to the fund
    assert_eq!(s.cash_balance(&custody), custody_before + held);
    assert_eq!(s.cash_balance(&fund), amt(0));
    assert_eq!(new_balance(&s, &fund), held);
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    assert_eq!(cfg.income_token, new_token);
    // the old token can no longer deposit; bob's entitlement carried over and pays in the new token
    s.mint_cash(&alice, 5).unwrap();
    let err = s
        .execute(
            &alice,
            &old_token,
            &Cw20ExecuteMsg::Send {
                contract: fund.to_string(),
                amount: amt(5),
                msg: to_json_binary(&ft::IncomeHookMsg::DepositIncome {}).unwrap(),
            },
        )
        .unwrap_err();
    assert!(matches!(contract_error::<ContractError>(&err), Some(ContractError::NotIncomeToken { .. })), "{err:#}");
    let agent = s.agent.clone();
    s.execute(&owner, &new_token, &Cw20ExecuteMsg::Transfer { recipient: agent.to_string(), amount: amt(3) }).unwrap();
    s.execute(
        &agent,
        &new_token,
        &Cw20ExecuteMsg::Send {
            contract: fund.to_string(),
            amount: amt(3),
            msg: to_json_binary(&ft::IncomeHookMsg::DepositIncome {}).unwrap(),
        },
    )
    .unwrap();
    claim(&mut s, &bob).unwrap();
    assert_eq!(new_balance(&s, &bob), amt(1));
    let st = state(&s);
    assert_eq!(st.cash_held, st.deposited - st.claimed - st.swept);
    assert_eq!(new_balance(&s, &fund), st.cash_held);
}

/// The income ledger, exactly (the oracle is the arithmetic written out below): the record-date
/// rule carries the first deposit (every unit was issued during period 0), entitlements are
/// exact to 18 decimals, claims pay whole units and add the sub-unit rest to the carry, and
/// deposited = claimed + swept + owed + carry at every step.
#[test]
fn income_accrues_by_index_across_transfers_with_exact_rounding() {
    let mut s = suite();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let dec = |x: &str| x.parse::<Decimal>().unwrap();
    s.subscribe(&alice, 3_000).unwrap();
    s.subscribe(&bob, 4_000).unwrap();
    assert_eq!(s.fund_account(&alice).income_pending, amt(3_000));
    // period 0 closes with nothing entitled: the whole deposit is carried
    s.deposit_income(1_000).unwrap();
    let st = state(&s);
    assert_eq!((st.period, st.carry, st.owed), (1, dec("1000"), Decimal::zero()));
    // 1_700 (700 + 1_000 carried) over 7_000: per share ⌊0.242857142857142857…⌋₁₈
    s.deposit_income(700).unwrap();
    let ent = |s: &Suite, who: &cosmwasm_std::Addr| s.fund_account(who).income_entitlement;
    assert_eq!(ent(&s, &alice), dec("728.571428571428571"));
    assert_eq!(ent(&s, &bob), dec("971.428571428571428"));
    assert_eq!(s.fund_account(&alice).accrued_income, amt(728));
    let st = state(&s);
    assert_eq!((st.owed, st.carry), (dec("1699.999999999999999"), dec("0.000000000000001")));
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
        (st.deposited, st.claimed, st.owed, st.carry),
        (amt(2_400), amt(2_399), Decimal::zero(), Decimal::one())
    );
    let err = claim(&mut s, &alice).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::NothingToClaim {}));
}

#[test]
fn accumulating_funds_refuse_income_deposits() {
    let mut s = SuiteBuilder::new().with_investor("alice", "did:hk:alice", "HK", KYC_PI).build();
    s.deploy_fund(FundSetup {
        income_mode: harbour_types::fund_token::IncomeMode::Accumulating,
        ..FundSetup::default()
    })
    .unwrap();
    let alice = s.addr("alice");
    s.subscribe(&alice, 3_000).unwrap();
    let err = s.deposit_income(100).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::NotDistributing {}));
}
