//! Authorization matrix: every privileged message, tried by every role that must not call it, is
//! rejected with the right error and leaves state unchanged; every role that may call it succeeds.

use cosmwasm_std::Addr;
use cw_ownable::{Action, OwnershipError};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{ExecuteMsg, IssuerConfig, Revocation};

use super::{Fixture, DAY};
use crate::error::ContractError;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Owner,
    Agent,
    Issuer,
    Investor,
    Stranger,
}

const ROLES: [Role; 5] = [Role::Owner, Role::Agent, Role::Issuer, Role::Investor, Role::Stranger];

fn fixture() -> (Fixture, Addr) {
    let mut f = Fixture::new();
    let investor = f.addr("investor");
    f.register("did:hk:a", &[&investor, &f.addr("a-2")]);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    let (owner, sub) = (f.owner.clone(), f.addr("sub-a"));
    f.exec(&owner, ExecuteMsg::AddSubscriber { address: sub.to_string() }).unwrap();
    (f, investor)
}

fn who(f: &Fixture, investor: &Addr, role: Role) -> Addr {
    match role {
        Role::Owner => f.owner.clone(),
        Role::Agent => f.agent.clone(),
        Role::Issuer => f.issuer.clone(),
        Role::Investor => investor.clone(),
        Role::Stranger => f.stranger.clone(),
    }
}

struct Case {
    msg: ExecuteMsg,
    allowed: &'static [Role],
    denied_error: ContractError,
}

fn cases(f: &Fixture) -> Vec<Case> {
    let fresh = f.addr("fresh").to_string();
    let a2 = f.addr("a-2").to_string();
    let investor = f.addr("investor").to_string();
    let unauth = |action: &'static str, role: &'static str| ContractError::Unauthorized { action, role };
    let agent_only: &'static [Role] = &[Role::Agent];
    let owner_only: &'static [Role] = &[Role::Owner];
    let new_identity = Fixture::identity("did:hk:new", &[&f.addr("fresh")]);
    let grant = Fixture::grant("did:hk:a", ClaimType::AmlScreening, f.now().plus_seconds(DAY));
    let revocation = Revocation { did: "did:hk:a".into(), claim: ClaimType::Kyc, reason: "court order".into() };
    let issuer_cfg = IssuerConfig {
        address: f.addr("new-issuer").to_string(),
        name: "new".into(),
        claims: vec![ClaimType::Accredited],
        public_key: None,
    };
    vec![
        Case {
            msg: ExecuteMsg::RegisterIdentity(new_identity.clone()),
            allowed: agent_only,
            denied_error: unauth("register_identity", "agent"),
        },
        Case {
            msg: ExecuteMsg::BatchRegisterIdentities { identities: vec![new_identity] },
            allowed: agent_only,
            denied_error: unauth("batch_register_identities", "agent"),
        },
        Case {
            msg: ExecuteMsg::UpdateIdentity {
                did: "did:hk:a".into(),
                jurisdiction: Some("SG".into()),
                category: Some(InvestorCategory::Corporate),
            },
            allowed: agent_only,
            denied_error: unauth("update_identity", "agent"),
        },
        Case {
            msg: ExecuteMsg::RemoveIdentity { did: "did:hk:a".into() },
            allowed: agent_only,
            denied_error: unauth("remove_identity", "agent"),
        },
        Case {
            msg: ExecuteMsg::BindWallet { did: "did:hk:a".into(), wallet: fresh.clone() },
            allowed: agent_only,
            denied_error: unauth("bind_wallet", "agent"),
        },
        Case {
            msg: ExecuteMsg::UnbindWallet { did: "did:hk:a".into(), wallet: a2 },
            allowed: agent_only,
            denied_error: unauth("unbind_wallet", "agent"),
        },
        Case {
            msg: ExecuteMsg::RecoverWallet { did: "did:hk:a".into(), lost_wallet: investor, new_wallet: fresh },
            allowed: agent_only,
            denied_error: unauth("recover_wallet", "agent"),
        },
        Case {
            msg: ExecuteMsg::IssueCredential(grant.clone()),
            allowed: &[Role::Issuer],
            denied_error: unauth("issue_credential", "trusted issuer"),
        },
        Case {
            msg: ExecuteMsg::BatchIssueCredentials { grants: vec![grant] },
            allowed: &[Role::Issuer],
            denied_error: unauth("batch_issue_credentials", "trusted issuer"),
        },
        Case {
            msg: ExecuteMsg::RevokeCredential(revocation.clone()),
            allowed: &[Role::Owner, Role::Issuer],
            denied_error: unauth("revoke_credential", "owner or trusted issuer"),
        },
        Case {
            msg: ExecuteMsg::BatchRevokeCredentials { revocations: vec![revocation] },
            allowed: &[Role::Owner, Role::Issuer],
            denied_error: unauth("batch_revoke_credentials", "owner or trusted issuer"),
        },
        Case {
            msg: ExecuteMsg::AddAgent { address: f.addr("new-agent").to_string() },
            allowed: owner_only,
            denied_error: unauth("add_agent", "owner"),
        },
        Case {
            msg: ExecuteMsg::RemoveAgent { address: f.agent.to_string() },
            allowed: owner_only,
            denied_error: unauth("remove_agent", "owner"),
        },
        Case {
            msg: ExecuteMsg::AddIssuer(issuer_cfg.clone()),
            allowed: owner_only,
            denied_error: unauth("add_issuer", "owner"),
        },
        Case {
            msg: ExecuteMsg::UpdateIssuer(IssuerConfig { address: f.issuer.to_string(), ..issuer_cfg }),
            allowed: owner_only,
            denied_error: unauth("update_issuer", "owner"),
        },
        Case {
            msg: ExecuteMsg::RemoveIssuer { address: f.issuer.to_string() },
            allowed: owner_only,
            denied_error: unauth("remove_issuer", "owner"),
        },
        Case {
            msg: ExecuteMsg::AddSubscriber { address: f.addr("sub-b").to_string() },
            allowed: owner_only,
            denied_error: unauth("add_subscriber", "owner"),
        },
        Case {
            msg: ExecuteMsg::RemoveSubscriber { address: f.addr("sub-a").to_string() },
            allowed: owner_only,
            denied_error: unauth("remove_subscriber", "owner"),
        },
        Case {
            msg: ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
                new_owner: f.addr("new-owner").to_string(),
                expiry: None,
            }),
            allowed: owner_only,
            denied_error: ContractError::Ownership(OwnershipError::NotOwner),
        },
    ]
}

#[test]
fn authorization_matrix() {
    let (probe, _) = fixture();
    let n = cases(&probe).len();
    for i in 0..n {
        for role in ROLES {
            let (mut f, investor) = fixture();
            let case = cases(&f).swap_remove(i);
            let sender = who(&f, &investor, role);
            if case.allowed.contains(&role) {
                f.exec(&sender, case.msg.clone())
                    .unwrap_or_else(|e| panic!("{role:?} must be allowed {:?}: {e}", case.msg));
            } else {
                f.assert_rejected(&sender, case.msg, case.denied_error);
            }
        }
    }
}

#[test]
fn issuer_trusted_for_other_claims_cannot_issue() {
    let (mut f, _) = fixture();
    let secp = f.secp_issuer.clone();
    f.assert_rejected(
        &secp,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::AmlScreening, f.now().plus_seconds(DAY))),
        ContractError::IssuerNotTrusted { issuer: secp.to_string(), claim: ClaimType::AmlScreening },
    );
}

#[test]
fn removed_roles_lose_their_powers() {
    let (mut f, _) = fixture();
    let (owner, agent, issuer) = (f.owner.clone(), f.agent.clone(), f.issuer.clone());
    f.exec(&owner, ExecuteMsg::RemoveAgent { address: agent.to_string() }).unwrap();
    f.exec(&owner, ExecuteMsg::RemoveIssuer { address: issuer.to_string() }).unwrap();
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:z", &[&f.addr("z")])),
        ContractError::Unauthorized { action: "register_identity", role: "agent" },
    );
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, f.now().plus_seconds(DAY))),
        ContractError::Unauthorized { action: "issue_credential", role: "trusted issuer" },
    );
}

#[test]
fn two_step_ownership_transfer() {
    let (mut f, _) = fixture();
    let (owner, new_owner) = (f.owner.clone(), f.addr("new-owner"));
    f.exec(
        &owner,
        ExecuteMsg::UpdateOwnership(Action::TransferOwnership { new_owner: new_owner.to_string(), expiry: None }),
    )
    .unwrap();
    // until accepted, the old owner keeps the role and the new one has none
    f.assert_rejected(
        &new_owner,
        ExecuteMsg::AddAgent { address: f.addr("x").to_string() },
        ContractError::Unauthorized { action: "add_agent", role: "owner" },
    );
    let stranger = f.stranger.clone();
    f.assert_rejected(
        &stranger,
        ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        ContractError::Ownership(OwnershipError::NotPendingOwner),
    );
    f.exec(&new_owner, ExecuteMsg::UpdateOwnership(Action::AcceptOwnership)).unwrap();
    f.exec(&new_owner, ExecuteMsg::AddAgent { address: f.addr("x").to_string() }).unwrap();
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddAgent { address: f.addr("y").to_string() },
        ContractError::Unauthorized { action: "add_agent", role: "owner" },
    );
    // the registry must always have an owner
    f.assert_rejected(
        &new_owner,
        ExecuteMsg::UpdateOwnership(Action::RenounceOwnership),
        ContractError::CannotRenounce {},
    );
}
