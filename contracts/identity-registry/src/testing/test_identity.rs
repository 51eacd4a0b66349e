use cosmwasm_std::{Addr, Event};
use harbour_types::did::DidError;
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{
    ConfigResponse, ExecuteMsg, IdentityResponse, NewIdentity, QueryMsg, WalletResponse, MAX_BATCH, MAX_WALLETS_PER_DID,
};
use harbour_types::jurisdiction::JurisdictionError;

use super::{Fixture, DAY};
use crate::error::ContractError;

fn wallet_did(f: &Fixture, w: &Addr) -> Option<String> {
    f.query::<WalletResponse>(QueryMsg::Wallet { address: w.to_string() }).did
}

#[test]
fn register_identity_binds_wallets_and_emits_event() {
    let mut f = Fixture::new();
    let (w1, w2) = (f.addr("alice-1"), f.addr("alice-2"));
    let agent = f.agent.clone();
    let res = f.exec(&agent, ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:alice", &[&w1, &w2]))).unwrap();
    assert_eq!(res.attributes[0].value, "register_identity");
    let ev: &Event = &res.events[0];
    assert_eq!(ev.ty, "harbour_identity_registered");
    assert!(ev.attributes.iter().any(|a| a.key == "did" && a.value == "did:hk:alice"));

    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:alice".into() });
    let mut expected = vec![w1.clone(), w2.clone()];
    expected.sort();
    assert_eq!(id.wallets, expected);
    assert_eq!(id.jurisdiction, "HK");
    assert_eq!(id.category, InvestorCategory::Individual);
    assert_eq!(id.created_at, f.now());
    assert_eq!(wallet_did(&f, &w1).as_deref(), Some("did:hk:alice"));
    assert_eq!(f.query::<ConfigResponse>(QueryMsg::Config {}).identity_count, 1);
}

#[test]
fn register_rejects_bad_input_without_state_change() {
    let mut f = Fixture::new();
    let (agent, w1, w2) = (f.agent.clone(), f.addr("w1"), f.addr("w2"));
    f.register("did:hk:taken", &[&w1]);

    let mut bad = Fixture::identity("did:HK:x", &[&w2]);
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(bad.clone()),
        ContractError::MalformedDid { did: "did:HK:x".into(), source: DidError::Method { max: 32 } },
    );
    bad.did = "did:hk:new".into();
    bad.jurisdiction = "XX".into();
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(bad.clone()),
        ContractError::InvalidJurisdiction(JurisdictionError { code: "XX".into() }),
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:taken", &[&w2])),
        ContractError::IdentityExists { did: "did:hk:taken".into() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:new", &[&w2, &w1])),
        ContractError::WalletAlreadyBound { wallet: w1.to_string(), did: "did:hk:taken".into() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:new", &[&w2, &w2])),
        ContractError::Duplicate { what: "wallet", value: w2.to_string() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:new", &[])),
        ContractError::WalletCount { got: 0, max: MAX_WALLETS_PER_DID },
    );
    let many: Vec<Addr> = (0..=MAX_WALLETS_PER_DID).map(|i| f.addr(&format!("m{i}"))).collect();
    let refs: Vec<&Addr> = many.iter().collect();
    f.assert_rejected(
        &agent,
        ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:new", &refs)),
        ContractError::WalletCount { got: MAX_WALLETS_PER_DID as usize + 1, max: MAX_WALLETS_PER_DID },
    );
    let mut bad_addr = Fixture::identity("did:hk:new", &[&w2]);
    bad_addr.wallets = vec!["not-an-address".into()];
    let before = f.snapshot();
    assert!(matches!(f.exec(&agent, ExecuteMsg::RegisterIdentity(bad_addr)), Err(ContractError::Std(_))));
    assert_eq!(f.snapshot(), before);
}

#[test]
fn batch_register_is_atomic_and_bounded() {
    let mut f = Fixture::new();
    let agent = f.agent.clone();
    let wallets: Vec<Addr> = (0..3).map(|i| f.addr(&format!("b{i}"))).collect();
    let batch: Vec<NewIdentity> =
        wallets.iter().enumerate().map(|(i, w)| Fixture::identity(&format!("did:hk:b{i}"), &[w])).collect();
    // a duplicate DID inside the batch fails the whole batch
    let mut dup = batch.clone();
    dup.push(Fixture::identity("did:hk:b0", &[&f.addr("other")]));
    f.assert_rejected(
        &agent,
        ExecuteMsg::BatchRegisterIdentities { identities: dup },
        ContractError::Duplicate { what: "DID", value: "did:hk:b0".into() },
    );
    // a wallet reused across items fails the whole batch
    let mut dup_wallet = batch.clone();
    dup_wallet.push(Fixture::identity("did:hk:b9", &[&wallets[1]]));
    f.assert_rejected(
        &agent,
        ExecuteMsg::BatchRegisterIdentities { identities: dup_wallet },
        ContractError::Duplicate { what: "wallet", value: wallets[1].to_string() },
    );
    f.assert_rejected(&agent, ExecuteMsg::BatchRegisterIdentities { identities: vec![] }, ContractError::EmptyBatch {});
    let too_many: Vec<NewIdentity> =
        (0..=MAX_BATCH).map(|i| Fixture::identity(&format!("did:hk:x{i}"), &[&f.addr(&format!("x{i}"))])).collect();
    f.assert_rejected(
        &agent,
        ExecuteMsg::BatchRegisterIdentities { identities: too_many },
        ContractError::BatchTooLarge { got: MAX_BATCH + 1, max: MAX_BATCH },
    );
    let res = f.exec(&agent, ExecuteMsg::BatchRegisterIdentities { identities: batch }).unwrap();
    assert_eq!(res.events.len(), 3);
    assert_eq!(f.query::<ConfigResponse>(QueryMsg::Config {}).identity_count, 3);
    for (i, w) in wallets.iter().enumerate() {
        assert_eq!(wallet_did(&f, w), Some(format!("did:hk:b{i}")));
    }
}

#[test]
fn update_identity() {
    let mut f = Fixture::new();
    let (agent, w) = (f.agent.clone(), f.addr("w"));
    f.register("did:hk:a", &[&w]);
    f.advance(10);
    f.exec(
        &agent,
        ExecuteMsg::UpdateIdentity {
            did: "did:hk:a".into(),
            jurisdiction: Some("SG".into()),
            category: Some(InvestorCategory::Corporate),
        },
    )
    .unwrap();
    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:a".into() });
    assert_eq!((id.jurisdiction.as_str(), id.category), ("SG", InvestorCategory::Corporate));
    assert_eq!(id.updated_at, f.now());
    f.assert_rejected(
        &agent,
        ExecuteMsg::UpdateIdentity { did: "did:hk:a".into(), jurisdiction: None, category: None },
        ContractError::NothingToUpdate {},
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::UpdateIdentity { did: "did:hk:a".into(), jurisdiction: Some("hk".into()), category: None },
        ContractError::InvalidJurisdiction(JurisdictionError { code: "hk".into() }),
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::UpdateIdentity { did: "did:hk:zz".into(), jurisdiction: Some("HK".into()), category: None },
        ContractError::IdentityNotFound { did: "did:hk:zz".into() },
    );
}

#[test]
fn bind_and_unbind_wallets() {
    let mut f = Fixture::new();
    let (agent, w1, w2, w3) = (f.agent.clone(), f.addr("w1"), f.addr("w2"), f.addr("w3"));
    f.register("did:hk:a", &[&w1]);
    f.register("did:hk:b", &[&w3]);
    f.exec(&agent, ExecuteMsg::BindWallet { did: "did:hk:a".into(), wallet: w2.to_string() }).unwrap();
    assert_eq!(wallet_did(&f, &w2).as_deref(), Some("did:hk:a"));
    f.assert_rejected(
        &agent,
        ExecuteMsg::BindWallet { did: "did:hk:a".into(), wallet: w3.to_string() },
        ContractError::WalletAlreadyBound { wallet: w3.to_string(), did: "did:hk:b".into() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::BindWallet { did: "did:hk:nope".into(), wallet: f.addr("w9").to_string() },
        ContractError::IdentityNotFound { did: "did:hk:nope".into() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::UnbindWallet { did: "did:hk:a".into(), wallet: w3.to_string() },
        ContractError::WalletNotBoundToDid { wallet: w3.to_string(), did: "did:hk:a".into() },
    );
    f.exec(&agent, ExecuteMsg::UnbindWallet { did: "did:hk:a".into(), wallet: w1.to_string() }).unwrap();
    assert_eq!(wallet_did(&f, &w1), None);
    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:a".into() });
    assert_eq!(id.wallets, vec![w2]);
}

#[test]
fn wallet_limit_per_did() {
    let mut f = Fixture::new();
    let agent = f.agent.clone();
    let many: Vec<Addr> = (0..MAX_WALLETS_PER_DID).map(|i| f.addr(&format!("m{i}"))).collect();
    let refs: Vec<&Addr> = many.iter().collect();
    f.register("did:hk:big", &refs);
    f.assert_rejected(
        &agent,
        ExecuteMsg::BindWallet { did: "did:hk:big".into(), wallet: f.addr("one-more").to_string() },
        ContractError::TooManyWallets { did: "did:hk:big".into(), max: MAX_WALLETS_PER_DID },
    );
}

#[test]
fn recover_wallet_moves_binding_and_emits_event() {
    let mut f = Fixture::new();
    let (agent, lost, new, other) = (f.agent.clone(), f.addr("lost"), f.addr("new"), f.addr("other"));
    f.register("did:hk:a", &[&lost]);
    f.register("did:hk:b", &[&other]);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    f.assert_rejected(
        &agent,
        ExecuteMsg::RecoverWallet {
            did: "did:hk:a".into(),
            lost_wallet: lost.to_string(),
            new_wallet: lost.to_string(),
        },
        ContractError::SameWallet {},
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RecoverWallet {
            did: "did:hk:a".into(),
            lost_wallet: other.to_string(),
            new_wallet: new.to_string(),
        },
        ContractError::WalletNotBoundToDid { wallet: other.to_string(), did: "did:hk:a".into() },
    );
    f.assert_rejected(
        &agent,
        ExecuteMsg::RecoverWallet {
            did: "did:hk:a".into(),
            lost_wallet: lost.to_string(),
            new_wallet: other.to_string(),
        },
        ContractError::WalletAlreadyBound { wallet: other.to_string(), did: "did:hk:b".into() },
    );
    let res = f
        .exec(
            &agent,
            ExecuteMsg::RecoverWallet {
                did: "did:hk:a".into(),
                lost_wallet: lost.to_string(),
                new_wallet: new.to_string(),
            },
        )
        .unwrap();
    let ev = res.events.iter().find(|e| e.ty == "harbour_wallet_recovered").unwrap();
    assert!(ev.attributes.iter().any(|a| a.key == "lost_wallet" && a.value == lost.as_str()));
    assert!(ev.attributes.iter().any(|a| a.key == "new_wallet" && a.value == new.as_str()));
    assert_eq!(wallet_did(&f, &lost), None);
    assert_eq!(wallet_did(&f, &new).as_deref(), Some("did:hk:a"));
    // credentials belong to the DID, so they follow the recovery
    let v: harbour_types::compliance::Verdict = f.query(QueryMsg::Verify {
        address: new.to_string(),
        requirement: harbour_types::compliance::Requirement { claims: vec![ClaimType::Kyc], ..Default::default() },
    });
    assert!(v.verified);
}

#[test]
fn remove_identity_unbinds_and_deletes_credentials() {
    let mut f = Fixture::new();
    let (agent, w1, w2) = (f.agent.clone(), f.addr("w1"), f.addr("w2"));
    f.register("did:hk:a", &[&w1, &w2]);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    f.issue("did:hk:a", ClaimType::AmlScreening, DAY);
    f.assert_rejected(
        &agent,
        ExecuteMsg::RemoveIdentity { did: "did:hk:none".into() },
        ContractError::IdentityNotFound { did: "did:hk:none".into() },
    );
    let res = f.exec(&agent, ExecuteMsg::RemoveIdentity { did: "did:hk:a".into() }).unwrap();
    assert!(res.events[0].attributes.iter().any(|a| a.key == "deleted_credentials" && a.value == "2"));
    assert_eq!(wallet_did(&f, &w1), None);
    assert_eq!(wallet_did(&f, &w2), None);
    assert_eq!(
        f.try_query::<IdentityResponse>(QueryMsg::Identity { did: "did:hk:a".into() }).unwrap_err(),
        ContractError::IdentityNotFound { did: "did:hk:a".into() }
    );
    assert_eq!(f.query::<ConfigResponse>(QueryMsg::Config {}).identity_count, 0);
    // the DID can be registered again from scratch
    f.register("did:hk:a", &[&w1]);
    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:a".into() });
    assert_eq!(id.credential_count, 0);
}
