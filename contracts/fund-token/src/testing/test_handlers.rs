use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{from_json, OwnedDeps, Timestamp, Uint128};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_token::{
    AccountResponse, CanTransferResponse, ExecuteMsg, FundPolicy, IncomeMode, InstantiateMsg, MigrateMsg, QueryMsg,
};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{CredentialStatus, IdentityHookMsg, IdentitySnapshot};
use harbour_types::migration::MigrationError;

use crate::contract::{execute, instantiate, migrate, query, CONTRACT_NAME};
use crate::error::ContractError;

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

fn msg(api: &MockApi) -> InstantiateMsg {
    InstantiateMsg {
        name: "Fund".into(),
        symbol: "FUND".into(),
        decimals: 6,
        owner: api.addr_make("owner").to_string(),
        registry: api.addr_make("registry").to_string(),
        policy: FundPolicy {
            required_claims: vec![ClaimType::Kyc],
            allowed_jurisdictions: vec![],
            blocked_jurisdictions: vec!["KP".into()],
            allowed_categories: vec![],
            max_holders: None,
            min_holding: Uint128::zero(),
            max_holding: None,
            primary_only: false,
        },
        income_mode: IncomeMode::Distributing,
        income_token: api.addr_make("cash").to_string(),
        custody: api.addr_make("custody").to_string(),
        agents: vec![api.addr_make("agent").to_string()],
        pausers: vec![],
        compliance_officers: vec![],
        marketing: None,
    }
}

fn setup() -> Deps {
    let mut deps = mock_dependencies();
    let m = msg(&deps.api);
    let owner = deps.api.addr_make("owner");
    instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), m).unwrap();
    deps
}

fn snapshot(api: &MockApi, did: &str, wallet: &str, kyc_until: u64, jurisdiction: &str) -> IdentitySnapshot {
    IdentitySnapshot {
        did: did.into(),
        exists: true,
        jurisdiction: jurisdiction.into(),
        category: InvestorCategory::Individual,
        wallets: vec![api.addr_make(wallet)],
        unbound_wallets: vec![],
        credentials: vec![CredentialStatus {
            claim: ClaimType::Kyc,
            valid_until: Timestamp::from_seconds(kyc_until),
            revoked: false,
        }],
    }
}

fn hook(deps: &mut Deps, snap: IdentitySnapshot) -> Result<cosmwasm_std::Response, ContractError> {
    let registry = deps.api.addr_make("registry");
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&registry, &[]),
        ExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snap)),
    )
}

#[test]
fn instantiate_validates_config() {
    let mut deps = mock_dependencies();
    let owner = deps.api.addr_make("owner");
    let base = msg(&deps.api);
    let cases: Vec<(InstantiateMsg, &str)> = vec![
        (InstantiateMsg { symbol: "X".into(), ..base.clone() }, "symbol"),
        (InstantiateMsg { decimals: 19, ..base.clone() }, "decimals"),
        (InstantiateMsg { income_token: "bad".into(), ..base.clone() }, "Std"),
        (
            InstantiateMsg {
                policy: FundPolicy {
                    max_holding: Some(Uint128::new(1)),
                    min_holding: Uint128::new(2),
                    ..base.policy.clone()
                },
                ..base.clone()
            },
            "max_holding",
        ),
        (
            InstantiateMsg {
                policy: FundPolicy { blocked_jurisdictions: vec!["XX".into()], ..base.policy.clone() },
                ..base.clone()
            },
            "XX",
        ),
        (InstantiateMsg { owner: "bad".into(), ..base.clone() }, "Std"),
    ];
    for (m, needle) in cases {
        let err = instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), m).unwrap_err();
        let text = format!("{err:?} {err}");
        assert!(text.contains(needle), "{needle}: {text}");
    }
    let v = setup();
    assert_eq!(cw2::get_contract_version(&v.storage).unwrap().contract, CONTRACT_NAME);
}

#[test]
fn identity_hook_only_from_registry_and_feeds_can_transfer() {
    let mut deps = setup();
    let api = deps.api;
    let stranger = api.addr_make("stranger");
    let err = execute(
        deps.as_mut(),
        mock_env(),
        message_info(&stranger, &[]),
        ExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snapshot(&api, "did:hk:a", "a", 1, "HK"))),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::NotRegistry {});

    let now = mock_env().block.time.seconds();
    hook(&mut deps, snapshot(&api, "did:hk:a", "a", now + 100, "HK")).unwrap();
    hook(&mut deps, snapshot(&api, "did:hk:b", "b", now + 100, "KP")).unwrap();
    let agent = api.addr_make("agent");
    execute(
        deps.as_mut(),
        mock_env(),
        message_info(&agent, &[]),
        ExecuteMsg::Mint { recipient: api.addr_make("a").to_string(), amount: Uint128::new(10) },
    )
    .unwrap();
    let q = |deps: &Deps, from: &str, to: &str| -> CanTransferResponse {
        from_json(
            query(
                deps.as_ref(),
                mock_env(),
                QueryMsg::CanTransfer {
                    from: api.addr_make(from).to_string(),
                    to: api.addr_make(to).to_string(),
                    amount: Uint128::new(5),
                },
            )
            .unwrap(),
        )
        .unwrap()
    };
    assert_eq!(q(&deps, "a", "b").reasons, vec![Denial::new(ReasonCode::JurisdictionBlocked)]);
    // the registry pushes a move to HK: allowed
    hook(&mut deps, snapshot(&api, "did:hk:b", "b", now + 100, "HK")).unwrap();
    assert!(q(&deps, "a", "b").allowed);
    let cached: AccountResponse = from_json(
        query(
            deps.as_ref(),
            mock_env(),
            QueryMsg::Account(harbour_types::AddressArgs { address: api.addr_make("b").to_string() }),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (cached.did.as_deref(), cached.bound, cached.jurisdiction.as_deref()),
        (Some("did:hk:b"), true, Some("HK"))
    );
    // removal: the wallet is unknown again
    let mut removed = snapshot(&api, "did:hk:b", "b", now + 100, "HK");
    removed.exists = false;
    removed.unbound_wallets = removed.wallets.clone();
    removed.wallets = vec![];
    hook(&mut deps, removed).unwrap();
    assert_eq!(q(&deps, "a", "b").reasons, vec![Denial::new(ReasonCode::UnknownWallet)]);
}

#[test]
fn migrate_guards() {
    let mut deps = setup();
    migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "9.0.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migration(MigrationError::Downgrade { .. }))
    ));
    cw2::set_contract_version(&mut deps.storage, "crates.io:cw20-base", "0.1.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migration(MigrationError::ForeignContract { .. }))
    ));
}

#[test]
fn renounce_is_refused() {
    let mut deps = setup();
    let owner = deps.api.addr_make("owner");
    let err = execute(
        deps.as_mut(),
        mock_env(),
        message_info(&owner, &[]),
        ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
    )
    .unwrap_err();
    assert_eq!(err, ContractError::CannotRenounce {});
}

/// Loud accounting: a holder count or DID balance that disagrees with the wallets is an error
/// (`Inconsistent`), never clamped. Before issue 11 the count was clamped at zero and the DID
/// balance saturated, so a corrupted ledger silently stayed corrupted.
#[test]
fn holder_count_and_did_balance_never_clamp() {
    use crate::state::{ACCOUNTS, DID_BALANCES, HOLDERS};
    let fixture = || {
        let mut deps = setup();
        let api = deps.api;
        let now = mock_env().block.time.seconds();
        hook(&mut deps, snapshot(&api, "did:hk:a", "a", now + 100, "HK")).unwrap();
        hook(&mut deps, snapshot(&api, "did:hk:b", "b", now + 100, "HK")).unwrap();
        let agent = api.addr_make("agent");
        let mint = ExecuteMsg::Mint { recipient: api.addr_make("a").to_string(), amount: Uint128::new(10) };
        execute(deps.as_mut(), mock_env(), message_info(&agent, &[]), mint).unwrap();
        assert_eq!(HOLDERS.load(&deps.storage).unwrap(), 1);
        deps
    };
    let transfer = |deps: &mut Deps, from: &str, to: &str, n: u128| {
        let (from, to) = (deps.api.addr_make(from), deps.api.addr_make(to));
        execute(
            deps.as_mut(),
            mock_env(),
            message_info(&from, &[]),
            ExecuteMsg::Transfer { recipient: to.to_string(), amount: Uint128::new(n) },
        )
    };
    // a holder count that lost a holder: "a"'s full exit would take it below zero
    let mut deps = fixture();
    HOLDERS.save(&mut deps.storage, &0).unwrap();
    let agent = deps.api.addr_make("agent");
    let burn = ExecuteMsg::AgentBurn {
        from: deps.api.addr_make("a").to_string(),
        amount: Uint128::new(10),
        reason: "order".into(),
    };
    assert_eq!(
        execute(deps.as_mut(), mock_env(), message_info(&agent, &[]), burn),
        Err(ContractError::Inconsistent { what: "holder count" })
    );
    // a DID balance below its wallets' is an error, not a saturation
    let mut deps = fixture();
    let did_a = ACCOUNTS.load(&deps.storage, &deps.api.addr_make("a")).unwrap().did;
    DID_BALANCES.save(&mut deps.storage, did_a, &Uint128::new(4)).unwrap();
    assert_eq!(
        transfer(&mut deps, "a", "b", 5),
        Err(ContractError::Inconsistent { what: "DID balance below its wallets" })
    );
}

/// `CanTransfer` with amount 0 answers what `Transfer` with 0 does: the same reason list.
#[test]
fn can_transfer_zero_answers_what_transfer_zero_does() {
    let mut deps = setup();
    let api = deps.api;
    let now = mock_env().block.time.seconds();
    hook(&mut deps, snapshot(&api, "did:hk:a", "a", now + 100, "HK")).unwrap();
    let (a, nobody) = (api.addr_make("a"), api.addr_make("nobody"));
    for to in [a.clone(), nobody.clone()] {
        let dry: CanTransferResponse = from_json(
            query(
                deps.as_ref(),
                mock_env(),
                QueryMsg::CanTransfer { from: a.to_string(), to: to.to_string(), amount: Uint128::zero() },
            )
            .unwrap(),
        )
        .unwrap();
        let err = execute(
            deps.as_mut(),
            mock_env(),
            message_info(&a, &[]),
            ExecuteMsg::Transfer { recipient: to.to_string(), amount: Uint128::zero() },
        )
        .unwrap_err();
        assert!(!dry.allowed);
        assert_eq!(dry.reasons[0], Denial::new(ReasonCode::ZeroAmount));
        assert_eq!(err, ContractError::Compliance { reasons: dry.reasons });
    }
}
