//! One module per contract. To add a contract: write `scenarios/<contract>.rs` exposing a
//! `SCENARIO` (its `run` deploys on `bench.chain()` and measures with `bench.tx` / `bench.query`,
//! keys `<contract>.<operation>`, `.vs("cw20_base.<op>")` for the ratio column), list it in
//! [`ALL`], and add its budgets to [`crate::budgets::BUDGETS`].

pub mod common;
pub mod cw20_base;
pub mod fund_dealing;
pub mod fund_token;
pub mod hkd_stablecoin;
pub mod identity_registry;

use crate::bench::Scenario;

/// Every scenario, in report order (cw20-base first: it is the reference).
pub const ALL: &[Scenario] = &[
    cw20_base::SCENARIO,
    identity_registry::SCENARIO,
    fund_token::SCENARIO,
    fund_dealing::SCENARIO,
    hkd_stablecoin::SCENARIO,
];
