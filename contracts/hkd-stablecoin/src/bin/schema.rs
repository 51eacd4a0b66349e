//! Writes this contract's JSON schema to `schema/hkd-stablecoin/` at the workspace root
//! (or to the directory given as the first argument).

use cosmwasm_schema::generate_api;
use harbour_types::hkd_stablecoin::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let default_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/hkd-stablecoin");
    let out_dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| default_dir.to_string()));
    let api = generate_api! {
        name: "hkd-stablecoin",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    };
    harbour_types::schema::write_schema(&out_dir, "hkd-stablecoin", api)
}
