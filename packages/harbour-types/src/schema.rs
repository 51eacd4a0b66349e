//! Writes a contract's schema the way `cosmwasm_schema::write_api!` does, but into a directory of
//! our choosing (`schema/<contract>/` at the workspace root): `<name>.json` (full API, used by
//! ts-codegen) and `raw/*.json` (one file per message).

use std::fs::{create_dir_all, remove_dir_all, write};
use std::path::Path;

use cosmwasm_schema::Api;

pub fn write_schema(out_dir: &Path, name: &str, api: Api) -> Result<(), Box<dyn std::error::Error>> {
    if out_dir.exists() {
        remove_dir_all(out_dir)?;
    }
    let api = api.render();
    let raw_dir = out_dir.join("raw");
    create_dir_all(&raw_dir)?;
    write(out_dir.join(format!("{name}.json")), api.to_string()? + "\n")?;
    for (file, json) in api.to_schema_files()? {
        write(raw_dir.join(file), json + "\n")?;
    }
    println!("wrote schema for {name} to {}", out_dir.display());
    Ok(())
}
