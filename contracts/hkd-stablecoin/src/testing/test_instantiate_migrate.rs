//! Instantiation validation, cw2 version, storage layout, and the migration guard.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use harbour_types::hkd_stablecoin::{HolderMode, MigrateMsg, QueryMsg, StableConfigResponse};
use harbour_types::migration::MigrationError;
use harbour_types::reserves::ReserveError;

use super::{amt, Fixture};
use crate::contract::{instantiate, migrate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;

#[test]
fn instantiate_sets_version_and_config() {
    let f = Fixture::new();
    let v = cw2::get_contract_version(&f.deps.storage).unwrap();
    assert_eq!((v.contract.as_str(), v.version.as_str()), ("crates.io:hkd-stablecoin", CONTRACT_VERSION));
    let cfg: StableConfigResponse = f.query(QueryMsg::Config(harbour_types::NoArgs {}));
    assert_eq!((cfg.holder_mode, cfg.paused, cfg.minter_count), (HolderMode::Open, false, 1));
    // compact hot-path records: the pause/mode flags and accounts
    assert_eq!(f.raw(b"h"), Some(b"{}".to_vec()));
    let key = [&[0u8, 1][..], b"a", f.alice.as_bytes()].concat();
    assert_eq!(f.raw(&key), Some(br#"{"b":"500000"}"#.to_vec()));
}

#[test]
fn instantiate_rejects_bad_input() {
    let f = Fixture::bare();
    let try_init = |msg| {
        let mut deps = mock_dependencies();
        instantiate(deps.as_mut(), mock_env(), message_info(&f.owner, &[]), msg)
    };
    let mut m = f.instantiate_msg();
    m.symbol = "H".into();
    assert!(matches!(try_init(m), Err(ContractError::InvalidConfig { .. })));
    let mut m = f.instantiate_msg();
    m.decimals = 19;
    assert!(matches!(try_init(m), Err(ContractError::InvalidConfig { .. })));
    let mut m = f.instantiate_msg();
    m.reserve_policy.buckets.pop();
    assert!(matches!(try_init(m), Err(ContractError::Reserve(ReserveError::MissingBucketPolicy { .. }))));
    let mut m = f.instantiate_msg();
    m.holder_mode = HolderMode::RegistryGated;
    m.registry = None;
    assert_eq!(try_init(m), Err(ContractError::RegistryRequired {}));
    let mut m = f.instantiate_msg();
    m.pauser = Some(f.attestor.to_string());
    assert_eq!(
        try_init(m),
        Err(ContractError::RoleConflict { address: f.attestor.to_string(), held: "pauser".into() })
    );
    let mut m = f.instantiate_msg();
    m.rescuer = Some(f.owner.to_string());
    assert_eq!(try_init(m), Err(ContractError::RoleConflict { address: f.owner.to_string(), held: "owner".into() }));
    let mut m = f.instantiate_msg();
    m.redemption.min_amount = amt(0);
    assert!(matches!(try_init(m), Err(ContractError::InvalidRedemptionConfig { .. })));
    let mut m = f.instantiate_msg();
    m.attestors = (0..9).map(|i| f.addr(&format!("a{i}")).to_string()).collect();
    assert!(matches!(try_init(m), Err(ContractError::TooManyRoleHolders { .. })));
}

#[test]
fn migrate_refuses_downgrade_and_foreign_contracts() {
    let mut f = Fixture::new();
    migrate(f.deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    cw2::set_contract_version(&mut f.deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    assert_eq!(
        migrate(f.deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migration(MigrationError::Downgrade {
            contract: CONTRACT_NAME.into(),
            stored: "99.0.0".into(),
            new: CONTRACT_VERSION.into(),
        }))
    );
    cw2::set_contract_version(&mut f.deps.storage, "crates.io:cw20-base", "0.1.0").unwrap();
    assert_eq!(
        migrate(f.deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migration(MigrationError::ForeignContract {
            stored: "crates.io:cw20-base".into(),
            expected: CONTRACT_NAME.into(),
        }))
    );
}
