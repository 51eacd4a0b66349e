use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::HexBinary;
use harbour_types::identity::{ClaimType, IssuerPublicKey};
use harbour_types::identity_registry::{
    AgentResponse, AgentsResponse, ConfigResponse, ExecuteMsg, InstantiateMsg, IssuerConfig, IssuerResponse,
    MigrateMsg, QueryMsg, MAX_AGENTS, MAX_CLAIMS_PER_ISSUER,
};
use harbour_types::migration::MigrationError;

use super::Fixture;
use crate::contract::{instantiate, migrate, CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;

#[test]
fn instantiate_sets_version_owner_and_roles() {
    let f = Fixture::new();
    let v = cw2::get_contract_version(&f.deps.storage).unwrap();
    assert_eq!((v.contract.as_str(), v.version.as_str()), (CONTRACT_NAME, CONTRACT_VERSION));
    assert_eq!(CONTRACT_NAME, "crates.io:identity-registry");
    let ownership: cw_ownable::Ownership<cosmwasm_std::Addr> = f.query(QueryMsg::Ownership {});
    assert_eq!(ownership.owner, Some(f.owner.clone()));
    let cfg: ConfigResponse = f.query(QueryMsg::Config {});
    assert_eq!((cfg.agent_count, cfg.issuer_count, cfg.identity_count), (1, 3, 0));
    let a: AgentResponse = f.query(QueryMsg::Agent { address: f.agent.to_string() });
    assert!(a.is_agent);
}

#[test]
fn instantiate_rejects_bad_config() {
    let mut deps = mock_dependencies();
    let owner = deps.api.addr_make("owner");
    let info = message_info(&owner, &[]);
    let base = InstantiateMsg { owner: owner.to_string(), agents: vec![], issuers: vec![] };
    let err =
        instantiate(deps.as_mut(), mock_env(), info.clone(), InstantiateMsg { owner: "bad".into(), ..base.clone() });
    assert!(matches!(err, Err(ContractError::Std(_))));
    let bad_key = IssuerConfig {
        address: deps.api.addr_make("i").to_string(),
        name: "i".into(),
        claims: vec![ClaimType::Kyc],
        // right length, not a curve point
        public_key: Some(IssuerPublicKey::Secp256k1(HexBinary::from(vec![9u8; 33]))),
    };
    let err =
        instantiate(deps.as_mut(), mock_env(), info, InstantiateMsg { issuers: vec![bad_key], ..base }).unwrap_err();
    assert!(matches!(err, ContractError::InvalidPublicKey { .. }), "{err:?}");
}

#[test]
fn role_management_errors() {
    let mut f = Fixture::new();
    let (owner, agent, issuer) = (f.owner.clone(), f.agent.clone(), f.issuer.clone());
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddAgent { address: agent.to_string() },
        ContractError::AgentExists { agent: agent.to_string() },
    );
    let ghost = f.addr("ghost");
    f.assert_rejected(
        &owner,
        ExecuteMsg::RemoveAgent { address: ghost.to_string() },
        ContractError::AgentNotFound { agent: ghost.to_string() },
    );
    let cfg = |address: String, claims: Vec<ClaimType>, key: Option<IssuerPublicKey>| IssuerConfig {
        address,
        name: "x".into(),
        claims,
        public_key: key,
    };
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(cfg(issuer.to_string(), vec![ClaimType::Kyc], None)),
        ContractError::IssuerExists { issuer: issuer.to_string() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateIssuer(cfg(ghost.to_string(), vec![ClaimType::Kyc], None)),
        ContractError::IssuerNotFound { issuer: ghost.to_string() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::RemoveIssuer { address: ghost.to_string() },
        ContractError::IssuerNotFound { issuer: ghost.to_string() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(cfg(ghost.to_string(), vec![], None)),
        ContractError::IssuerClaimCount { got: 0, max: MAX_CLAIMS_PER_ISSUER },
    );
    let too_many: Vec<ClaimType> = (0..=MAX_CLAIMS_PER_ISSUER as u16).map(ClaimType::Custom).collect();
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(cfg(ghost.to_string(), too_many, None)),
        ContractError::IssuerClaimCount { got: MAX_CLAIMS_PER_ISSUER + 1, max: MAX_CLAIMS_PER_ISSUER },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(cfg(ghost.to_string(), vec![ClaimType::Kyc, ClaimType::Kyc], None)),
        ContractError::Duplicate { what: "claim", value: "kyc".into() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(cfg(
            ghost.to_string(),
            vec![ClaimType::Kyc],
            Some(IssuerPublicKey::Ed25519(HexBinary::from(vec![1u8; 31]))),
        )),
        ContractError::InvalidPublicKey { reason: "ed25519 key must be 32 bytes".into() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddIssuer(IssuerConfig {
            name: String::new(),
            ..cfg(ghost.to_string(), vec![ClaimType::Kyc], None)
        }),
        ContractError::InvalidText { field: "name", max: 256 },
    );
    // update keeps added_at and changes the scope
    let before: IssuerResponse = f.query(QueryMsg::Issuer { address: issuer.to_string() });
    f.advance(100);
    f.exec(&owner, ExecuteMsg::UpdateIssuer(cfg(issuer.to_string(), vec![ClaimType::Accredited], None))).unwrap();
    let after: IssuerResponse = f.query(QueryMsg::Issuer { address: issuer.to_string() });
    assert_eq!(after.added_at, before.added_at);
    assert_eq!(after.claims, vec![ClaimType::Accredited]);
}

#[test]
fn agent_count_is_bounded() {
    let mut f = Fixture::new();
    let owner = f.owner.clone();
    for i in 1..MAX_AGENTS {
        f.exec(&owner, ExecuteMsg::AddAgent { address: f.addr(&format!("agent{i}")).to_string() }).unwrap();
    }
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddAgent { address: f.addr("one-too-many").to_string() },
        ContractError::TooManyAgents { max: MAX_AGENTS },
    );
    // agents list paginates over all of them
    let mut seen = vec![];
    let mut start_after = None;
    loop {
        let page: AgentsResponse = f.query(QueryMsg::Agents { start_after: start_after.clone(), limit: Some(7) });
        if page.agents.is_empty() {
            break;
        }
        start_after = page.agents.last().map(|a| a.to_string());
        seen.extend(page.agents);
    }
    assert_eq!(seen.len(), MAX_AGENTS as usize);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, seen);
}

#[test]
fn migrate_refuses_downgrade_and_foreign_contracts() {
    let mut f = Fixture::new();
    // same version: allowed (re-upload)
    let res = migrate(f.deps.as_mut(), f.env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(res.attributes[0].value, "migrate");
    // from a newer version: downgrade refused
    cw2::set_contract_version(&mut f.deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(f.deps.as_mut(), f.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migration(MigrationError::Downgrade {
            contract: CONTRACT_NAME.into(),
            stored: "99.0.0".into(),
            new: CONTRACT_VERSION.into(),
        })
    );
    // from an older version: upgrade recorded
    cw2::set_contract_version(&mut f.deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    let res = migrate(f.deps.as_mut(), f.env.clone(), MigrateMsg {}).unwrap();
    assert!(res.attributes.iter().any(|a| a.key == "from_version" && a.value == "0.0.1"));
    assert_eq!(cw2::get_contract_version(&f.deps.storage).unwrap().version, CONTRACT_VERSION);
    // another contract's state
    cw2::set_contract_version(&mut f.deps.storage, "crates.io:cw20-base", "0.0.1").unwrap();
    let err = migrate(f.deps.as_mut(), f.env.clone(), MigrateMsg {}).unwrap_err();
    assert_eq!(
        err,
        ContractError::Migration(MigrationError::ForeignContract {
            stored: "crates.io:cw20-base".into(),
            expected: CONTRACT_NAME.into(),
        })
    );
}

#[test]
fn issuer_and_subscriber_counts_are_bounded() {
    use cosmwasm_std::{to_json_binary, ContractInfoResponse, ContractResult, SystemResult};
    use harbour_types::identity_registry::{MAX_ISSUERS, MAX_SUBSCRIBERS};
    let mut f = Fixture::new();
    let owner = f.owner.clone();
    let cfg =
        |address: String| IssuerConfig { address, name: "x".into(), claims: vec![ClaimType::Kyc], public_key: None };
    let existing: harbour_types::identity_registry::ConfigResponse =
        f.query(harbour_types::identity_registry::QueryMsg::Config {});
    for i in existing.issuer_count..MAX_ISSUERS {
        let a = f.addr(&format!("issuer-{i}")).to_string();
        f.exec(&owner, ExecuteMsg::AddIssuer(cfg(a))).unwrap();
    }
    let one_more = f.addr("issuer-too-many").to_string();
    f.assert_rejected(&owner, ExecuteMsg::AddIssuer(cfg(one_more)), ContractError::TooManyIssuers { max: MAX_ISSUERS });
    // every address is a contract for this test
    f.deps.querier.update_wasm(|_| {
        SystemResult::Ok(ContractResult::Ok(
            to_json_binary(&ContractInfoResponse::new(1, cosmwasm_std::Addr::unchecked("c"), None, false, None))
                .unwrap(),
        ))
    });
    for i in 0..MAX_SUBSCRIBERS {
        let a = f.addr(&format!("subscriber-{i}")).to_string();
        f.exec(&owner, ExecuteMsg::AddSubscriber { address: a }).unwrap();
    }
    let one_more = f.addr("subscriber-too-many").to_string();
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddSubscriber { address: one_more },
        ContractError::TooManySubscribers { max: MAX_SUBSCRIBERS },
    );
}
