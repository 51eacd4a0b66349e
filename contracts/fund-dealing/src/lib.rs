//! # Harbour fund dealing
//!
//! One per fund: the NAV (oracle with guards, emergency markdown, paginated history), subscriptions
//! against the cash token, instant redemptions from a liquidity buffer within a daily limit, and
//! queued redemptions as holds on the fund token paid by the dealing agent. The fund token keeps
//! the register and is the compliance authority: it mints to subscribers for this contract and
//! burns units held for it, nothing else. See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod query;
pub mod quote;
pub mod state;

pub use crate::error::ContractError;
