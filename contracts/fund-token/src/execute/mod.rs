//! One module per family of actions; `contract.rs` only dispatches.

pub mod admin;
pub mod agent;
pub mod cw20;
pub mod dealing;
pub mod holds;
pub mod identity;
