//! One module per family of actions; `contract.rs` only dispatches.

pub mod credentials;
pub mod identity;
pub mod roles;
