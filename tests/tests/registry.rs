//! Cross-contract tests of the identity registry through the Suite.

use cw_ownable::Ownership;
use harbour_tests::suite::{contract_error, SuiteBuilder, DAY};
use harbour_types::compliance::{Denial, ReasonCode, Requirement};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{self as reg, AgentResponse, IdentityResponse, MigrateMsg};
use identity_registry::ContractError;

fn kyc_pi() -> Requirement {
    Requirement { claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor], ..Default::default() }
}

#[test]
fn smoke_suite_deploys_registry_and_onboards_investors() {
    let mut suite = SuiteBuilder::new()
        .with_investor("alice", "did:hk:alice", "HK", &[ClaimType::Kyc, ClaimType::ProfessionalInvestor])
        .with_investor("bob", "did:hk:bob", "SG", &[ClaimType::Kyc])
        .with_venue("vault", "did:hk:harbour-vault")
        .build();
    let (alice, bob, carol) = (suite.addr("alice"), suite.addr("bob"), suite.addr("carol"));
    assert!(suite.verify(&alice, &kyc_pi()).unwrap().verified);
    assert_eq!(
        suite.verify(&bob, &kyc_pi()).unwrap().reasons,
        vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)]
    );
    assert_eq!(suite.verify(&carol, &kyc_pi()).unwrap().reasons, vec![Denial::new(ReasonCode::UnknownWallet)]);
    // the pair query a token uses on transfers
    let pair = suite.registry.verify_pair(&suite.app.wrap(), &alice, &bob, &kyc_pi()).unwrap();
    assert!(pair.from.verified && !pair.to.verified);
    let vault: IdentityResponse =
        suite.registry_query(&reg::QueryMsg::Identity { did: "did:hk:harbour-vault".into() }).unwrap();
    assert_eq!(vault.category, InvestorCategory::Venue);

    // credentials expire with block time
    suite.advance_days(366);
    assert_eq!(
        suite.verify(&alice, &kyc_pi()).unwrap().reasons,
        vec![
            Denial::claim(ReasonCode::ClaimExpired, ClaimType::Kyc),
            Denial::claim(ReasonCode::ClaimExpired, ClaimType::ProfessionalInvestor)
        ]
    );
}

#[test]
fn investor_submits_signed_attestation_and_replay_fails() {
    let mut suite = SuiteBuilder::new().build();
    suite.register_identity("did:hk:dora", &["dora"], "HK", InvestorCategory::Individual).unwrap();
    let dora = suite.addr("dora");
    let att = suite.signed_attestation("did:hk:dora", &dora, ClaimType::Kyc, 90 * DAY, 1).unwrap();
    suite.registry_execute(&dora, &reg::ExecuteMsg::SubmitAttestation(att.clone())).unwrap();
    let req = Requirement { claims: vec![ClaimType::Kyc], ..Default::default() };
    assert!(suite.verify(&dora, &req).unwrap().verified);
    let err = suite.registry_execute(&dora, &reg::ExecuteMsg::SubmitAttestation(att)).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::NonceReplayed { issuer: suite.attestor.to_string(), nonce: 1 })
    );
}

#[test]
fn wallet_recovery_emits_followable_event() {
    let mut suite = SuiteBuilder::new().with_investor("erin", "did:hk:erin", "HK", &[ClaimType::Kyc]).build();
    let res = suite.recover_wallet("did:hk:erin", "erin", "erin-new").unwrap();
    let ev = res.events.iter().find(|e| e.ty == "wasm-harbour_wallet_recovered").expect("recovery event");
    let new = suite.addr("erin-new");
    assert!(ev.attributes.iter().any(|a| a.key == "new_wallet" && a.value == new.as_str()));
    let req = Requirement { claims: vec![ClaimType::Kyc], ..Default::default() };
    assert!(suite.verify(&new, &req).unwrap().verified);
    let erin = suite.addr("erin");
    assert!(!suite.verify(&erin, &req).unwrap().verified);
}

#[test]
fn multisig_owner_administers_the_registry() {
    let mut suite = SuiteBuilder::new().with_multisig_owner(3, 2).build();
    let ms = suite.multisig.as_ref().unwrap().addr.clone();
    let ownership: Ownership<cosmwasm_std::Addr> = suite.registry_query(&reg::QueryMsg::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(ms));
    let new_agent = suite.addr("new-agent");
    // a single signer cannot act alone
    let signer = suite.multisig.as_ref().unwrap().signers[0].clone();
    let err =
        suite.registry_execute(&signer, &reg::ExecuteMsg::AddAgent { address: new_agent.to_string() }).unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::Unauthorized { action: "add_agent", role: "owner" })
    );
    // the multisig, after 2 of 3 approve, can
    let registry = suite.registry_addr();
    suite.execute_as_owner(&registry, &reg::ExecuteMsg::AddAgent { address: new_agent.to_string() }).unwrap();
    let a: AgentResponse = suite.registry_query(&reg::QueryMsg::Agent { address: new_agent.to_string() }).unwrap();
    assert!(a.is_agent);
    // and two-step ownership transfer works with a multisig on both ends
    let successor = suite.addr("successor-owner");
    suite
        .execute_as_owner(
            &registry,
            &reg::ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: successor.to_string(),
                expiry: None,
            }),
        )
        .unwrap();
    suite.registry_execute(&successor, &reg::ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership)).unwrap();
    let ownership: Ownership<cosmwasm_std::Addr> = suite.registry_query(&reg::QueryMsg::Ownership {}).unwrap();
    assert_eq!(ownership.owner, Some(successor));
}

#[test]
fn migrate_through_the_chain_admin() {
    let mut suite = SuiteBuilder::new().with_multisig_owner(2, 2).build();
    let registry = suite.registry_addr();
    let code = suite.store_registry_code();
    let res = suite.migrate(&registry, &MigrateMsg {}, code).unwrap();
    assert!(res.events.iter().flat_map(|e| &e.attributes).any(|a| a.key == "action" && a.value == "migrate"));
}

#[test]
fn registry_pushes_identity_changes_to_subscribers() {
    use cw_multi_test::Executor;
    use harbour_tests::contracts::{hook_recorder, hook_recorder::RecorderExecuteMsg, hook_recorder::RecorderQueryMsg};
    use harbour_types::identity_registry::IdentitySnapshot;

    let mut suite = SuiteBuilder::new().with_investor("alice", "did:hk:alice", "HK", &[ClaimType::Kyc]).build();
    let code = suite.app.store_code(hook_recorder());
    let deployer = suite.deployer.clone();
    let recorder =
        suite.app.instantiate_contract(code, deployer, &cosmwasm_std::Empty {}, &[], "recorder", None).unwrap();
    let registry = suite.registry_addr();
    // only contracts may subscribe
    let not_contract = suite.addr("plain-wallet");
    let err = suite
        .execute_as_owner(&registry, &reg::ExecuteMsg::AddSubscriber { address: not_contract.to_string() })
        .unwrap_err();
    assert_eq!(
        contract_error::<ContractError>(&err),
        Some(&ContractError::NotAContract { address: not_contract.to_string() })
    );
    suite.execute_as_owner(&registry, &reg::ExecuteMsg::AddSubscriber { address: recorder.to_string() }).unwrap();

    // seed the new subscriber's cache with an existing identity
    let anyone = suite.addr("anyone");
    suite.registry_execute(&anyone, &reg::ExecuteMsg::PushIdentities { dids: vec!["did:hk:alice".into()] }).unwrap();
    // changes are pushed as they happen
    suite.recover_wallet("did:hk:alice", "alice", "alice-new").unwrap();
    suite.revoke_credential("did:hk:alice", ClaimType::Kyc, "expired documents").unwrap();
    let agent = suite.agent.clone();
    suite.registry_execute(&agent, &reg::ExecuteMsg::RemoveIdentity { did: "did:hk:alice".into() }).unwrap();

    let got: Vec<IdentitySnapshot> = suite.query(&recorder, &RecorderQueryMsg::Received {}).unwrap();
    assert_eq!(got.len(), 4);
    let (alice, alice_new) = (suite.addr("alice"), suite.addr("alice-new"));
    assert_eq!(got[0].wallets, vec![alice.clone()]);
    assert_eq!(got[0].credentials.len(), 1);
    assert!(!got[0].credentials[0].revoked);
    assert_eq!((got[1].wallets.clone(), got[1].unbound_wallets.clone()), (vec![alice_new.clone()], vec![alice]));
    assert!(got[2].credentials[0].revoked);
    assert!(!got[3].exists);
    assert_eq!(got[3].unbound_wallets, vec![alice_new]);

    // a failing subscriber fails the registry change: caches never silently diverge
    suite.register_identity("did:hk:bob", &["bob"], "HK", InvestorCategory::Individual).unwrap();
    let deployer = suite.deployer.clone();
    suite.app.execute_contract(deployer, recorder.clone(), &RecorderExecuteMsg::SetFail { fail: true }, &[]).unwrap();
    assert!(suite.issue_credential("did:hk:bob", ClaimType::Kyc, DAY).is_err());
    let v = suite
        .verify(&suite.addr_ref("bob"), &Requirement { claims: vec![ClaimType::Kyc], ..Default::default() })
        .unwrap();
    assert!(!v.verified);
    // the owner removes the broken subscriber and the registry works again
    suite.execute_as_owner(&registry, &reg::ExecuteMsg::RemoveSubscriber { address: recorder.to_string() }).unwrap();
    suite.issue_credential("did:hk:bob", ClaimType::Kyc, DAY).unwrap();
}
