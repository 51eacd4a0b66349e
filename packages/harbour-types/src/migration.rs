//! cw2 + semver migration guard shared by every contract's `migrate` entry point.

use cosmwasm_std::{StdError, Storage};
use semver::Version;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum MigrationError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error("cannot migrate from contract {stored} into {expected}: foreign contract")]
    ForeignContract { stored: String, expected: String },
    #[error("cannot downgrade {contract} from {stored} to {new}")]
    Downgrade { contract: String, stored: String, new: String },
    #[error("invalid semantic version \"{version}\"")]
    InvalidVersion { version: String },
}

/// The versions a successful guard saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: Version,
    pub to: Version,
}

/// Refuses a migration from another contract (cw2 name differs) or to an older version, then
/// records the new version. Migrating to the same version is allowed (a no-op code re-upload).
pub fn ensure_upgrade(storage: &mut dyn Storage, contract: &str, new_version: &str) -> Result<Upgrade, MigrationError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != contract {
        return Err(MigrationError::ForeignContract { stored: stored.contract, expected: contract.to_string() });
    }
    let parse = |v: &str| Version::parse(v).map_err(|_| MigrationError::InvalidVersion { version: v.to_string() });
    let from = parse(&stored.version)?;
    let to = parse(new_version)?;
    if to < from {
        return Err(MigrationError::Downgrade {
            contract: contract.to_string(),
            stored: stored.version,
            new: new_version.to_string(),
        });
    }
    cw2::set_contract_version(storage, contract, new_version)?;
    Ok(Upgrade { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn guards() {
        let mut s = MockStorage::new();
        assert!(matches!(ensure_upgrade(&mut s, "crates.io:a", "1.0.0"), Err(MigrationError::Std(_))));
        cw2::set_contract_version(&mut s, "crates.io:a", "1.2.0").unwrap();
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:b", "2.0.0"),
            Err(MigrationError::ForeignContract { stored: "crates.io:a".into(), expected: "crates.io:b".into() })
        );
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:a", "1.1.9"),
            Err(MigrationError::Downgrade {
                contract: "crates.io:a".into(),
                stored: "1.2.0".into(),
                new: "1.1.9".into()
            })
        );
        assert_eq!(
            ensure_upgrade(&mut s, "crates.io:a", "x"),
            Err(MigrationError::InvalidVersion { version: "x".into() })
        );
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "1.2.0");
        let up = ensure_upgrade(&mut s, "crates.io:a", "1.3.0").unwrap();
        assert_eq!(up.from.to_string(), "1.2.0");
        assert_eq!(cw2::get_contract_version(&s).unwrap().version, "1.3.0");
        assert!(ensure_upgrade(&mut s, "crates.io:a", "1.3.0").is_ok());
    }
}
