//! Writes this contract's JSON schema to `schema/fund-dealing/` at the workspace root
//! (or to the directory given as the first argument).

use cosmwasm_schema::generate_api;
use harbour_types::fund_dealing::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let default_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/fund-dealing");
    let out_dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| default_dir.to_string()));
    let api = generate_api! {
        name: "fund-dealing",
        instantiate: InstantiateMsg,
        execute: ExecuteMsg,
        query: QueryMsg,
        migrate: MigrateMsg,
    };
    harbour_types::schema::write_schema(&out_dir, "fund-dealing", api)
}
