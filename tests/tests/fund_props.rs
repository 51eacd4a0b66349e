//! Property tests of the fund token over random operation sequences (transfers, including between
//! wallets of one DID and to a venue; agent mints, burns and forced moves; subscriptions, instant
//! redemptions from the buffer, redemption requests, settlements at the current NAV and
//! cancellations; NAV moves; freezes; wallet recovery in the registry and then in the token;
//! income deposits and claims; time). After every operation:
//! - supply: Σ wallet balances + escrowed shares = total supply (nothing lost in escrow);
//! - register: each DID's balance in the holder register = Σ of its wallets' balances;
//! - holders: the holder count = number of non-venue DIDs with a positive balance;
//! - income never creates value: Σ claimed + Σ accrued ≤ Σ deposited, and the fund's cash covers
//!   the liquidity buffer plus unclaimed income.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Uint128};
use cw20::TokenInfoResponse;
use harbour_tests::fund::FundSetup;
use harbour_tests::suite::{Suite, SuiteBuilder};
use harbour_types::fund_token::{self as ft, CashHookMsg, ForcedTransferItem};
use harbour_types::identity::ClaimType;
use proptest::prelude::*;

/// `alice-2` and `alice-3` take turns as alice's second wallet: recovery moves the binding between them.
const WALLETS: [&str; 6] = ["alice", "alice-2", "alice-3", "bob", "carol", "vault"];

#[derive(Debug, Clone)]
enum Op {
    Transfer {
        from: usize,
        to: usize,
        amount: u128,
    },
    Mint {
        to: usize,
        amount: u128,
    },
    AgentBurn {
        from: usize,
        amount: u128,
    },
    Forced {
        from: usize,
        to: usize,
        amount: u128,
    },
    Request {
        from: usize,
        amount: u128,
    },
    Cancel {
        nth: usize,
    },
    Settle {
        nth: usize,
    },
    Income {
        amount: u128,
    },
    Claim {
        who: usize,
    },
    Advance {
        seconds: u64,
    },
    Subscribe {
        who: usize,
        cash: u128,
    },
    TopUp {
        amount: u128,
    },
    RedeemInstant {
        who: usize,
        amount: u128,
    },
    Nav {
        permille: u64,
    },
    Freeze {
        who: usize,
        amount: Option<u128>,
    },
    Unfreeze {
        who: usize,
    },
    /// The registry moves alice's second wallet to the other spare wallet.
    RegistryRecover,
    /// The token agent moves everything from the unbound spare wallet to the bound one.
    TokenRecover,
}

fn op() -> impl Strategy<Value = Op> {
    let w = 0..WALLETS.len();
    let a = 1u128..5_000;
    prop_oneof![
        4 => (w.clone(), w.clone(), a.clone()).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        2 => (w.clone(), a.clone()).prop_map(|(to, amount)| Op::Mint { to, amount }),
        1 => (w.clone(), a.clone()).prop_map(|(from, amount)| Op::AgentBurn { from, amount }),
        1 => (w.clone(), w.clone(), a.clone()).prop_map(|(from, to, amount)| Op::Forced { from, to, amount }),
        2 => (w.clone(), a.clone()).prop_map(|(from, amount)| Op::Request { from, amount }),
        1 => (0usize..4).prop_map(|nth| Op::Cancel { nth }),
        1 => (0usize..4).prop_map(|nth| Op::Settle { nth }),
        2 => (1u128..10_000).prop_map(|amount| Op::Income { amount }),
        2 => w.clone().prop_map(|who| Op::Claim { who }),
        1 => (0u64..3_600).prop_map(|seconds| Op::Advance { seconds }),
        2 => (w.clone(), 500u128..20_000).prop_map(|(who, cash)| Op::Subscribe { who, cash }),
        1 => (1u128..20_000).prop_map(|amount| Op::TopUp { amount }),
        2 => (w.clone(), a.clone()).prop_map(|(who, amount)| Op::RedeemInstant { who, amount }),
        1 => (990u64..1_010).prop_map(|permille| Op::Nav { permille }),
        1 => (w.clone(), prop::option::of(a.clone())).prop_map(|(who, amount)| Op::Freeze { who, amount }),
        1 => w.clone().prop_map(|who| Op::Unfreeze { who }),
        1 => Just(Op::RegistryRecover),
        1 => Just(Op::TokenRecover),
    ]
}

fn setup() -> Suite {
    let kyc_pi = &[ClaimType::Kyc, ClaimType::ProfessionalInvestor];
    let mut s = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", kyc_pi)
        .with_investor("bob", "did:hk:bob", "HK", kyc_pi)
        .with_investor("carol", "did:hk:carol", "SG", kyc_pi)
        .build();
    s.bind_wallet("did:hk:alice", "alice-2").unwrap();
    s.deploy_venue("vault", "did:hk:vault").unwrap();
    s.deploy_fund(FundSetup { venues: vec!["vault".into()], ..FundSetup::default() }).unwrap();
    for w in ["alice", "bob", "carol"] {
        let a = s.addr(w);
        s.fund_mint(&a, 10_000).unwrap();
    }
    s
}

struct Ledger {
    deposited: u128,
    claimed: u128,
    cash_in: u128,
}

fn apply(s: &mut Suite, op: &Op, ledger: &mut Ledger) {
    let w: Vec<Addr> = WALLETS.iter().map(|n| s.addr(n)).collect();
    let agent = s.agent.clone();
    let pending = |s: &Suite| -> Vec<ft::RedemptionRequest> {
        let r: ft::RedemptionRequestsResponse = s
            .fund_query(&ft::QueryMsg::RedemptionRequests { owner: None, start_after: None, limit: Some(100) })
            .unwrap();
        r.requests
    };
    // Failures are expected (compliance, balances); the invariants must hold either way.
    let _ = match op {
        Op::Transfer { from, to, amount } => s.fund_transfer(&w[*from], &w[*to], *amount),
        Op::Mint { to, amount } => s.fund_mint(&w[*to], *amount),
        Op::AgentBurn { from, amount } => s.fund_execute(
            &agent,
            &ft::ExecuteMsg::AgentBurn {
                from: w[*from].to_string(),
                amount: Uint128::new(*amount),
                reason: "prop".into(),
            },
        ),
        Op::Forced { from, to, amount } => s.fund_execute(
            &agent,
            &ft::ExecuteMsg::ForcedTransfer(ForcedTransferItem {
                from: w[*from].to_string(),
                to: w[*to].to_string(),
                amount: Uint128::new(*amount),
                reason: "prop".into(),
            }),
        ),
        Op::Request { from, amount } => s.fund_execute(
            &w[*from],
            &ft::ExecuteMsg::RequestRedemption(harbour_types::AmountArgs { amount: Uint128::new(*amount) }),
        ),
        Op::Cancel { nth } => match pending(s).get(*nth) {
            Some(r) => s.fund_execute(&agent, &ft::ExecuteMsg::CancelRedemption { request_id: r.id }),
            None => Ok(Default::default()),
        },
        Op::Settle { nth } => match pending(s).get(*nth) {
            // no fee: floor(shares × NAV) is due
            Some(r) => {
                let nav: ft::NavResponse = s.fund_query(&ft::QueryMsg::Nav(harbour_types::NoArgs {})).unwrap();
                let due = harbour_types::math::mul_decimal(r.shares, nav.nav, harbour_types::math::Rounding::Down)
                    .unwrap()
                    .u128();
                let id = r.id;
                s.mint_cash(&agent, due).unwrap();
                s.send_cash(&agent, due, &CashHookMsg::SettleRedemption { request_id: id })
            }
            None => Ok(Default::default()),
        },
        Op::Income { amount } => {
            let res = s.deposit_income(*amount);
            if res.is_ok() {
                ledger.deposited += amount;
            }
            res
        }
        Op::Claim { who } => {
            let before = s.cash_balance(&w[*who]);
            let res = s.fund_execute(&w[*who], &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {}));
            ledger.claimed += (s.cash_balance(&w[*who]) - before).u128();
            res
        }
        Op::Advance { seconds } => {
            s.advance_seconds(*seconds);
            Ok(Default::default())
        }
        Op::Subscribe { who, cash } => {
            let res = s.subscribe(&w[*who], *cash);
            ledger.cash_in += if res.is_ok() { *cash } else { 0 };
            res
        }
        Op::TopUp { amount } => s.top_up_liquidity(*amount),
        Op::RedeemInstant { who, amount } => s.fund_execute(
            &w[*who],
            &ft::ExecuteMsg::RedeemInstant(harbour_types::AmountArgs { amount: Uint128::new(*amount) }),
        ),
        Op::Nav { permille } => {
            s.advance_seconds(3_600);
            s.set_nav(cosmwasm_std::Decimal::permille(*permille))
        }
        Op::Freeze { who, amount } => {
            let officer = s.addr("compliance");
            s.fund_execute(
                &officer,
                &ft::ExecuteMsg::Freeze(ft::FreezeItem {
                    address: w[*who].to_string(),
                    amount: amount.map(Uint128::new),
                    reason: "prop".into(),
                }),
            )
        }
        Op::Unfreeze { who } => {
            let officer = s.addr("compliance");
            s.fund_execute(&officer, &ft::ExecuteMsg::Unfreeze { address: w[*who].to_string(), reason: "prop".into() })
        }
        Op::RegistryRecover => {
            let (bound, spare) = s.alice_spares();
            s.recover_wallet("did:hk:alice", bound, spare)
        }
        Op::TokenRecover => {
            let (bound, spare) = s.alice_spares();
            let (lost, new) = (s.addr(spare), s.addr(bound));
            s.fund_execute(
                &agent,
                &ft::ExecuteMsg::RecoverWallet { lost_wallet: lost.to_string(), new_wallet: new.to_string() },
            )
        }
    };
}

fn check(s: &Suite, ledger: &Ledger) -> Result<(), TestCaseError> {
    let fund = s.fund_addr();
    let info: TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    let dealing: ft::DealingStateResponse =
        s.fund_query(&ft::QueryMsg::DealingState(harbour_types::NoArgs {})).unwrap();
    let mut per_did: BTreeMap<String, u128> = BTreeMap::new();
    let mut total = 0u128;
    let mut accrued = 0u128;
    for name in WALLETS {
        let acct = s.fund_account(&s.addr_ref(name));
        total += acct.balance.u128();
        accrued += acct.accrued_income.u128();
        if let Some(did) = acct.did {
            *per_did.entry(did).or_default() += acct.balance.u128();
        }
    }
    prop_assert_eq!(total + dealing.escrowed_shares.u128(), info.total_supply.u128(), "supply");
    let register: ft::HoldersResponse =
        s.fund_query(&ft::QueryMsg::Holders { start_after: None, limit: Some(100) }).unwrap();
    for row in &register.holders {
        prop_assert_eq!(Some(row.balance.u128()), per_did.get(&row.did).copied(), "register row {}", row.did);
    }
    let positive_investor_dids = per_did.iter().filter(|(d, b)| **b > 0 && d.as_str() != "did:hk:vault").count();
    prop_assert_eq!(register.holders.len(), per_did.values().filter(|b| **b > 0).count(), "register rows");
    prop_assert_eq!(s.holder_count() as usize, positive_investor_dids, "holder count");
    prop_assert!(ledger.claimed + accrued <= ledger.deposited, "income created value");
    let cash = s.cash_balance(&fund).u128();
    prop_assert!(cash >= dealing.liquidity_buffer.u128() + (ledger.deposited - ledger.claimed), "cash coverage");
    // subscription cash went to custody in full (no fee configured)
    prop_assert_eq!(s.cash_balance(&s.addr_ref("custodian")).u128(), ledger.cash_in, "custody");
    // an unbound wallet never holds value after the token-side recovery moved it, and the
    // registry and the token agree on which of alice's spare wallets is live
    let (bound, spare) = s.alice_spares();
    let spare_acct = s.fund_account(&s.addr_ref(spare));
    prop_assert!(!spare_acct.bound, "{} should be unbound", spare);
    let _ = bound;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn fund_invariants_hold_over_random_operations(ops in prop::collection::vec(op(), 1..30)) {
        let mut s = setup();
        let mut ledger = Ledger { deposited: 0, claimed: 0, cash_in: 0 };
        check(&s, &ledger)?;
        for op in &ops {
            apply(&mut s, op, &mut ledger);
            check(&s, &ledger).map_err(|e| TestCaseError::fail(format!("after {op:?}: {e}")))?;
        }
    }
}
