//! Property tests of the fund token and its dealing contract over random operation sequences:
//! transfers (between wallets of one DID and to a venue), agent mints, burns and forced moves,
//! subscriptions, instant redemptions, queued requests, settlements at the current NAV and
//! cancellations (by owner and agent), NAV moves, freezes, wallet recovery, income deposits and
//! claims, time. Fees are on (25 bps in, 10 bps out), so rounding is exercised. After every step:
//! - cash: cash in (subscriptions + top-ups + settlements) = custody + buffer + paid out + fees,
//!   and investors hold exactly what they were paid and claimed;
//! - shares: minted − burned = total supply = Σ wallet balances (no escrow anywhere);
//! - holds: each owner's hold for the dealing contract = Σ of its pending requests;
//! - register: each DID's balance = Σ of its wallets'; holder count = non-venue DIDs with units;
//! - income never creates value: Σ claimed + Σ accrued ≤ Σ deposited;
//! - every instant redemption paid what an independent integer oracle says (NAV in permille).
//!   The generator must reach the limits (daily limit, buffer, zero payout, stale NAV, request
//!   cap, a frozen owner's settlement refused): checked at the end.

use std::cell::RefCell;
use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Uint128};
use cw20::TokenInfoResponse;
use harbour_tests::fund::FundSetup;
use harbour_tests::suite::{contract_error, Suite, SuiteBuilder};
use harbour_types::compliance::ReasonCode;
use harbour_types::fund_dealing::{self as fd, InstantRedemptionResponse};
use harbour_types::fund_token::{self as ft, ForcedTransferItem};
use harbour_types::identity::ClaimType;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// `alice-2` and `alice-3` take turns as alice's second wallet: recovery moves the binding between them.
const WALLETS: [&str; 6] = ["alice", "alice-2", "alice-3", "bob", "carol", "vault"];
const INVESTORS: [&str; 4] = ["alice", "alice-2", "alice-3", "bob"];
const SUB_FEE_BPS: u128 = 25;
const RED_FEE_BPS: u128 = 10;
const DAILY_LIMIT: u128 = 4_000;

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
    /// Eleven 2-share requests in a row: the per-wallet cap (10) is reached.
    RequestBurst {
        from: usize,
    },
    Cancel {
        nth: usize,
        by_agent: bool,
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
    SweepFees,
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
    /// Freezes the owner of pending request `nth` (a court order after filing).
    FreezeRequester {
        nth: usize,
    },
    Unfreeze {
        who: usize,
    },
    RegistryRecover,
    TokenRecover,
}

fn op() -> impl Strategy<Value = Op> {
    let w = 0..WALLETS.len();
    let a = prop_oneof![1 => 1u128..3, 4 => 1u128..5_000];
    prop_oneof![
        3 => (w.clone(), w.clone(), a.clone()).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        1 => (w.clone(), a.clone()).prop_map(|(to, amount)| Op::Mint { to, amount }),
        1 => (w.clone(), a.clone()).prop_map(|(from, amount)| Op::AgentBurn { from, amount }),
        1 => (w.clone(), w.clone(), a.clone()).prop_map(|(from, to, amount)| Op::Forced { from, to, amount }),
        5 => (w.clone(), a.clone()).prop_map(|(from, amount)| Op::Request { from, amount }),
        1 => w.clone().prop_map(|from| Op::RequestBurst { from }),
        1 => (0usize..6, any::<bool>()).prop_map(|(nth, by_agent)| Op::Cancel { nth, by_agent }),
        4 => (0usize..6).prop_map(|nth| Op::Settle { nth }),
        1 => (1u128..10_000).prop_map(|amount| Op::Income { amount }),
        1 => w.clone().prop_map(|who| Op::Claim { who }),
        2 => prop_oneof![3 => 0u64..3_600, 1 => Just(86_400u64), 1 => Just(6 * 86_400)].prop_map(|seconds| Op::Advance { seconds }),
        3 => (w.clone(), prop_oneof![500u128..2_000, 1_000u128..40_000]).prop_map(|(who, cash)| Op::Subscribe { who, cash }),
        2 => (1u128..20_000).prop_map(|amount| Op::TopUp { amount }),
        1 => Just(Op::SweepFees),
        4 => (w.clone(), a.clone()).prop_map(|(who, amount)| Op::RedeemInstant { who, amount }),
        2 => (990u64..1_010).prop_map(|permille| Op::Nav { permille }),
        2 => (w.clone(), prop::option::of(a.clone())).prop_map(|(who, amount)| Op::Freeze { who, amount }),
        1 => w.clone().prop_map(|who| Op::Unfreeze { who }),
        1 => (0usize..3).prop_map(|nth| Op::FreezeRequester { nth }),
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
    s.deploy_fund(FundSetup {
        venues: vec!["vault".into()],
        subscription_fee_bps: SUB_FEE_BPS as u16,
        redemption_fee_bps: RED_FEE_BPS as u16,
        instant_daily_limit: Uint128::new(DAILY_LIMIT),
        nav_guards: harbour_types::fund_dealing::NavGuards {
            max_move_bps: 200,
            min_interval: 3_600,
            staleness: 5 * 86_400,
        },
        ..FundSetup::default()
    })
    .unwrap();
    for w in ["alice", "bob", "carol"] {
        let a = s.addr(w);
        s.fund_mint(&a, 10_000).unwrap();
    }
    s
}

#[derive(Default)]
struct Ledger {
    deposited: u128,
    claimed: u128,
    /// Cash sent to the dealing contract by successful subscriptions, top-ups and settlements.
    cash_in: u128,
    paid_out: u128,
    /// Cash minted to investors for subscriptions that were refused (it stays with them).
    refused_subscriptions: u128,
    minted: u128,
    burned: u128,
    nav_permille: u64,
}

#[derive(Default, Debug)]
struct Coverage {
    instant_ok: u32,
    settled: u32,
    cancelled: u32,
    daily_limit: u32,
    buffer_short: u32,
    zero_payout: u32,
    stale_nav: u32,
    request_cap: u32,
    frozen_not_paid: u32,
    fee_rounded: u32,
}

fn reasons(err: &anyhow::Error) -> Vec<ReasonCode> {
    match contract_error::<fund_dealing::ContractError>(err) {
        Some(fund_dealing::ContractError::Refused { reasons }) => reasons.iter().map(|d| d.code).collect(),
        _ => vec![],
    }
}

fn pending(s: &Suite) -> Vec<fd::RedemptionRequest> {
    let r: fd::RedemptionRequestsResponse = s
        .dealing_query(&fd::QueryMsg::RedemptionRequests { owner: None, start_after: None, limit: Some(100) })
        .unwrap();
    r.requests
}

fn apply(s: &mut Suite, op: &Op, l: &mut Ledger, cov: &mut Coverage) {
    let w: Vec<Addr> = WALLETS.iter().map(|n| s.addr(n)).collect();
    let agent = s.agent.clone();
    let supply = |s: &Suite| -> u128 {
        let info: TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
        info.total_supply.u128()
    };
    let before = supply(s);
    // Failures are expected (compliance, balances, limits); the invariants must hold either way.
    let res = match op {
        Op::Transfer { from, to, amount } => s.fund_transfer(&w[*from], &w[*to], *amount),
        Op::Mint { to, amount } => s.fund_mint(&w[*to], *amount),
        Op::AgentBurn { from, amount } => s.fund_execute(
            &agent,
            &ft::ExecuteMsg::AgentBurn {
                from: w[*from].to_string(),
                amount: Uint128::new(*amount),
                reason: "p".into(),
            },
        ),
        Op::Forced { from, to, amount } => s.fund_execute(
            &agent,
            &ft::ExecuteMsg::ForcedTransfer(ForcedTransferItem {
                from: w[*from].to_string(),
                to: w[*to].to_string(),
                amount: Uint128::new(*amount),
                reason: "p".into(),
            }),
        ),
        Op::Request { from, amount } => {
            let res = s.request_redemption(&w[*from], *amount);
            if let (Err(e), true) = (&res, std::env::var("DEBUG_PROPS").is_ok()) {
                eprintln!("request failed: {e:#}");
            }
            if let Err(e) = &res {
                let r = reasons(e);
                cov.request_cap += r.contains(&ReasonCode::TooManyRequests) as u32;
                cov.zero_payout += r.contains(&ReasonCode::ZeroPayout) as u32;
            }
            res
        }
        Op::RequestBurst { from } => {
            let mut last = Ok(Default::default());
            for _ in 0..11 {
                last = s.request_redemption(&w[*from], 2);
                if let Err(e) = &last {
                    cov.request_cap += reasons(e).contains(&ReasonCode::TooManyRequests) as u32;
                    break;
                }
            }
            last
        }
        Op::Cancel { nth, by_agent } => match pending(s).get(*nth) {
            Some(r) => {
                let sender = if *by_agent { agent.clone() } else { r.owner.clone() };
                let res = s.cancel_redemption(&sender, r.id);
                cov.cancelled += res.is_ok() as u32;
                res
            }
            None => Ok(Default::default()),
        },
        Op::Settle { nth } => match pending(s).get(*nth) {
            Some(r) => {
                // oracle: gross = ⌊shares × permille / 1000⌋
                let due = r.shares.u128() * u128::from(l.nav_permille) / 1_000;
                let fee = (due * RED_FEE_BPS).div_ceil(10_000);
                let frozen = s.fund_account(&r.owner).frozen_all;
                let res = s.settle_redemption(r.id, due);
                match &res {
                    Ok(_) => {
                        cov.settled += 1;
                        l.cash_in += due;
                        l.paid_out += due - fee;
                    }
                    Err(e) => {
                        if std::env::var("DEBUG_PROPS").is_ok() {
                            eprintln!("settle failed: {e:#}");
                        }
                        cov.stale_nav += reasons(e).contains(&ReasonCode::StaleNav) as u32;
                        cov.frozen_not_paid += frozen as u32;
                    }
                }
                res
            }
            None => Ok(Default::default()),
        },
        Op::Income { amount } => {
            let res = s.deposit_income(*amount);
            l.deposited += if res.is_ok() { *amount } else { 0 };
            res
        }
        Op::Claim { who } => {
            let before = s.cash_balance(&w[*who]);
            let res = s.fund_execute(&w[*who], &ft::ExecuteMsg::ClaimIncome(harbour_types::NoArgs {}));
            l.claimed += (s.cash_balance(&w[*who]) - before).u128();
            res
        }
        Op::Advance { seconds } => {
            s.advance_seconds(*seconds);
            Ok(Default::default())
        }
        Op::Subscribe { who, cash } => {
            let res = s.subscribe(&w[*who], *cash);
            match &res {
                Ok(_) => {
                    l.cash_in += *cash;
                    cov.fee_rounded += (cash * SUB_FEE_BPS % 10_000 != 0) as u32;
                }
                Err(e) => {
                    l.refused_subscriptions += *cash;
                    cov.stale_nav += reasons(e).contains(&ReasonCode::StaleNav) as u32;
                }
            }
            res
        }
        Op::TopUp { amount } => {
            let res = s.top_up_liquidity(*amount);
            l.cash_in += if res.is_ok() { *amount } else { 0 };
            res
        }
        Op::SweepFees => {
            let anyone = s.addr("stranger");
            s.dealing_execute(&anyone, &fd::ExecuteMsg::SweepFees(harbour_types::NoArgs {}))
        }
        Op::RedeemInstant { who, amount } => {
            let res = s.redeem_instant(&w[*who], *amount);
            match &res {
                Ok(r) => {
                    let data: InstantRedemptionResponse = Suite::response_data(r).unwrap();
                    let gross = amount * u128::from(l.nav_permille) / 1_000;
                    let fee = (gross * RED_FEE_BPS).div_ceil(10_000);
                    assert_eq!((data.gross.u128(), data.fee.u128(), data.paid.u128()), (gross, fee, gross - fee));
                    l.paid_out += data.paid.u128();
                    cov.instant_ok += 1;
                }
                Err(e) => {
                    let r = reasons(e);
                    cov.daily_limit += r.contains(&ReasonCode::DailyLimit) as u32;
                    cov.buffer_short += r.contains(&ReasonCode::BufferShort) as u32;
                    cov.zero_payout += r.contains(&ReasonCode::ZeroPayout) as u32;
                    cov.stale_nav += r.contains(&ReasonCode::StaleNav) as u32;
                }
            }
            res
        }
        Op::Nav { permille } => {
            s.advance_seconds(3_600);
            let res = s.set_nav(cosmwasm_std::Decimal::permille(*permille));
            if res.is_ok() {
                l.nav_permille = *permille;
            }
            res
        }
        Op::Freeze { who, amount } => {
            let officer = s.addr("compliance");
            s.fund_execute(
                &officer,
                &ft::ExecuteMsg::Freeze(ft::FreezeItem {
                    address: w[*who].to_string(),
                    amount: amount.map(Uint128::new),
                    reason: "p".into(),
                }),
            )
        }
        Op::FreezeRequester { nth } => match pending(s).get(*nth) {
            Some(r) => {
                let officer = s.addr("compliance");
                let item = ft::FreezeItem { address: r.owner.to_string(), amount: None, reason: "p".into() };
                s.fund_execute(&officer, &ft::ExecuteMsg::Freeze(item))
            }
            None => Ok(Default::default()),
        },
        Op::Unfreeze { who } => {
            let officer = s.addr("compliance");
            s.fund_execute(&officer, &ft::ExecuteMsg::Unfreeze { address: w[*who].to_string(), reason: "p".into() })
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
    let after = supply(s);
    if res.is_ok() {
        if after > before {
            l.minted += after - before;
        } else {
            l.burned += before - after;
        }
    } else {
        assert_eq!(after, before, "a failed {op:?} changed the supply");
    }
}

fn check(s: &Suite, l: &Ledger) -> Result<(), TestCaseError> {
    let (fund, dealing) = (s.fund_addr(), s.dealing_addr());
    let info: TokenInfoResponse = s.fund_query(&ft::QueryMsg::TokenInfo(harbour_types::NoArgs {})).unwrap();
    let st = s.dealing_state();
    // cash
    let custody = s.cash_balance(&s.addr_ref("custodian")).u128();
    let fees = s.cash_balance(&s.addr_ref("fee-collector")).u128() + st.fees_accrued.u128();
    let held = s.cash_balance(&dealing).u128();
    prop_assert_eq!(held, st.buffer.u128() + st.fees_accrued.u128(), "the dealing contract holds buffer + fees");
    let buffer = st.buffer.u128();
    prop_assert_eq!(l.cash_in, custody + buffer + l.paid_out + fees, "cash in = custody + buffer + paid + fees");
    let investors: u128 = WALLETS.iter().map(|n| s.cash_balance(&s.addr_ref(n)).u128()).sum();
    prop_assert_eq!(
        investors,
        l.paid_out + l.claimed + l.refused_subscriptions,
        "investors hold what they were paid and claimed (and the cash of refused subscriptions)"
    );
    // shares
    let mut per_did: BTreeMap<String, u128> = BTreeMap::new();
    let (mut total, mut accrued) = (0u128, 0u128);
    let requests = pending(s);
    for name in WALLETS {
        let a = s.addr_ref(name);
        let acct = s.fund_account(&a);
        total += acct.balance.u128();
        accrued += acct.accrued_income.u128();
        if let Some(did) = acct.did {
            *per_did.entry(did).or_default() += acct.balance.u128();
        }
        let held_for_dealing = s
            .fund_query::<harbour_types::holds::HoldInfo>(&ft::QueryMsg::Hold {
                owner: a.to_string(),
                venue: dealing.to_string(),
            })
            .map(|h| h.amount.u128())
            .unwrap_or(0);
        let requested: u128 = requests.iter().filter(|r| r.owner == a).map(|r| r.shares.u128()).sum();
        prop_assert_eq!(held_for_dealing, requested, "{}: hold for dealing = Σ pending requests", name);
    }
    prop_assert_eq!(requests.iter().map(|r| r.shares.u128()).sum::<u128>(), st.pending_shares.u128());
    prop_assert_eq!(s.fund_balance(&dealing).u128(), 0, "no escrow in the dealing contract");
    prop_assert_eq!(total, info.total_supply.u128(), "Σ balances = supply");
    prop_assert_eq!(30_000 + l.minted - l.burned, info.total_supply.u128(), "minted − burned = supply");
    // register, holders, income
    let register: ft::HoldersResponse =
        s.fund_query(&ft::QueryMsg::Holders { start_after: None, limit: Some(100) }).unwrap();
    for row in &register.holders {
        prop_assert_eq!(Some(row.balance.u128()), per_did.get(&row.did).copied(), "register row {}", row.did);
    }
    let positive = per_did.iter().filter(|(d, b)| **b > 0 && d.as_str() != "did:hk:vault").count();
    prop_assert_eq!(s.holder_count() as usize, positive, "holder count");
    prop_assert!(l.claimed + accrued <= l.deposited, "income created value");
    prop_assert!(s.cash_balance(&fund).u128() >= l.deposited - l.claimed, "income cash covered");
    let (_, spare) = s.alice_spares();
    prop_assert!(!s.fund_account(&s.addr_ref(spare)).bound, "{} should be unbound", spare);
    let _ = INVESTORS;
    Ok(())
}

#[test]
fn dealing_invariants_hold_over_random_operations() {
    let coverage = RefCell::new(Coverage::default());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, b"harbour issue 12: fund dealing..");
    let mut runner = TestRunner::new_with_rng(Config { cases: 32, ..Config::default() }, rng);
    runner
        .run(&prop::collection::vec(op(), 1..60), |ops| {
            let mut s = setup();
            let mut l = Ledger { nav_permille: 1_000, ..Ledger::default() };
            check(&s, &l)?;
            for op in &ops {
                apply(&mut s, op, &mut l, &mut coverage.borrow_mut());
                check(&s, &l).map_err(|e| TestCaseError::fail(format!("after {op:?}: {e}")))?;
            }
            Ok(())
        })
        .unwrap();
    let c = coverage.into_inner();
    println!("coverage: {c:?}");
    assert!(c.instant_ok > 0 && c.settled > 0 && c.cancelled > 0, "{c:?}");
    assert!(c.daily_limit > 0 && c.buffer_short > 0 && c.zero_payout > 0 && c.stale_nav > 0, "{c:?}");
    assert!(c.request_cap > 0 && c.frozen_not_paid > 0 && c.fee_rounded > 0, "{c:?}");
}
