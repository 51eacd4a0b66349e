//! Authorization matrix: every privileged message, tried by every role that must not call it, is
//! rejected with the right error and leaves state unchanged; the role that may call it succeeds.

use cosmwasm_std::Addr;
use cw20::Logo;
use cw_ownable::{Action, OwnershipError};
use harbour_types::cw20_support::Cw20SupportError;
use harbour_types::hkd_stablecoin::{ExecuteMsg, HolderMode, RedemptionConfig, StableRole};
use harbour_types::identity::InvestorCategory;
use harbour_types::identity_registry::{IdentityHookMsg, IdentitySnapshot};
use harbour_types::reserves::{BucketAmount, ReserveBucket};

use super::{amt, default_policy, Fixture};
use crate::error::ContractError;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Actor {
    Owner,
    MasterMinter,
    Minter,
    Pauser,
    Blacklister,
    Rescuer,
    AssetProtector,
    Attestor,
    Operator,
    Registry,
    Holder,
    Stranger,
}

const ALL: [Actor; 12] = [
    Actor::Owner,
    Actor::MasterMinter,
    Actor::Minter,
    Actor::Pauser,
    Actor::Blacklister,
    Actor::Rescuer,
    Actor::AssetProtector,
    Actor::Attestor,
    Actor::Operator,
    Actor::Registry,
    Actor::Holder,
    Actor::Stranger,
];

fn who(f: &Fixture, a: Actor) -> Addr {
    match a {
        Actor::Owner => f.owner.clone(),
        Actor::MasterMinter => f.master_minter.clone(),
        Actor::Minter => f.minter.clone(),
        Actor::Pauser => f.pauser.clone(),
        Actor::Blacklister => f.blacklister.clone(),
        Actor::Rescuer => f.rescuer.clone(),
        Actor::AssetProtector => f.asset_protector.clone(),
        Actor::Attestor => f.attestor.clone(),
        Actor::Operator => f.operator.clone(),
        Actor::Registry => f.registry.clone(),
        Actor::Holder => f.alice.clone(),
        Actor::Stranger => f.stranger.clone(),
    }
}

/// Alice holds 500,000 (allowance 1,000 to the minter, one pending redemption #1); the minter
/// holds 1,000; bob (20,000) and eve are blacklisted.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    let (alice, bob, minter, eve) = (f.alice.clone(), f.bob.clone(), f.minter.clone(), f.addr("eve"));
    f.mint(&minter, 1_000).unwrap();
    f.mint(&bob, 20_000).unwrap();
    f.exec(&alice, ExecuteMsg::IncreaseAllowance { spender: minter.to_string(), amount: amt(1_000), expires: None })
        .unwrap();
    f.request_redemption(&alice, 1_000).unwrap();
    f.blacklist(&bob);
    f.blacklist(&eve);
    f
}

struct Case {
    msg: ExecuteMsg,
    allowed: Actor,
    denied: ContractError,
}

fn unauth(action: &'static str, role: &'static str) -> ContractError {
    ContractError::Unauthorized { action, role }
}

fn cases(f: &Fixture) -> Vec<Case> {
    let s = |a: &Addr| a.to_string();
    let (alice, bob, eve, minter) = (f.alice.clone(), f.bob.clone(), f.addr("eve"), f.minter.clone());
    let newcomer = f.addr("newcomer");
    let attestation = {
        let mut a =
            f.attestation(vec![BucketAmount { bucket: ReserveBucket::HkdCash, amount: amt(2_000_000) }], vec![]);
        a.sequence = 2;
        a
    };
    let snapshot = IdentitySnapshot {
        did: "did:hk:alice".into(),
        exists: true,
        jurisdiction: "HK".into(),
        category: InvestorCategory::Individual,
        wallets: vec![alice.clone()],
        unbound_wallets: vec![],
        credentials: vec![],
    };
    vec![
        // owner
        Case {
            msg: ExecuteMsg::UpdateReservePolicy(default_policy()),
            allowed: Actor::Owner,
            denied: unauth("update_reserve_policy", "owner"),
        },
        Case {
            msg: ExecuteMsg::UpdateRedemptionConfig(RedemptionConfig::default()),
            allowed: Actor::Owner,
            denied: unauth("update_redemption_config", "owner"),
        },
        Case {
            msg: ExecuteMsg::GrantRole { role: StableRole::Attestor, address: s(&newcomer) },
            allowed: Actor::Owner,
            denied: unauth("grant_role", "owner"),
        },
        Case {
            msg: ExecuteMsg::RevokeRole { role: StableRole::Attestor, address: s(&f.attestor) },
            allowed: Actor::Owner,
            denied: unauth("revoke_role", "owner"),
        },
        Case {
            msg: ExecuteMsg::SetHolderMode { mode: HolderMode::RegistryGated },
            allowed: Actor::Owner,
            denied: unauth("set_holder_mode", "owner"),
        },
        Case {
            msg: ExecuteMsg::SetRegistry { registry: Some(s(&newcomer)) },
            allowed: Actor::Owner,
            denied: unauth("set_registry", "owner"),
        },
        Case {
            msg: ExecuteMsg::UpdateOwnership(Action::TransferOwnership { new_owner: s(&newcomer), expiry: None }),
            allowed: Actor::Owner,
            denied: ContractError::Ownership(OwnershipError::NotOwner),
        },
        Case {
            msg: ExecuteMsg::UpdateMarketing { project: Some("Harbour".into()), description: None, marketing: None },
            allowed: Actor::Owner,
            denied: ContractError::Cw20(Cw20SupportError::NotMarketing { action: "update_marketing" }),
        },
        Case {
            msg: ExecuteMsg::VoidAttestation { sequence: 1, reason: "report misstated".into() },
            allowed: Actor::Owner,
            denied: unauth("void_attestation", "owner"),
        },
        Case {
            msg: ExecuteMsg::UploadLogo(Logo::Url("https://harbour.example/logo.svg".into())),
            allowed: Actor::Owner,
            denied: ContractError::Cw20(Cw20SupportError::NotMarketing { action: "upload_logo" }),
        },
        // master minter
        Case {
            msg: ExecuteMsg::ConfigureMinter { minter: s(&newcomer), allowance: amt(1), rate_limit: None },
            allowed: Actor::MasterMinter,
            denied: unauth("configure_minter", "master_minter"),
        },
        Case {
            msg: ExecuteMsg::IncreaseMinterAllowance { minter: s(&minter), amount: amt(1) },
            allowed: Actor::MasterMinter,
            denied: unauth("increase_minter_allowance", "master_minter"),
        },
        Case {
            msg: ExecuteMsg::DecreaseMinterAllowance { minter: s(&minter), amount: amt(1) },
            allowed: Actor::MasterMinter,
            denied: unauth("decrease_minter_allowance", "master_minter"),
        },
        Case {
            msg: ExecuteMsg::RemoveMinter { minter: s(&minter) },
            allowed: Actor::MasterMinter,
            denied: unauth("remove_minter", "master_minter"),
        },
        // minter
        Case { msg: super::mint_msg(&alice, 1), allowed: Actor::Minter, denied: unauth("mint", "minter") },
        Case {
            msg: ExecuteMsg::Burn { amount: amt(1) },
            allowed: Actor::Minter,
            denied: ContractError::RedeemWithRequest {},
        },
        Case {
            msg: ExecuteMsg::BurnFrom { owner: s(&alice), amount: amt(1) },
            allowed: Actor::Minter,
            denied: ContractError::RedeemWithRequest {},
        },
        // pauser
        Case {
            msg: ExecuteMsg::Pause(harbour_types::NoArgs {}),
            allowed: Actor::Pauser,
            denied: unauth("pause", "pauser"),
        },
        Case {
            msg: ExecuteMsg::Unpause(harbour_types::NoArgs {}),
            allowed: Actor::Pauser,
            denied: unauth("unpause", "pauser"),
        },
        // blacklister
        Case {
            msg: ExecuteMsg::Blacklist { address: s(&newcomer), reason: "OFAC SDN".into() },
            allowed: Actor::Blacklister,
            denied: unauth("blacklist", "blacklister"),
        },
        Case {
            msg: ExecuteMsg::BatchBlacklist { addresses: vec![s(&newcomer)], reason: "OFAC SDN".into() },
            allowed: Actor::Blacklister,
            denied: unauth("blacklist", "blacklister"),
        },
        Case {
            msg: ExecuteMsg::Unblacklist { address: s(&eve), reason: "delisted".into() },
            allowed: Actor::Blacklister,
            denied: unauth("unblacklist", "blacklister"),
        },
        // rescuer
        Case {
            msg: ExecuteMsg::RescueCw20 { token: s(&f.addr("other-token")), recipient: s(&alice), amount: amt(1) },
            allowed: Actor::Rescuer,
            denied: unauth("rescue_cw20", "rescuer"),
        },
        Case {
            msg: ExecuteMsg::RescueNative { denom: "uatom".into(), recipient: s(&alice), amount: amt(10) },
            allowed: Actor::Rescuer,
            denied: unauth("rescue_native", "rescuer"),
        },
        // asset protector
        Case {
            msg: ExecuteMsg::WipeBlacklisted { address: s(&bob), reason: "HCMP 1/2026".into() },
            allowed: Actor::AssetProtector,
            denied: unauth("wipe_blacklisted", "asset_protector"),
        },
        // attestor
        Case {
            msg: ExecuteMsg::PublishAttestation(attestation),
            allowed: Actor::Attestor,
            denied: unauth("publish_attestation", "attestor"),
        },
        // redemption operator
        Case {
            msg: ExecuteMsg::MarkRedemptionPaid { id: 1, payment_reference: "RTGS-1".into() },
            allowed: Actor::Operator,
            denied: unauth("mark_redemption_paid", "redemption_operator"),
        },
        Case {
            msg: ExecuteMsg::RejectRedemption { id: 1, reason: "no payout account".into() },
            allowed: Actor::Operator,
            denied: unauth("reject_redemption", "redemption_operator"),
        },
        // registry
        Case {
            msg: ExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(snapshot)),
            allowed: Actor::Registry,
            denied: ContractError::NotRegistry {},
        },
    ]
}

#[test]
fn authorization_matrix() {
    let probe = fixture();
    let n = cases(&probe).len();
    for i in 0..n {
        for actor in ALL {
            let mut f = fixture();
            let case = cases(&f).swap_remove(i);
            let sender = who(&f, actor);
            if actor == case.allowed {
                f.exec(&sender, case.msg.clone())
                    .unwrap_or_else(|e| panic!("{actor:?} must be allowed {:?}: {e}", case.msg));
            } else {
                f.assert_rejected(&sender, case.msg, case.denied);
            }
        }
    }
}

#[test]
fn roles_held_by_a_contract_address_work() {
    // Admin roles are plain addresses: a cw3 multisig contract holds them the same way (the
    // multi-contract harness runs them through a real cw3 proposal).
    let mut f = fixture();
    let multisig = f.addr("cw3-multisig-contract");
    let owner = f.owner.clone();
    f.exec(&owner, ExecuteMsg::RevokeRole { role: StableRole::Pauser, address: f.pauser.to_string() }).unwrap();
    f.exec(&owner, ExecuteMsg::GrantRole { role: StableRole::Pauser, address: multisig.to_string() }).unwrap();
    f.exec(&multisig, ExecuteMsg::Pause(harbour_types::NoArgs {})).unwrap();
}
