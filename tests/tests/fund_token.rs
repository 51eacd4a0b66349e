//! Fund token through the harness: CW20 conformance with the cw20 crate's own message types,
//! the compliance matrix on every movement path, agent operations and the authorization matrix.

use cosmwasm_std::{to_json_binary, Addr, Decimal, Uint128};
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse, Cw20ExecuteMsg,
    Cw20QueryMsg, Expiration, MarketingInfoResponse, MinterResponse, TokenInfoResponse,
};
use fund_token::ContractError;
use harbour_tests::fund::{FundSetup, Role};
use harbour_tests::suite::{contract_error, InvestorSpec, Suite, SuiteBuilder, DAY};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::cw20_support::Cw20SupportError;
use harbour_types::fund_token::{self as ft, CanTransferResponse, ForcedTransferItem, FreezeItem, FundRole, MintItem};
use harbour_types::holds::HoldError;
use harbour_types::identity::{ClaimType, InvestorCategory};
use hold_venue::{ExecuteMsg as VenueExecuteMsg, QueryMsg as VenueQueryMsg};

const KYC_PI: &[ClaimType] = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];

fn builder() -> SuiteBuilder {
    SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", KYC_PI)
        .with_investor("bob", "did:hk:bob", "HK", KYC_PI)
        .with_investor("carol", "did:hk:carol", "SG", KYC_PI)
        .with_investor("dave", "did:hk:dave", "HK", &[ClaimType::Kyc])
        .with_identity(InvestorSpec {
            name: "kim".into(),
            did: "did:hk:kim".into(),
            jurisdiction: "KP".into(),
            category: InvestorCategory::Individual,
            claims: KYC_PI.to_vec(),
        })
}

fn suite_with(setup: FundSetup) -> Suite {
    let mut s = builder().build();
    s.deploy_venue("vault", "did:hk:harbour-vault").unwrap();
    s.deploy_venue("venue-2", "did:hk:harbour-settlement").unwrap();
    s.deploy_fund(FundSetup { venues: vec!["vault".into()], ..setup }).unwrap();
    s
}

fn suite() -> Suite {
    suite_with(FundSetup::default())
}

fn amt(n: u128) -> Uint128 {
    Uint128::new(n)
}

/// Asserts the fund rejected `res` with exactly these compliance reasons.
fn assert_denied(res: anyhow::Result<cw_multi_test::AppResponse>, expected: &[Denial]) {
    let err = res.expect_err("movement must be denied");
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Compliance { reasons: expected.to_vec() }),
        "{err:#}"
    );
}

fn d(code: ReasonCode) -> Denial {
    Denial::new(code)
}

// ------------------------------------------------------------------ CW20 conformance

#[test]
fn cw20_conformance_with_the_cw20_crate_types() {
    let mut s = suite();
    let (alice, bob, carol, vault) = (s.addr("alice"), s.addr("bob"), s.addr("carol"), s.addr("vault"));
    s.fund_mint(&alice, 10_000).unwrap();
    let fund = s.fund_addr();

    // Transfer
    s.fund_cw20(&alice, &Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(1_000) }).unwrap();
    // Send to a venue contract, which receives a Cw20ReceiveMsg
    s.fund_cw20(
        &alice,
        &Cw20ExecuteMsg::Send {
            contract: vault.to_string(),
            amount: amt(500),
            msg: to_json_binary(&"deposit").unwrap(),
        },
    )
    .unwrap();
    let received: Vec<(String, String, Uint128)> = s.query(&vault, &VenueQueryMsg::Received {}).unwrap();
    assert_eq!(received, vec![(fund.to_string(), alice.to_string(), amt(500))]);
    // Allowances
    s.fund_cw20(
        &alice,
        &Cw20ExecuteMsg::IncreaseAllowance { spender: carol.to_string(), amount: amt(3_000), expires: None },
    )
    .unwrap();
    s.fund_cw20(
        &alice,
        &Cw20ExecuteMsg::DecreaseAllowance { spender: carol.to_string(), amount: amt(500), expires: None },
    )
    .unwrap();
    let a: AllowanceResponse =
        s.query(&fund, &Cw20QueryMsg::Allowance { owner: alice.to_string(), spender: carol.to_string() }).unwrap();
    assert_eq!(a.allowance, amt(2_500));
    s.fund_cw20(
        &carol,
        &Cw20ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amt(1_000) },
    )
    .unwrap();
    s.fund_cw20(
        &carol,
        &Cw20ExecuteMsg::SendFrom {
            owner: alice.to_string(),
            contract: vault.to_string(),
            amount: amt(500),
            msg: to_json_binary(&"x").unwrap(),
        },
    )
    .unwrap();
    let err = s
        .fund_cw20(
            &carol,
            &Cw20ExecuteMsg::TransferFrom { owner: alice.to_string(), recipient: bob.to_string(), amount: amt(1_001) },
        )
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Cw20(Cw20SupportError::InsufficientAllowance {
            allowance: amt(1_000),
            needed: amt(1_001)
        }))
    );
    // expired allowances cannot be spent
    s.fund_cw20(
        &bob,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: carol.to_string(),
            amount: amt(10),
            expires: Some(Expiration::AtHeight(s.app.block_info().height + 1)),
        },
    )
    .unwrap();
    s.advance_seconds(60);
    let err = s
        .fund_cw20(
            &carol,
            &Cw20ExecuteMsg::TransferFrom { owner: bob.to_string(), recipient: alice.to_string(), amount: amt(1) },
        )
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Cw20(Cw20SupportError::AllowanceExpired {}))
    );

    // Burn and BurnFrom are refused with the error naming the redemption message (the stablecoin
    // refuses a holder's burn the same way): a burn never destroys shares without payment
    for (sender, msg) in [
        (&bob, Cw20ExecuteMsg::Burn { amount: amt(100) }),
        (&carol, Cw20ExecuteMsg::BurnFrom { owner: alice.to_string(), amount: amt(100) }),
    ] {
        let before = s.raw_state(&fund);
        let err = s.fund_cw20(sender, &msg).unwrap_err();
        assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::RedeemWithRequest {}));
        assert_eq!(s.raw_state(&fund), before);
    }

    // Queries with the cw20 crate's types
    let balance = |s: &Suite, who: &Addr| s.fund_balance(who).u128();
    assert_eq!((balance(&s, &alice), balance(&s, &bob), balance(&s, &vault)), (7_000, 2_000, 1_000));
    let info: TokenInfoResponse = s.query(&fund, &Cw20QueryMsg::TokenInfo {}).unwrap();
    assert_eq!((info.symbol.as_str(), info.decimals, info.total_supply), ("HHMMF", 6, amt(10_000)));
    let minter: Option<MinterResponse> = s.query(&fund, &Cw20QueryMsg::Minter {}).unwrap();
    assert_eq!(minter.map(|m| m.minter), Some(s.agent.to_string()));
    let all: AllAllowancesResponse = s
        .query(&fund, &Cw20QueryMsg::AllAllowances { owner: alice.to_string(), start_after: None, limit: None })
        .unwrap();
    assert_eq!(all.allowances.len(), 1);
    let by_spender: AllSpenderAllowancesResponse = s
        .query(
            &fund,
            &ft::QueryMsg::AllSpenderAllowances { spender: carol.to_string(), start_after: None, limit: None },
        )
        .unwrap();
    assert_eq!(by_spender.allowances.len(), 2);
    // AllAccounts paginates without repeating the start key
    let p1: AllAccountsResponse =
        s.query(&fund, &Cw20QueryMsg::AllAccounts { start_after: None, limit: Some(2) }).unwrap();
    let p2: AllAccountsResponse = s
        .query(&fund, &Cw20QueryMsg::AllAccounts { start_after: p1.accounts.last().cloned(), limit: Some(100) })
        .unwrap();
    assert_eq!(p1.accounts.len(), 2);
    assert!(p2.accounts.iter().all(|a| !p1.accounts.contains(a)));
    let mut all_accounts: Vec<String> = p1.accounts.into_iter().chain(p2.accounts).collect();
    let n = all_accounts.len();
    all_accounts.sort();
    all_accounts.dedup();
    assert_eq!(all_accounts.len(), n);
    assert!(all_accounts.contains(&alice.to_string()));
    let marketing: MarketingInfoResponse = s.query(&fund, &Cw20QueryMsg::MarketingInfo {}).unwrap();
    assert_eq!(marketing.project, None);
    let owner = s.owner.clone();
    s.execute(
        &owner,
        &fund,
        &Cw20ExecuteMsg::UpdateMarketing { project: Some("Harbour".into()), description: None, marketing: None },
    )
    .unwrap();
    let marketing: MarketingInfoResponse = s.query(&fund, &Cw20QueryMsg::MarketingInfo {}).unwrap();
    assert_eq!(marketing.project.as_deref(), Some("Harbour"));
}

// ------------------------------------------------------------------ compliance matrix

/// The movement paths an investor can use.
#[derive(Clone, Copy, Debug)]
enum Path {
    Transfer,
    Send,
    TransferFrom,
    SendFrom,
}

const PATHS: [Path; 4] = [Path::Transfer, Path::Send, Path::TransferFrom, Path::SendFrom];

/// Moves `amount` from `from` to `to` along `path` (sends go through the venue when `to` is the venue;
/// for sends to an investor the vault forwards, so "send" paths target the venue).
fn move_along(
    s: &mut Suite,
    path: Path,
    from: &Addr,
    to: &Addr,
    amount: u128,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let spender = s.addr("spender");
    let fund = s.fund_addr();
    match path {
        Path::Transfer => {
            s.fund_cw20(from, &Cw20ExecuteMsg::Transfer { recipient: to.to_string(), amount: amt(amount) })
        }
        Path::Send => s.fund_cw20(
            from,
            &Cw20ExecuteMsg::Send { contract: to.to_string(), amount: amt(amount), msg: to_json_binary(&"m").unwrap() },
        ),
        Path::TransferFrom | Path::SendFrom => {
            s.execute(
                from,
                &fund,
                &Cw20ExecuteMsg::IncreaseAllowance { spender: spender.to_string(), amount: amt(amount), expires: None },
            )?;
            let msg = match path {
                Path::TransferFrom => Cw20ExecuteMsg::TransferFrom {
                    owner: from.to_string(),
                    recipient: to.to_string(),
                    amount: amt(amount),
                },
                _ => Cw20ExecuteMsg::SendFrom {
                    owner: from.to_string(),
                    contract: to.to_string(),
                    amount: amt(amount),
                    msg: to_json_binary(&"m").unwrap(),
                },
            };
            s.execute(&spender, &fund, &msg)
        }
    }
}

/// For each rule: one allowed and one denied movement on every path, with the reason code and the
/// fund's storage unchanged after the denial. Sends go to the approved venue (a contract), so only
/// sender-side and fund-wide rules apply to them (`send: None` marks recipient-only rules).
#[test]
fn compliance_matrix_on_every_path() {
    struct Rule {
        name: &'static str,
        deny: fn(&mut Suite),
        parties: (&'static str, &'static str),
        reasons: Vec<Denial>,
        send: Option<Vec<Denial>>,
    }
    let claim = Denial::claim;
    let same = |v: &Vec<Denial>| Some(v.clone());
    let mut rules = vec![
        Rule {
            name: "recipient missing claim",
            deny: |_| {},
            parties: ("alice", "dave"),
            reasons: vec![claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)],
            send: None,
        },
        Rule {
            name: "recipient unknown wallet",
            deny: |_| {},
            parties: ("alice", "nobody"),
            reasons: vec![d(ReasonCode::UnknownWallet)],
            send: None,
        },
        Rule {
            name: "recipient jurisdiction blocked",
            deny: |_| {},
            parties: ("alice", "kim"),
            reasons: vec![d(ReasonCode::JurisdictionBlocked)],
            send: None,
        },
        Rule {
            name: "recipient claim expired",
            deny: |s| {
                s.issue_credential("did:hk:bob", ClaimType::Kyc, 10).unwrap();
                s.advance_seconds(11);
            },
            parties: ("alice", "bob"),
            reasons: vec![claim(ReasonCode::ClaimExpired, ClaimType::Kyc)],
            send: None,
        },
        Rule {
            name: "recipient claim revoked",
            deny: |s| {
                s.revoke_credential("did:hk:bob", ClaimType::ProfessionalInvestor, "reclassified").unwrap();
            },
            parties: ("alice", "bob"),
            reasons: vec![claim(ReasonCode::ClaimRevoked, ClaimType::ProfessionalInvestor)],
            send: None,
        },
        Rule {
            name: "jurisdiction not allowed",
            deny: |s| set_policy(s, |p| p.allowed_jurisdictions = vec!["HK".into()]),
            parties: ("alice", "carol"),
            reasons: vec![d(ReasonCode::JurisdictionNotAllowed)],
            send: None,
        },
        Rule {
            name: "recipient frozen",
            deny: |s| freeze(s, "bob", None),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::RecipientFrozen)],
            send: None,
        },
        Rule {
            name: "holder cap",
            deny: |s| set_policy(s, |p| p.max_holders = Some(2)),
            parties: ("alice", "carol"),
            reasons: vec![d(ReasonCode::HolderCapReached)],
            send: None,
        },
        Rule {
            name: "above maximum holding",
            deny: |s| set_policy(s, |p| p.max_holding = Some(amt(55))),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::AboveMaximumHolding)],
            send: None,
        },
        Rule {
            name: "primary only",
            deny: |s| set_policy(s, |p| p.primary_only = true),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::PrimaryOnly)],
            send: Some(vec![]),
        },
    ];
    let sender_rules = vec![
        Rule {
            name: "sender credentials lapsed (exit only)",
            deny: |s| {
                s.revoke_credential("did:hk:alice", ClaimType::Kyc, "expired documents").unwrap();
            },
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::ExitOnly), claim(ReasonCode::ClaimRevoked, ClaimType::Kyc)],
            send: None,
        },
        Rule {
            name: "paused",
            deny: |s| {
                let p = s.addr("pauser");
                s.fund_execute(&p, &ft::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
            },
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::Paused)],
            send: None,
        },
        Rule {
            name: "sender frozen",
            deny: |s| freeze(s, "alice", None),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::SenderFrozen)],
            send: None,
        },
        Rule {
            name: "partial freeze",
            deny: |s| freeze(s, "alice", Some(9_960)),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::InsufficientUnfrozenBalance)],
            send: None,
        },
        Rule {
            name: "locked",
            deny: |s| {
                let (agent, alice) = (s.agent.clone(), s.addr("alice"));
                let burn = ft::ExecuteMsg::AgentBurn {
                    from: alice.to_string(),
                    amount: amt(10_000),
                    reason: "reissue".into(),
                };
                s.fund_execute(&agent, &burn).unwrap();
                let lock_until = Some(s.now().plus_seconds(30 * DAY));
                let mint = ft::ExecuteMsg::BatchMint {
                    mints: vec![MintItem { recipient: alice.to_string(), amount: amt(10_000), lock_until }],
                };
                s.fund_execute(&agent, &mint).unwrap();
            },
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::Locked)],
            send: None,
        },
        Rule {
            name: "category not allowed",
            deny: |s| set_policy(s, |p| p.allowed_categories = vec![InvestorCategory::Institutional]),
            parties: ("alice", "bob"),
            reasons: vec![
                d(ReasonCode::ExitOnly),
                d(ReasonCode::CategoryNotAllowed),
                d(ReasonCode::CategoryNotAllowed),
            ],
            send: Some(vec![d(ReasonCode::ExitOnly), d(ReasonCode::CategoryNotAllowed)]),
        },
        Rule {
            name: "below minimum holding",
            deny: |s| set_policy(s, |p| p.min_holding = amt(9_990)),
            parties: ("alice", "bob"),
            reasons: vec![d(ReasonCode::BelowMinimumHolding), d(ReasonCode::BelowMinimumHolding)],
            send: Some(vec![d(ReasonCode::BelowMinimumHolding)]),
        },
    ];
    for r in sender_rules {
        let send = r.send.clone().or_else(|| same(&r.reasons));
        rules.push(Rule { send, ..r });
    }
    for rule in &rules {
        for path in PATHS {
            let sends = matches!(path, Path::Send | Path::SendFrom);
            // allowed case: fresh fixture, before the rule bites
            let mut s = fixture();
            let allowed_to = if matches!(rule.parties.1, "dave" | "nobody" | "kim") { "bob" } else { rule.parties.1 };
            let (from, to) = (s.addr(rule.parties.0), recipient_for(&mut s, allowed_to, sends));
            move_along(&mut s, path, &from, &to, 50)
                .unwrap_or_else(|e| panic!("{}: {path:?} allowed case: {e:#}", rule.name));
            // denied case
            let expected = match (sends, &rule.send) {
                (false, _) => rule.reasons.clone(),
                (true, Some(v)) => v.clone(),
                (true, None) => continue,
            };
            let mut s = fixture();
            (rule.deny)(&mut s);
            let (from, to) = (s.addr(rule.parties.0), recipient_for(&mut s, rule.parties.1, sends));
            let fund = s.fund_addr();
            let before = s.raw_state(&fund);
            let res = move_along(&mut s, path, &from, &to, 50);
            if expected.is_empty() {
                res.unwrap_or_else(|e| panic!("{}: {path:?} to a venue must stay allowed: {e:#}", rule.name));
                continue;
            }
            assert!(res.is_err(), "{}: {path:?} must be denied", rule.name);
            assert_denied(res, &expected);
            if matches!(path, Path::Transfer | Path::Send) {
                assert_eq!(s.raw_state(&fund), before, "{}: {path:?} changed state", rule.name);
            }
            let dry: CanTransferResponse = s
                .fund_query(&ft::QueryMsg::CanTransfer { from: from.to_string(), to: to.to_string(), amount: amt(50) })
                .unwrap();
            assert_eq!((dry.allowed, dry.reasons), (false, expected.clone()), "{}", rule.name);
        }
    }
}

fn recipient_for(s: &mut Suite, name: &str, sends: bool) -> Addr {
    if sends {
        s.addr("vault")
    } else {
        s.addr(name)
    }
}

fn fixture() -> Suite {
    let mut s = suite();
    let alice = s.addr("alice");
    s.fund_mint(&alice, 10_000).unwrap();
    let bob = s.addr("bob");
    s.fund_mint(&bob, 10).unwrap();
    s
}

fn freeze(s: &mut Suite, who: &str, amount: Option<u128>) {
    let (officer, a) = (s.addr("compliance"), s.addr(who));
    s.fund_execute(
        &officer,
        &ft::ExecuteMsg::Freeze(FreezeItem {
            address: a.to_string(),
            amount: amount.map(amt),
            reason: "court order".into(),
        }),
    )
    .unwrap();
}

fn set_policy(s: &mut Suite, f: impl Fn(&mut ft::FundPolicy)) {
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let mut p = cfg.policy;
    f(&mut p);
    let fund = s.fund_addr();
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(p)).unwrap();
}

#[test]
fn mint_and_forced_moves_require_a_verified_recipient() {
    let mut s = fixture();
    let agent = s.agent.clone();
    let (dave, kim, nobody, bob, alice) =
        (s.addr("dave"), s.addr("kim"), s.addr("nobody"), s.addr("bob"), s.addr("alice"));
    let fund = s.fund_addr();
    for (to, reasons) in [
        (&dave, vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]),
        (&kim, vec![d(ReasonCode::JurisdictionBlocked)]),
        (&nobody, vec![d(ReasonCode::UnknownWallet)]),
    ] {
        let before = s.raw_state(&fund);
        assert_denied(s.fund_mint(to, 100), &reasons);
        let forced = ForcedTransferItem {
            from: alice.to_string(),
            to: to.to_string(),
            amount: amt(100),
            reason: "court order".into(),
        };
        assert_denied(s.fund_execute(&agent, &ft::ExecuteMsg::ForcedTransfer(forced)), &reasons);
        assert_eq!(s.raw_state(&fund), before);
    }
    // agent moves ignore investor-transfer rules: frozen sender, primary-only, holder cap
    freeze(&mut s, "alice", None);
    set_policy(&mut s, |p| {
        p.primary_only = true;
        p.max_holders = Some(2);
    });
    let forced = ForcedTransferItem {
        from: alice.to_string(),
        to: bob.to_string(),
        amount: amt(2_000),
        reason: "court order HCA 1/2026".into(),
    };
    let res = s.fund_execute(&agent, &ft::ExecuteMsg::ForcedTransfer(forced)).unwrap();
    assert!(res.events.iter().any(|e| e.ty == "wasm-harbour_forced_transfer"
        && e.attributes.iter().any(|a| a.key == "reason" && a.value == "court order HCA 1/2026")));
    assert_eq!(s.fund_balance(&bob), amt(2_010));
    assert!(s.fund_account(&alice).frozen_all);
}

#[test]
fn lapsed_investor_can_exit_but_not_transfer() {
    let mut s = fixture();
    let (alice, bob, agent) = (s.addr("alice"), s.addr("bob"), s.agent.clone());
    s.advance_days(366); // every credential expired; refresh bob's and the NAV
    s.issue_credential("did:hk:bob", ClaimType::Kyc, 30 * DAY).unwrap();
    s.issue_credential("did:hk:bob", ClaimType::ProfessionalInvestor, 30 * DAY).unwrap();
    s.set_nav(Decimal::one()).unwrap();
    assert_denied(
        s.fund_transfer(&alice, &bob, 10),
        &[
            d(ReasonCode::ExitOnly),
            Denial::claim(ReasonCode::ClaimExpired, ClaimType::Kyc),
            Denial::claim(ReasonCode::ClaimExpired, ClaimType::ProfessionalInvestor),
        ],
    );
    // redemption is the exit: queued and instant both work
    let res = s.request_redemption(&alice, 1_000).unwrap();
    assert!(Suite::request_id(&res).is_ok());
    s.top_up_liquidity(5_000).unwrap();
    s.redeem_instant(&alice, 1_000).unwrap();
    assert_eq!(s.cash_balance(&alice), amt(1_000));
    // and an agent can move the holding to a verified wallet
    let forced =
        ForcedTransferItem { from: alice.to_string(), to: bob.to_string(), amount: amt(8_000), reason: "exit".into() };
    s.fund_execute(&agent, &ft::ExecuteMsg::ForcedTransfer(forced)).unwrap();
    // what is left is the queued request's 1,000, still hers and held for the dealing contract
    let acct = s.fund_account(&alice);
    assert_eq!((acct.balance, acct.held), (amt(1_000), amt(1_000)));
}

#[test]
fn venues_hold_shares_and_primary_only_routes_through_them() {
    let mut s = fixture();
    let (alice, bob, vault, fund) = (s.addr("alice"), s.addr("bob"), s.addr("vault"), s.fund_addr());
    set_policy(&mut s, |p| p.primary_only = true);
    assert_denied(s.fund_transfer(&alice, &bob, 10), &[d(ReasonCode::PrimaryOnly)]);
    // investor -> venue and venue -> investor are allowed
    s.fund_transfer(&alice, &vault, 100).unwrap();
    s.execute(
        &bob,
        &vault,
        &VenueExecuteMsg::Call {
            contract: fund.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(40) }).unwrap(),
        },
    )
    .unwrap();
    assert_eq!(s.fund_balance(&bob), amt(50));
    // venues do not count as holders
    assert_eq!(s.holder_count(), 2);
    // an unapproved venue identity is refused
    let other = s.deploy_venue("other-venue", "did:hk:other-venue").unwrap();
    assert_denied(s.fund_transfer(&alice, &other, 10), &[d(ReasonCode::CategoryNotAllowed)]);
    // only registered venue identities can be approved
    for not_venue in [bob.clone(), s.addr("nobody")] {
        let err = s
            .execute_as_owner(
                &fund,
                &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: not_venue.to_string(), burn_held: false }),
            )
            .unwrap_err();
        assert_eq!(
            contract_error::<ContractError>(&err),
            Some(&ContractError::NotAVenueIdentity { address: not_venue.to_string() })
        );
    }
    s.execute_as_owner(
        &fund,
        &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: other.to_string(), burn_held: false }),
    )
    .unwrap();
    s.fund_transfer(&alice, &other, 10).unwrap();
    let err = s
        .execute_as_owner(
            &fund,
            &ft::ExecuteMsg::AddVenue(ft::VenueArgs { address: other.to_string(), burn_held: false }),
        )
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Hold(HoldError::VenueExists { address: other.to_string() }))
    );
}

#[test]
fn moves_between_wallets_of_one_did_never_change_the_holder_count() {
    let mut s = fixture();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.bind_wallet("did:hk:alice", "alice-2").unwrap();
    let alice2 = s.addr("alice-2");
    assert_eq!(s.holder_count(), 2);
    // holder cap 2 is full, yet moving between alice's own wallets is fine (also primary-only)
    set_policy(&mut s, |p| {
        p.max_holders = Some(2);
        p.primary_only = true;
    });
    s.fund_transfer(&alice, &alice2, 10_000).unwrap();
    assert_eq!(s.holder_count(), 2);
    s.fund_transfer(&alice2, &alice, 5_000).unwrap();
    assert_eq!(s.holder_count(), 2);
    let holders: ft::HoldersResponse = s.fund_query(&ft::QueryMsg::Holders { start_after: None, limit: None }).unwrap();
    let row = holders.holders.iter().find(|h| h.did == "did:hk:alice").unwrap();
    assert_eq!(row.balance, amt(10_000));
    assert_eq!(row.wallets.len(), 2);
    // full exit frees a slot; a partial exit does not
    set_policy(&mut s, |p| p.primary_only = false);
    let carol = s.addr("carol");
    assert_denied(s.fund_transfer(&bob, &carol, 5), &[d(ReasonCode::HolderCapReached)]);
    s.fund_transfer(&bob, &carol, 10).unwrap(); // bob exits fully, carol enters
    assert_eq!(s.holder_count(), 2);
    assert_eq!(s.fund_balance(&bob), Uint128::zero());
}

#[test]
fn wallet_recovery_moves_balance_frozen_locks_and_income() {
    let mut s = suite_with(FundSetup { lockup_seconds: 30 * DAY, ..FundSetup::default() });
    let (alice, agent) = (s.addr("alice"), s.agent.clone());
    s.subscribe(&alice, 5_000).unwrap();
    s.fund_mint(&alice, 1_000).unwrap();
    freeze(&mut s, "alice", Some(500));
    // the units were issued in this income period: a first deposit closes it (carried), the
    // next one pays them
    s.deposit_income(1).unwrap();
    s.deposit_income(599).unwrap();
    let before = s.fund_account(&alice);
    assert_eq!(
        (before.balance, before.frozen, before.locks.len(), before.accrued_income),
        (amt(6_000), amt(500), 1, amt(600))
    );
    let holders_before = s.holder_count();
    // the registry re-binds the DID first; the token then moves everything
    s.recover_wallet("did:hk:alice", "alice", "alice-new").unwrap();
    let new = s.addr("alice-new");
    let bob_wallet = s.addr("bob");
    let err = s
        .fund_execute(
            &agent,
            &ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.to_string(), new_wallet: bob_wallet.to_string() },
        )
        .unwrap_err();
    assert!(matches!(contract_error::<ContractError>(&err), Some(ContractError::RecoveryMismatch { .. })));
    s.fund_execute(
        &agent,
        &ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.to_string(), new_wallet: new.to_string() },
    )
    .unwrap();
    let after = s.fund_account(&new);
    assert_eq!(
        (after.balance, after.frozen, after.locks, after.accrued_income),
        (before.balance, before.frozen, before.locks, before.accrued_income)
    );
    assert_eq!(after.did.as_deref(), Some("did:hk:alice"));
    assert_eq!(s.fund_balance(&alice), Uint128::zero());
    assert_eq!(s.holder_count(), holders_before);
    // the lost wallet can no longer transact
    let bob = s.addr("bob");
    s.fund_mint(&alice, 0).unwrap_err();
    let lost = s.fund_account(&alice);
    assert_eq!(lost.balance, Uint128::zero());
    assert_denied(
        s.fund_transfer(&alice, &bob, 1),
        &[d(ReasonCode::InsufficientBalance), d(ReasonCode::ExitOnly), d(ReasonCode::UnknownWallet)],
    );
}

// ------------------------------------------------------------------ authorization matrix

const ROLES: [Role; 8] = Role::FUND;

fn who(s: &mut Suite, r: Role) -> Addr {
    s.fund_actor(r)
}

#[test]
fn authorization_matrix() {
    let probe = fixture();
    let alice = probe.addr_ref("alice").to_string();
    let bob = probe.addr_ref("bob").to_string();
    let stranger = probe.addr_ref("stranger").to_string();
    let cfg: ft::FundConfigResponse = probe.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let unauth = |action: &'static str, role: &'static str| ContractError::Unauthorized { action, role };
    // (message, roles that may call it, the error every other role gets). Roles listed in `FAILS`
    // are authorized but the call fails on its own merits in this fixture (checked: not Unauthorized).
    let cases: Vec<(ft::ExecuteMsg, Vec<Role>, ContractError)> = vec![
        (ft::ExecuteMsg::Mint { recipient: bob.clone(), amount: amt(1) }, vec![Role::Agent], unauth("mint", "agent")),
        (
            ft::ExecuteMsg::BatchMint {
                mints: vec![MintItem { recipient: bob.clone(), amount: amt(1), lock_until: None }],
            },
            vec![Role::Agent],
            unauth("batch_mint", "agent"),
        ),
        (
            ft::ExecuteMsg::AgentBurn { from: alice.clone(), amount: amt(1), reason: "r".into() },
            vec![Role::Agent],
            unauth("agent_burn", "agent"),
        ),
        (
            ft::ExecuteMsg::ForcedTransfer(ForcedTransferItem {
                from: alice.clone(),
                to: bob.clone(),
                amount: amt(1),
                reason: "r".into(),
            }),
            vec![Role::Agent],
            unauth("forced_transfer", "agent"),
        ),
        (
            ft::ExecuteMsg::BatchForcedTransfer {
                transfers: vec![ForcedTransferItem {
                    from: alice.clone(),
                    to: bob.clone(),
                    amount: amt(1),
                    reason: "r".into(),
                }],
            },
            vec![Role::Agent],
            unauth("batch_forced_transfer", "agent"),
        ),
        (
            ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.clone(), new_wallet: stranger.clone() },
            vec![Role::Agent],
            unauth("recover_wallet", "agent"),
        ),
        (
            ft::ExecuteMsg::Freeze(FreezeItem { address: bob.clone(), amount: None, reason: "r".into() }),
            vec![Role::Officer],
            unauth("freeze", "compliance officer"),
        ),
        (
            ft::ExecuteMsg::BatchFreeze {
                items: vec![FreezeItem { address: bob.clone(), amount: None, reason: "r".into() }],
            },
            vec![Role::Officer],
            unauth("batch_freeze", "compliance officer"),
        ),
        (
            ft::ExecuteMsg::Unfreeze { address: bob.clone(), reason: "r".into() },
            vec![Role::Officer],
            unauth("unfreeze", "compliance officer"),
        ),
        (ft::ExecuteMsg::Pause(harbour_types::NoArgs {}), vec![Role::Pauser], unauth("pause", "pauser")),
        (ft::ExecuteMsg::Unpause(harbour_types::NoArgs {}), vec![Role::Pauser], unauth("unpause", "pauser")),
        (ft::ExecuteMsg::UpdatePolicy(cfg.policy.clone()), vec![Role::Owner], unauth("update_policy", "owner")),
        (
            ft::ExecuteMsg::SetDealing(harbour_types::AddressArgs {
                address: cfg.dealing.clone().expect("dealing set").to_string(),
            }),
            vec![Role::Owner],
            unauth("set_dealing", "owner"),
        ),
        (
            ft::ExecuteMsg::UpdateIncomeToken(harbour_types::AddressArgs { address: cfg.income_token.to_string() }),
            vec![Role::Owner],
            unauth("update_income_token", "owner"),
        ),
        (
            ft::ExecuteMsg::DealingMint(ft::DealingMintMsg {
                recipient: bob.clone(),
                amount: amt(1),
                lock_until: None,
            }),
            vec![],
            ContractError::NotDealing { expected: cfg.dealing.clone().expect("dealing set").to_string() },
        ),
        (
            ft::ExecuteMsg::GrantRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: stranger.clone(),
            }),
            vec![Role::Owner],
            unauth("grant_role", "owner"),
        ),
        (
            ft::ExecuteMsg::RevokeRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: probe.addr_ref("pauser").to_string(),
            }),
            vec![Role::Owner],
            unauth("revoke_role", "owner"),
        ),
        (
            ft::ExecuteMsg::AddVenue(ft::VenueArgs {
                address: probe.addr_ref("venue-2").to_string(),
                burn_held: false,
            }),
            vec![Role::Owner],
            unauth("add_venue", "owner"),
        ),
        (
            ft::ExecuteMsg::RemoveVenue(harbour_types::AddressArgs { address: probe.addr_ref("vault").to_string() }),
            vec![Role::Owner],
            unauth("remove_venue", "owner"),
        ),
        (
            ft::ExecuteMsg::UpdateMarketing { project: Some("p".into()), description: None, marketing: None },
            vec![Role::Owner],
            ContractError::Cw20(Cw20SupportError::NotMarketing { action: "update_marketing" }),
        ),
        (
            ft::ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: stranger.clone(),
                expiry: None,
            }),
            vec![Role::Owner],
            ContractError::Ownership(cw_ownable::OwnershipError::NotOwner),
        ),
    ];
    for (msg, allowed, denied) in cases {
        for role in ROLES {
            let mut s = fixture();
            let sender = who(&mut s, role);
            let fund = s.fund_addr();
            let fails_on_merits = matches!(
                msg,
                ft::ExecuteMsg::RecoverWallet { .. }
                    | ft::ExecuteMsg::Unfreeze { .. }
                    | ft::ExecuteMsg::UpdateIncomeToken { .. }
            );
            if allowed.contains(&role) && fails_on_merits {
                let err = s.fund_execute(&sender, &msg).expect_err("fixture makes this fail on its merits");
                let e = contract_error::<ContractError>(&err);
                assert!(
                    !matches!(e, Some(ContractError::Unauthorized { .. })) && e.is_some(),
                    "{role:?} is authorized for {msg:?} but got {err:#}"
                );
            } else if allowed.contains(&role) {
                s.fund_execute(&sender, &msg).unwrap_or_else(|e| panic!("{role:?} must be allowed {msg:?}: {e:#}"));
            } else {
                let before = s.raw_state(&fund);
                let err = s.fund_execute(&sender, &msg).expect_err(&format!("{role:?} must be denied {msg:?}"));
                assert_eq!(contract_error::<ContractError>(&err), Some(&denied), "{role:?} {msg:?}");
                assert_eq!(s.raw_state(&fund), before);
            }
        }
    }
}

#[test]
fn hooks_only_from_the_registry_and_income_only_from_the_income_token() {
    let mut s = fixture();
    let alice = s.addr("alice");
    let fake = harbour_types::identity_registry::IdentityHookMsg::IdentityChanged(
        s.registry_query(&harbour_types::identity_registry::QueryMsg::Snapshot { did: "did:hk:dave".into() }).unwrap(),
    );
    let err = s.fund_execute(&alice, &ft::ExecuteMsg::RegistryHook(fake)).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::NotRegistry {}));
    let err = s
        .fund_execute(
            &alice,
            &ft::ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                sender: alice.to_string(),
                amount: amt(1_000_000),
                msg: to_json_binary(&ft::IncomeHookMsg::DepositIncome {}).unwrap(),
            }),
        )
        .unwrap_err();
    assert!(matches!(contract_error::<ContractError>(&err), Some(ContractError::NotIncomeToken { .. })));
}

fn cfg_policy(s: &Suite) -> ft::FundPolicy {
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    cfg.policy
}

#[test]
fn fund_admin_through_a_multisig_owner() {
    let mut s = builder().with_multisig_owner(3, 2).build();
    s.deploy_fund(FundSetup::default()).unwrap();
    let fund = s.fund_addr();
    let ownership: cw_ownable::Ownership<Addr> = s.fund_query(&ft::QueryMsg::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(s.multisig.as_ref().unwrap().addr.clone()));
    let new_pauser = s.addr("new-pauser");
    s.execute_as_owner(
        &fund,
        &ft::ExecuteMsg::GrantRole(harbour_types::fund_token::RoleArgs {
            role: FundRole::Pauser,
            address: new_pauser.to_string(),
        }),
    )
    .unwrap();
    s.fund_execute(&new_pauser, &ft::ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    let signer = s.multisig.as_ref().unwrap().signers[0].clone();
    let err = s.fund_execute(&signer, &ft::ExecuteMsg::UpdatePolicy(cfg_policy(&s))).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Unauthorized { action: "update_policy", role: "owner" })
    );
    s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(cfg_policy(&s))).unwrap();
}

#[test]
fn issuance_respects_the_holder_cap_and_maximum_holding() {
    let mut s = suite();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.fund_mint(&alice, 1_000).unwrap();
    set_policy(&mut s, |p| {
        p.max_holders = Some(1);
        p.max_holding = Some(amt(5_000));
    });
    let fund = s.fund_addr();
    let before = s.raw_state(&fund);
    assert_denied(s.fund_mint(&bob, 100), &[d(ReasonCode::HolderCapReached)]);
    assert_denied(s.fund_mint(&alice, 4_001), &[d(ReasonCode::AboveMaximumHolding)]);
    assert_eq!(s.raw_state(&fund), before);
    s.fund_mint(&alice, 4_000).unwrap();
    // the minimum holding does not bind the transfer agent
    set_policy(&mut s, |p| {
        p.max_holding = None;
        p.min_holding = amt(10_000);
    });
    s.fund_mint(&alice, 100).unwrap();
    assert_eq!(s.fund_balance(&alice), amt(5_100));
}

/// The privileged paths that do not go through `ExecuteMsg` authorization alone: the income
/// hook (sent through the income token), registry hooks and the logo. Every role that must not
/// call them is refused with the right error, and neither the fund nor the cash token changes.
/// (Dealing's cash hooks and cancellation: `fund_dealing.rs`.)
#[test]
fn authorization_matrix_for_hooks_and_logo() {
    enum Path {
        Income(ft::IncomeHookMsg),
        Exec(ft::ExecuteMsg),
    }
    let probe = fixture();
    let snapshot = harbour_types::identity_registry::IdentityHookMsg::IdentityChanged(
        probe
            .registry_query(&harbour_types::identity_registry::QueryMsg::Snapshot { did: "did:hk:alice".into() })
            .unwrap(),
    );
    let cases: Vec<(Path, Vec<Role>, ContractError)> = vec![
        (
            Path::Income(ft::IncomeHookMsg::DepositIncome {}),
            vec![Role::Agent],
            ContractError::Unauthorized { action: "deposit_income", role: "agent" },
        ),
        (Path::Exec(ft::ExecuteMsg::RegistryHook(snapshot)), vec![], ContractError::NotRegistry {}),
        (
            Path::Exec(ft::ExecuteMsg::UploadLogo(cw20::Logo::Url("https://harbour.example/hhmmf.svg".into()))),
            vec![Role::Owner],
            ContractError::Cw20(Cw20SupportError::NotMarketing { action: "upload_logo" }),
        ),
    ];
    for (path, allowed, denied) in cases {
        for role in ROLES {
            let mut s = fixture();
            let sender = who(&mut s, role);
            s.mint_cash(&sender, 1_000).unwrap();
            let (fund, cash) = (s.fund_addr(), s.cash_addr());
            let (fund_before, cash_before) = (s.raw_state(&fund), s.raw_state(&cash));
            let res = match &path {
                Path::Income(hook) => s.execute(
                    &sender,
                    &cash,
                    &Cw20ExecuteMsg::Send {
                        contract: fund.to_string(),
                        amount: amt(1_000),
                        msg: to_json_binary(hook).unwrap(),
                    },
                ),
                Path::Exec(msg) => s.fund_execute(&sender, msg),
            };
            if allowed.contains(&role) {
                res.unwrap_or_else(|e| panic!("{role:?} must be allowed: {e:#}"));
            } else {
                let err = res.expect_err(&format!("{role:?} must be denied"));
                assert_eq!(contract_error::<ContractError>(&err), Some(&denied), "{role:?}: {err:#}");
                assert_eq!(s.raw_state(&fund), fund_before, "{role:?} changed the fund");
                assert_eq!(s.raw_state(&cash), cash_before, "{role:?} changed the cash token");
            }
        }
    }
}

/// Every input rule of the fund's agent, owner and dealing messages has a typed error, and a
/// rejected message changes neither the fund nor the cash token.
#[test]
fn bad_inputs_are_typed_errors_and_change_nothing() {
    let mut s = fixture();
    let (alice, bob, agent) = (s.addr("alice"), s.addr("bob"), s.agent.clone());
    let (officer, owner) = (s.addr("compliance"), s.owner.clone());
    let fund = s.fund_addr();
    let cash = s.cash_addr();
    let cfg: ft::FundConfigResponse = s.fund_query(&ft::QueryMsg::Config(harbour_types::NoArgs {})).unwrap();
    let mint = |to: &Addr, n: u128| MintItem { recipient: to.to_string(), amount: amt(n), lock_until: None };
    let cases: Vec<(Addr, ft::ExecuteMsg, ContractError)> = vec![
        (
            alice.clone(),
            ft::ExecuteMsg::Transfer { recipient: bob.to_string(), amount: amt(0) },
            ContractError::Compliance { reasons: vec![d(ReasonCode::ZeroAmount)] },
        ),
        (agent.clone(), ft::ExecuteMsg::BatchMint { mints: vec![] }, ContractError::EmptyBatch {}),
        (
            agent.clone(),
            ft::ExecuteMsg::BatchMint { mints: (0..51).map(|_| mint(&alice, 1)).collect() },
            ContractError::BatchTooLarge { got: 51, max: 50 },
        ),
        (
            agent.clone(),
            ft::ExecuteMsg::ForcedTransfer(ForcedTransferItem {
                from: alice.to_string(),
                to: bob.to_string(),
                amount: amt(1),
                reason: "".into(),
            }),
            ContractError::InvalidText { field: "reason", max: 256 },
        ),
        (
            agent.clone(),
            ft::ExecuteMsg::RecoverWallet { lost_wallet: alice.to_string(), new_wallet: alice.to_string() },
            ContractError::SameWallet {},
        ),
        (
            officer.clone(),
            ft::ExecuteMsg::Freeze(FreezeItem {
                address: bob.to_string(),
                amount: Some(amt(11)),
                reason: "order".into(),
            }),
            ContractError::FreezeExceedsBalance { amount: amt(11), balance: amt(10) },
        ),
        (
            officer.clone(),
            ft::ExecuteMsg::Unfreeze { address: bob.to_string(), reason: "lifted".into() },
            ContractError::NotFrozen { address: bob.to_string() },
        ),
        (
            owner.clone(),
            ft::ExecuteMsg::UpdatePolicy(ft::FundPolicy { max_holders: Some(0), ..cfg.policy.clone() }),
            ContractError::InvalidConfig { reason: "max_holders must be positive (use null for no cap)".into() },
        ),
        (
            owner.clone(),
            ft::ExecuteMsg::GrantRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: s.addr_ref("pauser").to_string(),
            }),
            ContractError::RoleExists { address: s.addr_ref("pauser").to_string(), role: "pauser".into() },
        ),
        (
            owner.clone(),
            ft::ExecuteMsg::RevokeRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: bob.to_string(),
            }),
            ContractError::RoleNotFound { address: bob.to_string(), role: "pauser".into() },
        ),
        (
            owner.clone(),
            ft::ExecuteMsg::RemoveVenue(harbour_types::AddressArgs { address: bob.to_string() }),
            ContractError::Hold(HoldError::NotAVenue { address: bob.to_string() }),
        ),
    ];
    for (sender, msg, expected) in cases {
        let (f_before, c_before) = (s.raw_state(&fund), s.raw_state(&cash));
        let err = s.fund_execute(&sender, &msg).expect_err(&format!("{msg:?} must fail"));
        assert_eq!(contract_error::<ContractError>(&err), Some(&expected), "{msg:?}");
        assert_eq!((s.raw_state(&fund), s.raw_state(&cash)), (f_before, c_before), "{msg:?} changed state");
    }
    // a jurisdiction that is not an assigned ISO 3166-1 code
    let bad = ft::FundPolicy { blocked_jurisdictions: vec!["XX".into()], ..cfg.policy.clone() };
    let err = s.execute_as_owner(&fund, &ft::ExecuteMsg::UpdatePolicy(bad)).unwrap_err();
    assert!(matches!(contract_error::<ContractError>(&err), Some(ContractError::InvalidJurisdiction(_))), "{err:#}");
    // an income-token hook that is not an IncomeHookMsg
    s.mint_cash(&alice, 5_000).unwrap();
    let err = s
        .execute(
            &alice,
            &cash,
            &cw20::Cw20ExecuteMsg::Send {
                contract: fund.to_string(),
                amount: amt(5_000),
                msg: to_json_binary(&1u8).unwrap(),
            },
        )
        .unwrap_err();
    assert!(matches!(contract_error::<ContractError>(&err), Some(ContractError::InvalidHook { .. })), "{err:#}");
    // role lists are bounded
    for i in 1..harbour_types::fund_token::MAX_ROLE_MEMBERS {
        let a = s.addr(&format!("extra-pauser-{i}"));
        s.execute_as_owner(
            &fund,
            &ft::ExecuteMsg::GrantRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: a.to_string(),
            }),
        )
        .unwrap();
    }
    let one_more = s.addr("pauser-too-many");
    let err = s
        .execute_as_owner(
            &fund,
            &ft::ExecuteMsg::GrantRole(harbour_types::fund_token::RoleArgs {
                role: FundRole::Pauser,
                address: one_more.to_string(),
            }),
        )
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::TooManyMembers { max: harbour_types::fund_token::MAX_ROLE_MEMBERS })
    );
}

#[test]
fn income_without_supply_is_refused() {
    // income into a fund no one holds yet
    let mut s = builder().build();
    s.deploy_fund(FundSetup::default()).unwrap();
    let err = s.deposit_income(1_000).unwrap_err();
    assert_eq!(contract_error::<ContractError>(&err), Some(&ContractError::NoIncomeSupply {}));
}
