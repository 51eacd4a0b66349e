//! One file per action family; `contract.rs` dispatches here.

pub mod admin;
pub mod controls;
pub mod cw20;
pub mod holds;
pub mod identity;
pub mod mint;
pub mod redemption;
pub mod reserves;
