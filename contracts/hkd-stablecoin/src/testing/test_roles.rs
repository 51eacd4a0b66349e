//! Roles: one privileged role per address (owner included), single-holder roles, bounded
//! multi-holder roles, two-step ownership, the holder mode and the registry hook.

use cosmwasm_std::{Addr, Timestamp};
use cw_ownable::{Action, Ownership};
use harbour_types::hkd_stablecoin::{
    ExecuteMsg, HolderMode, QueryMsg, RoleMembersResponse, StableAccountResponse, StableRole,
};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{CredentialStatus, IdentityHookMsg, IdentitySnapshot};

use super::{amt, Fixture, DAY};
use crate::error::ContractError;

fn members(f: &Fixture, role: StableRole) -> Vec<Addr> {
    let r: RoleMembersResponse = f.query(QueryMsg::RoleMembers { role, start_after: None, limit: None });
    r.members
}

#[test]
fn no_address_holds_two_roles() {
    let mut f = Fixture::new();
    let (owner, mm) = (f.owner.clone(), f.master_minter.clone());
    let grant = |role, a: &Addr| ExecuteMsg::GrantRole { role, address: a.to_string() };
    // every existing role holder is refused every other role
    let holders = [
        (f.master_minter.clone(), "master_minter"),
        (f.minter.clone(), "minter"),
        (f.pauser.clone(), "pauser"),
        (f.attestor.clone(), "attestor"),
        (f.operator.clone(), "redemption_operator"),
    ];
    for (who, held) in &holders {
        for role in [StableRole::Blacklister, StableRole::Attestor, StableRole::RedemptionOperator] {
            f.assert_rejected(
                &owner,
                grant(role, who),
                ContractError::RoleConflict { address: who.to_string(), held: held.to_string() },
            );
        }
        if *held != "minter" {
            f.assert_rejected(
                &mm,
                ExecuteMsg::ConfigureMinter { minter: who.to_string(), allowance: amt(1), rate_limit: None },
                ContractError::RoleConflict { address: who.to_string(), held: held.to_string() },
            );
        }
    }
    // the owner cannot take a role, and a role holder cannot become owner
    f.assert_rejected(
        &owner,
        grant(StableRole::Attestor, &owner),
        ContractError::RoleConflict { address: owner.to_string(), held: "owner".into() },
    );
    f.assert_rejected(
        &mm,
        ExecuteMsg::ConfigureMinter { minter: owner.to_string(), allowance: amt(1), rate_limit: None },
        ContractError::RoleConflict { address: owner.to_string(), held: "owner".into() },
    );
    let pauser = f.pauser.clone();
    f.assert_rejected(
        &owner,
        ExecuteMsg::UpdateOwnership(Action::TransferOwnership { new_owner: pauser.to_string(), expiry: None }),
        ContractError::RoleConflict { address: pauser.to_string(), held: "pauser".into() },
    );
    // a pending owner cannot be given a role either
    let next = f.addr("next-owner");
    f.propose_owner(&next);
    f.assert_rejected(
        &owner,
        grant(StableRole::Attestor, &next),
        ContractError::RoleConflict { address: next.to_string(), held: "owner".into() },
    );
    // a blacklisted address cannot be given a role
    let eve = f.addr("eve");
    f.blacklist(&eve);
    f.assert_rejected(
        &owner,
        grant(StableRole::Attestor, &eve),
        ContractError::Blacklisted { address: eve.to_string() },
    );
}

#[test]
fn existing_minter_can_be_reconfigured_but_not_given_another_role() {
    let mut f = Fixture::new();
    let (owner, mm, minter) = (f.owner.clone(), f.master_minter.clone(), f.minter.clone());
    f.exec(&mm, ExecuteMsg::ConfigureMinter { minter: minter.to_string(), allowance: amt(5), rate_limit: None })
        .unwrap();
    f.assert_rejected(
        &mm,
        ExecuteMsg::ConfigureMinter { minter: f.pauser.to_string(), allowance: amt(5), rate_limit: None },
        ContractError::RoleConflict { address: f.pauser.to_string(), held: "pauser".into() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::GrantRole { role: StableRole::Minter, address: f.addr("x").to_string() },
        ContractError::MinterRoleViaMasterMinter {},
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::RevokeRole { role: StableRole::Minter, address: minter.to_string() },
        ContractError::MinterRoleViaMasterMinter {},
    );
}

#[test]
fn single_and_multi_holder_roles() {
    let mut f = Fixture::new();
    let owner = f.owner.clone();
    let new_pauser = f.addr("new-pauser");
    f.assert_rejected(
        &owner,
        ExecuteMsg::GrantRole { role: StableRole::Pauser, address: new_pauser.to_string() },
        ContractError::RoleOccupied { role: StableRole::Pauser, holder: f.pauser.to_string() },
    );
    f.exec(&owner, ExecuteMsg::RevokeRole { role: StableRole::Pauser, address: f.pauser.to_string() }).unwrap();
    let old = f.pauser.clone();
    f.assert_rejected(
        &old,
        ExecuteMsg::Pause(harbour_types::NoArgs {}),
        ContractError::Unauthorized { action: "pause", role: "pauser" },
    );
    f.exec(&owner, ExecuteMsg::GrantRole { role: StableRole::Pauser, address: new_pauser.to_string() }).unwrap();
    f.exec(&new_pauser, ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
    assert_eq!(members(&f, StableRole::Pauser), vec![new_pauser.clone()]);
    f.assert_rejected(
        &owner,
        ExecuteMsg::RevokeRole { role: StableRole::Blacklister, address: new_pauser.to_string() },
        ContractError::RoleNotHeld { address: new_pauser.to_string(), role: StableRole::Blacklister },
    );
    // attestors: up to 8
    for i in 1..8 {
        f.exec(
            &owner,
            ExecuteMsg::GrantRole { role: StableRole::Attestor, address: f.addr(&format!("aud-{i}")).to_string() },
        )
        .unwrap();
    }
    assert_eq!(members(&f, StableRole::Attestor).len(), 8);
    f.assert_rejected(
        &owner,
        ExecuteMsg::GrantRole { role: StableRole::Attestor, address: f.addr("aud-9").to_string() },
        ContractError::TooManyRoleHolders { role: StableRole::Attestor, max: 8 },
    );
    let page: RoleMembersResponse = f.query(QueryMsg::RoleMembers {
        role: StableRole::Attestor,
        start_after: Some(members(&f, StableRole::Attestor)[2].to_string()),
        limit: Some(3),
    });
    assert_eq!(page.members, members(&f, StableRole::Attestor)[3..6].to_vec());
}

#[test]
fn two_step_ownership_and_no_renounce() {
    let mut f = Fixture::new();
    let (owner, next) = (f.owner.clone(), f.addr("next-owner"));
    f.exec(
        &owner,
        ExecuteMsg::UpdateOwnership(Action::TransferOwnership { new_owner: next.to_string(), expiry: None }),
    )
    .unwrap();
    let o: Ownership<Addr> = f.query(QueryMsg::Ownership {});
    assert_eq!((o.owner.clone(), o.pending_owner.clone()), (Some(owner.clone()), Some(next.clone())));
    f.exec(&next, ExecuteMsg::UpdateOwnership(Action::AcceptOwnership)).unwrap();
    f.assert_rejected(
        &owner,
        ExecuteMsg::SetHolderMode { mode: HolderMode::Open },
        ContractError::Unauthorized { action: "set_holder_mode", role: "owner" },
    );
    f.assert_rejected(&next, ExecuteMsg::UpdateOwnership(Action::RenounceOwnership), ContractError::CannotRenounce {});
}

#[test]
fn holder_mode_registry_and_hook() {
    let mut f = Fixture::new();
    let (owner, registry, alice, bob) = (f.owner.clone(), f.registry.clone(), f.alice.clone(), f.bob.clone());
    // the hook is accepted only from the configured registry
    let snap = |wallets: Vec<Addr>, unbound: Vec<Addr>, until: u64, revoked: bool, exists: bool| IdentitySnapshot {
        did: "did:hk:alice".into(),
        exists,
        jurisdiction: "HK".into(),
        category: InvestorCategory::Individual,
        wallets,
        unbound_wallets: unbound,
        credentials: vec![CredentialStatus {
            claim: ClaimType::Kyc,
            valid_until: Timestamp::from_seconds(until),
            revoked,
        }],
    };
    let until = f.env.block.time.seconds() + 10 * DAY;
    let hook = |s| ExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(s));
    let stranger = f.stranger.clone();
    f.assert_rejected(
        &stranger,
        hook(snap(vec![alice.clone()], vec![], until, false, true)),
        ContractError::NotRegistry {},
    );
    f.exec(&registry, hook(snap(vec![alice.clone(), bob.clone()], vec![], until, false, true))).unwrap();
    let acct: StableAccountResponse =
        f.query(QueryMsg::Account(harbour_types::AddressArgs { address: alice.to_string() }));
    assert_eq!(acct.kyc_valid_until, Some(Timestamp::from_seconds(until)));

    f.exec(&owner, ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated }).unwrap();
    f.transfer(&alice, &bob, 10).unwrap();
    // bob's wallet unbound: bob can no longer receive
    f.exec(&registry, hook(snap(vec![alice.clone()], vec![bob.clone()], until, false, true))).unwrap();
    assert_eq!(f.transfer(&alice, &bob, 1), Err(ContractError::NotKycVerified { address: bob.to_string() }));
    // revoked KYC: alice can no longer send
    f.exec(&registry, hook(snap(vec![alice.clone()], vec![], until, true, true))).unwrap();
    assert_eq!(f.transfer(&alice, &alice, 1), Err(ContractError::NotKycVerified { address: alice.to_string() }));
    // DID removed
    f.exec(&registry, hook(snap(vec![alice.clone()], vec![], until, false, false))).unwrap();
    let acct: StableAccountResponse =
        f.query(QueryMsg::Account(harbour_types::AddressArgs { address: alice.to_string() }));
    assert_eq!((acct.kyc_valid_until, acct.eligible_holder), (None, false));

    // the registry cannot be removed while gated; open mode needs none
    f.assert_rejected(&owner, ExecuteMsg::SetRegistry { registry: None }, ContractError::RegistryRequired {});
    f.exec(&owner, ExecuteMsg::SetHolderMode { mode: HolderMode::Open }).unwrap();
    f.exec(&owner, ExecuteMsg::SetRegistry { registry: None }).unwrap();
    f.assert_rejected(
        &owner,
        ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated },
        ContractError::RegistryRequired {},
    );
    f.transfer(&alice, &bob, 1).unwrap();
}
