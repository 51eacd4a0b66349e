//! One module per family of actions; `contract.rs` only dispatches.

pub mod admin;
pub mod nav;
pub mod redeem;
pub mod rules;
pub mod subscribe;
