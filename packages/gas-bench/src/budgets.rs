//! The budgets, as a declarative table: one line per budget. Ratios divide total SDK gas, unpinned
//! (the pinned ratio is reported next to it); a ratio without a maximum is reported, not enforced.
//! A budget whose measurement is missing fails (unless only some scenarios were run).

use serde::Serialize;

use crate::bench::{Artifact, Bench, Measurement};
use crate::scenarios::{cw20_base, fund_dealing, fund_token, hkd_stablecoin};

pub enum Check {
    /// `total(numerator) / total(denominator)` at most `max` (unpinned).
    Ratio { numerator: &'static str, denominator: &'static str, max: Option<f64> },
    /// Every shipped artifact (`artifacts/*.wasm`) at most `max_bytes` after wasm-opt; with
    /// `artifact`, that one only (and the general line then skips it).
    ArtifactSize { max_bytes: u64, artifact: Option<&'static str> },
    /// The operation loads at most `max` contract instances (replies, charged the discounted
    /// instance cost, are reported next to it).
    Loads { op: &'static str, max: u64 },
}

pub struct Budget {
    pub name: &'static str,
    pub check: Check,
    /// Why this budget exists (shown when it fails).
    pub why: &'static str,
}

impl Budget {
    pub const fn ratio(
        name: &'static str,
        numerator: &'static str,
        denominator: &'static str,
        max: f64,
        why: &'static str,
    ) -> Budget {
        Budget { name, check: Check::Ratio { numerator, denominator, max: Some(max) }, why }
    }

    /// A ratio reported next to the budgets but not enforced.
    pub const fn report(
        name: &'static str,
        numerator: &'static str,
        denominator: &'static str,
        why: &'static str,
    ) -> Budget {
        Budget { name, check: Check::Ratio { numerator, denominator, max: None }, why }
    }

    /// At most `max` contract instances loaded by `op`.
    pub const fn loads(name: &'static str, op: &'static str, max: u64, why: &'static str) -> Budget {
        Budget { name, check: Check::Loads { op, max }, why }
    }

    pub const fn artifact_size(name: &'static str, max_bytes: u64, why: &'static str) -> Budget {
        Budget { name, check: Check::ArtifactSize { max_bytes, artifact: None }, why }
    }

    /// A ceiling for one artifact instead of the general one: an interim exception, whose `why`
    /// says what removes it.
    pub const fn artifact_size_of(
        name: &'static str,
        artifact: &'static str,
        max_bytes: u64,
        why: &'static str,
    ) -> Budget {
        Budget { name, check: Check::ArtifactSize { max_bytes, artifact: Some(artifact) }, why }
    }
}

pub const KIB: u64 = 1024;

/// Issue 5's budgets. Add a contract's budgets here, one line each, e.g.
/// `Budget::ratio("vault borrow", "collateral_vault.borrow", cw20_base::TRANSFER, 2.0, "...")`.
pub const BUDGETS: &[Budget] = &[
    Budget::ratio(
        "fund-token transfer between verified investors ≤ 1.30× cw20-base transfer",
        fund_token::TRANSFER,
        cw20_base::TRANSFER,
        1.30,
        "compliance must be nearly free (permissioned-token standards cost 2.5-4x an ERC-20 transfer)",
    ),
    Budget::ratio(
        "fund-token transfer with a hold outstanding ≤ 1.30× cw20-base transfer",
        fund_token::TRANSFER_HELD,
        cw20_base::TRANSFER,
        1.30,
        "holds must not cost the hot path: the held total lives in the account record a transfer reads",
    ),
    Budget::report(
        "fund-token place hold (+ venue hook) vs cw20-base send",
        fund_token::PLACE_HOLD,
        "cw20_base.send",
        "reported",
    ),
    Budget::report(
        "fund-token venue release vs cw20-base transfer",
        fund_token::RELEASE_HOLD,
        cw20_base::TRANSFER,
        "reported",
    ),
    Budget::report(
        "fund-token venue execution vs cw20-base transfer",
        fund_token::EXECUTE_HOLD,
        cw20_base::TRANSFER,
        "reported",
    ),
    Budget::report(
        "fund-token first transfer to a new holder vs cw20-base first transfer",
        fund_token::TRANSFER_NEW,
        "cw20_base.transfer_new",
        "reported with the transfer budget",
    ),
    Budget::ratio(
        "income distribution: 10,000 vs 10 holders ≤ 1.05×",
        fund_token::DEPOSIT_LARGE,
        fund_token::DEPOSIT_SMALL,
        1.05,
        "distribution must cost the same for any number of holders",
    ),
    Budget::ratio(
        "income claim: 10,000 vs 10 holders ≤ 1.05×",
        fund_token::CLAIM_LARGE,
        fund_token::CLAIM_SMALL,
        1.05,
        "a claim must cost the same for any number of holders",
    ),
    Budget::ratio(
        "stablecoin transfer ≤ 1.10× cw20-base transfer",
        hkd_stablecoin::TRANSFER,
        cw20_base::TRANSFER,
        1.10,
        "a payment token must cost about what cw20-base costs",
    ),
    Budget::ratio(
        "stablecoin transfer with a hold outstanding ≤ 1.10× cw20-base transfer",
        hkd_stablecoin::TRANSFER_HELD,
        cw20_base::TRANSFER,
        1.10,
        "holds must not cost the hot path: the held total lives in the account record a transfer reads",
    ),
    Budget::report(
        "stablecoin place hold (+ venue hook) vs cw20-base send",
        hkd_stablecoin::PLACE_HOLD,
        "cw20_base.send",
        "reported",
    ),
    Budget::report(
        "stablecoin venue release vs cw20-base transfer",
        hkd_stablecoin::RELEASE_HOLD,
        cw20_base::TRANSFER,
        "reported",
    ),
    Budget::report(
        "stablecoin venue execution vs cw20-base transfer",
        hkd_stablecoin::EXECUTE_HOLD,
        cw20_base::TRANSFER,
        "reported",
    ),
    Budget::report(
        "stablecoin first transfer to a new holder vs cw20-base first transfer",
        hkd_stablecoin::TRANSFER_NEW,
        "cw20_base.transfer_new",
        "reported with the transfer budget",
    ),
    Budget::report(
        "stablecoin transfer in registry-gated mode vs cw20-base transfer",
        hkd_stablecoin::TRANSFER_GATED,
        cw20_base::TRANSFER,
        "the KYC cache's cost, reported (the budget is for open mode)",
    ),
    Budget::ratio(
        "stablecoin mint under the reserve check, rate limit configured ≤ 1.5× cw20-base mint",
        hkd_stablecoin::MINT,
        "cw20_base.mint",
        1.5,
        "the reserve check (mint budget) and the rate limit must stay cheap",
    ),
    Budget::report(
        "stablecoin mint by a minter without a rate limit vs cw20-base mint",
        hkd_stablecoin::MINT_UNLIMITED,
        "cw20_base.mint",
        "reported with the mint budget",
    ),
    Budget::report(
        "quorum attestation (2 of 2), first attestor vs a single attestor's attestation",
        hkd_stablecoin::QUORUM_FIRST,
        hkd_stablecoin::ATTESTATION,
        "a quorum attestation's cost per attestor",
    ),
    Budget::report(
        "quorum attestation (2 of 2), completing attestor vs a single attestor's attestation",
        hkd_stablecoin::QUORUM_COMPLETING,
        hkd_stablecoin::ATTESTATION,
        "a quorum attestation's cost per attestor",
    ),
    Budget::loads(
        "instant redemption ≤ 3 contract loads (fund token, dealing, cash token)",
        fund_dealing::REDEEM_INSTANT,
        3,
        "the vault's redemption liquidation runs through it: hold, payment and burn in one round trip",
    ),
    Budget::report(
        "fund-dealing instant redemption vs cw20-base burn",
        fund_dealing::REDEEM_INSTANT,
        "cw20_base.burn",
        "reported",
    ),
    Budget::report(
        "fund-dealing subscription vs cw20-base send",
        fund_dealing::SUBSCRIBE,
        "cw20_base.send",
        "reported",
    ),
    Budget::report(
        "fund-dealing queued request vs cw20-base burn",
        fund_dealing::REQUEST,
        "cw20_base.burn",
        "reported",
    ),
    Budget::report("fund-dealing settlement vs cw20-base send", fund_dealing::SETTLE, "cw20_base.send", "reported"),
    Budget::report(
        "fund-dealing NAV update vs cw20-base transfer",
        fund_dealing::SET_NAV,
        cw20_base::TRANSFER,
        "reported",
    ),
    Budget::artifact_size(
        "artifact ≤ 640 KiB after wasm-opt",
        640 * KIB,
        "80% of wasmd's 800 KiB upload limit: a fifth is kept for upgrades",
    ),
    Budget::artifact_size_of(
        "hkd-stablecoin ≤ 690 KiB after wasm-opt (interim, until a split by responsibility)",
        "hkd_stablecoin",
        690 * KIB,
        "holds (~66 KiB of wasm in either token) took the stablecoin (611 KiB after issue 10) past 640 KiB; \
         a split by responsibility (e.g. the redemption queue as a venue contract) must bring it back \
         under 640 KiB and delete this line",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    /// Reported, not enforced.
    Info,
    /// The measurement was not run (only some scenarios were selected).
    Skipped,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Info => "info",
            Status::Skipped => "skipped",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetResult {
    pub name: String,
    pub status: Status,
    /// Unpinned ratio, or bytes.
    pub value: f64,
    pub pinned: Option<f64>,
    pub limit: Option<f64>,
    pub detail: String,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        f64::INFINITY
    } else {
        a as f64 / b as f64
    }
}

/// Where two measurements differ, component by component.
pub fn explain(a: &Measurement, b: &Measurement) -> String {
    let (ua, ub) = (&a.usage, &b.usage);
    let d = |x: u64, y: u64| x as i64 - y as i64;
    format!(
        "{} {} vs {} {}: instances {:+} ({} vs {}), storage {:+} ({} reads/{} writes/{} deletes/{} iter vs {}/{}/{}/{}; \
         {} vs {} bytes written, {} vs {} read), vm {:+}, deserialization {:+}, events {:+}",
        a.key,
        a.total(false),
        b.key,
        b.total(false),
        d(ua.instance_gas(false), ub.instance_gas(false)),
        ua.instances,
        ub.instances,
        d(ua.storage, ub.storage),
        ua.reads,
        ua.writes,
        ua.deletes,
        ua.iter_steps,
        ub.reads,
        ub.writes,
        ub.deletes,
        ub.iter_steps,
        ua.write_bytes,
        ub.write_bytes,
        ua.read_bytes,
        ub.read_bytes,
        d(ua.vm, ub.vm),
        d(ua.deserialization, ub.deserialization),
        d(ua.events, ub.events),
    )
}

/// Evaluates every budget. `partial`: only some scenarios ran, so missing measurements are skipped.
pub fn evaluate(bench: &Bench, budgets: &[Budget], partial: bool) -> Vec<BudgetResult> {
    let mut out = vec![];
    for b in budgets {
        match &b.check {
            Check::Ratio { numerator, denominator, max } => {
                let (Some(n), Some(d)) = (bench.measurement(numerator), bench.measurement(denominator)) else {
                    let missing: Vec<&str> = [numerator, denominator]
                        .into_iter()
                        .filter(|k| bench.measurement(k).is_none())
                        .copied()
                        .collect();
                    out.push(BudgetResult {
                        name: b.name.to_string(),
                        status: if partial { Status::Skipped } else { Status::Fail },
                        value: 0.0,
                        pinned: None,
                        limit: *max,
                        detail: format!("measurement missing: {}", missing.join(", ")),
                    });
                    continue;
                };
                let value = ratio(n.total(false), d.total(false));
                let pinned = ratio(n.total(true), d.total(true));
                let status = match max {
                    None => Status::Info,
                    Some(m) if value <= *m => Status::Pass,
                    Some(_) => Status::Fail,
                };
                let mut detail = format!(
                    "{} / {} = {value:.3}× unpinned ({} / {}), {pinned:.3}× pinned",
                    n.key,
                    d.key,
                    n.total(false),
                    d.total(false)
                );
                if status == Status::Fail {
                    detail =
                        format!("{detail}; over by {:.3}: {} — {}", value - max.unwrap_or(0.0), explain(n, d), b.why);
                }
                out.push(BudgetResult {
                    name: b.name.to_string(),
                    status,
                    value,
                    pinned: Some(pinned),
                    limit: *max,
                    detail,
                });
            }
            Check::Loads { op, max } => {
                let Some(m) = bench.measurement(op) else {
                    out.push(BudgetResult {
                        name: b.name.to_string(),
                        status: if partial { Status::Skipped } else { Status::Fail },
                        value: 0.0,
                        pinned: None,
                        limit: Some(*max as f64),
                        detail: format!("measurement missing: {op}"),
                    });
                    continue;
                };
                let ok = m.usage.instances <= *max;
                out.push(BudgetResult {
                    name: b.name.to_string(),
                    status: if ok { Status::Pass } else { Status::Fail },
                    value: m.usage.instances as f64,
                    pinned: None,
                    limit: Some(*max as f64),
                    detail: format!(
                        "{} loads {} contract instances and {} replies ({} unpinned, {} pinned){}",
                        m.key,
                        m.usage.instances,
                        m.usage.replies,
                        m.total(false),
                        m.total(true),
                        if ok { String::new() } else { format!(", over {max} — {}", b.why) }
                    ),
                });
            }
            Check::ArtifactSize { max_bytes, artifact } => {
                // a per-artifact line replaces the general one for that artifact
                let own_line = |name: &str| {
                    budgets
                        .iter()
                        .any(|x| matches!(x.check, Check::ArtifactSize { artifact: Some(a), .. } if a == name))
                };
                let shipped: Vec<&Artifact> = bench
                    .artifacts
                    .iter()
                    .filter(|a| !a.reference)
                    .filter(|a| match artifact {
                        Some(only) => a.name == *only,
                        None => !own_line(&a.name),
                    })
                    .collect();
                if shipped.is_empty() {
                    out.push(BudgetResult {
                        name: b.name.to_string(),
                        status: Status::Fail,
                        value: 0.0,
                        pinned: None,
                        limit: Some(*max_bytes as f64),
                        detail: "no artifacts/*.wasm".into(),
                    });
                }
                for a in shipped {
                    let ok = a.bytes <= *max_bytes;
                    out.push(BudgetResult {
                        name: format!("{} ({})", b.name, a.name),
                        status: if ok { Status::Pass } else { Status::Fail },
                        value: a.bytes as f64,
                        pinned: None,
                        limit: Some(*max_bytes as f64),
                        detail: format!(
                            "{}.wasm is {} bytes ({:.1} KiB){}",
                            a.name,
                            a.bytes,
                            a.bytes as f64 / KIB as f64,
                            if ok { String::new() } else { format!(", over {max_bytes} bytes — {}", b.why) }
                        ),
                    });
                }
            }
        }
    }
    out
}
