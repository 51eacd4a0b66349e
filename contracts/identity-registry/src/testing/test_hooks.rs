use cosmwasm_std::{from_json, CosmosMsg, WasmMsg};
use harbour_types::identity::ClaimType;
use harbour_types::identity_registry::{
    ConfigResponse, ExecuteMsg, IdentityHookMsg, IdentitySnapshot, QueryMsg, SubscriberExecuteMsg, SubscribersResponse,
    MAX_SUBSCRIBERS,
};

use super::{Fixture, DAY};
use crate::error::ContractError;

fn snapshots(res: &cosmwasm_std::Response) -> Vec<(String, IdentitySnapshot)> {
    res.messages
        .iter()
        .map(|m| match &m.msg {
            CosmosMsg::Wasm(WasmMsg::Execute { contract_addr, msg, funds }) => {
                assert!(funds.is_empty());
                let SubscriberExecuteMsg::RegistryHook(IdentityHookMsg::IdentityChanged(s)) = from_json(msg).unwrap();
                (contract_addr.clone(), s)
            }
            other => panic!("unexpected message {other:?}"),
        })
        .collect()
}

#[test]
fn no_subscribers_no_messages() {
    let mut f = Fixture::new();
    let agent = f.agent.clone();
    let res = f.exec(&agent, ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:a", &[&f.addr("w")]))).unwrap();
    assert!(res.messages.is_empty());
}

#[test]
fn every_change_is_pushed_to_every_subscriber() {
    let mut f = Fixture::new();
    let (owner, agent, issuer) = (f.owner.clone(), f.agent.clone(), f.issuer.clone());
    let (sub_a, sub_b) = (f.addr("sub-a"), f.addr("sub-b"));
    f.exec(&owner, ExecuteMsg::AddSubscriber { address: sub_a.to_string() }).unwrap();
    f.exec(&owner, ExecuteMsg::AddSubscriber { address: sub_b.to_string() }).unwrap();
    let (w1, w2) = (f.addr("w1"), f.addr("w2"));
    let res = f.exec(&agent, ExecuteMsg::RegisterIdentity(Fixture::identity("did:hk:a", &[&w1]))).unwrap();
    let s = snapshots(&res);
    assert_eq!(s.len(), 2);
    let mut targets = vec![s[0].0.clone(), s[1].0.clone()];
    targets.sort();
    let mut expected = vec![sub_a.to_string(), sub_b.to_string()];
    expected.sort();
    assert_eq!(targets, expected);
    assert!(s[0].1.exists && s[0].1.wallets == vec![w1.clone()]);

    f.register("did:hk:b", &[&w2]);
    let until = f.now().plus_seconds(DAY);
    let res = f
        .exec(
            &issuer,
            ExecuteMsg::BatchIssueCredentials {
                grants: vec![
                    Fixture::grant("did:hk:a", ClaimType::Kyc, until),
                    Fixture::grant("did:hk:b", ClaimType::Kyc, until),
                    Fixture::grant("did:hk:a", ClaimType::AmlScreening, until),
                ],
            },
        )
        .unwrap();
    // one snapshot per distinct DID per subscriber, each with all credentials
    let s = snapshots(&res);
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].1.did, "did:hk:a");
    assert_eq!(s[0].1.credentials.len(), 2);
    assert_eq!(s[2].1.did, "did:hk:b");

    let res = f.exec(&agent, ExecuteMsg::UnbindWallet { did: "did:hk:b".into(), wallet: w2.to_string() }).unwrap();
    let s = snapshots(&res);
    assert_eq!((s[0].1.wallets.len(), s[0].1.unbound_wallets.clone()), (0, vec![w2]));

    // snapshot query agrees with what is pushed
    let q: IdentitySnapshot = f.query(QueryMsg::Snapshot { did: "did:hk:a".into() });
    assert_eq!(q.credentials.len(), 2);
    let subs: SubscribersResponse = f.query(QueryMsg::Subscribers { start_after: None, limit: None });
    assert_eq!(subs.subscribers.len(), 2);
    let cfg: ConfigResponse = f.query(QueryMsg::Config {});
    assert_eq!((cfg.subscriber_count, cfg.max_subscribers), (2, MAX_SUBSCRIBERS));
}

#[test]
fn subscriber_management_errors_and_push() {
    let mut f = Fixture::new();
    let owner = f.owner.clone();
    let plain = f.addr("plain");
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddSubscriber { address: plain.to_string() },
        ContractError::NotAContract { address: plain.to_string() },
    );
    let sub = f.addr("sub-c");
    f.exec(&owner, ExecuteMsg::AddSubscriber { address: sub.to_string() }).unwrap();
    f.assert_rejected(
        &owner,
        ExecuteMsg::AddSubscriber { address: sub.to_string() },
        ContractError::SubscriberExists { subscriber: sub.to_string() },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::RemoveSubscriber { address: plain.to_string() },
        ContractError::SubscriberNotFound { subscriber: plain.to_string() },
    );
    // anyone may push current snapshots; unknown DIDs are an error
    f.register("did:hk:a", &[&f.addr("w")]);
    let stranger = f.stranger.clone();
    f.assert_rejected(
        &stranger,
        ExecuteMsg::PushIdentities { dids: vec!["did:hk:a".into(), "did:hk:zz".into()] },
        ContractError::IdentityNotFound { did: "did:hk:zz".into() },
    );
    f.assert_rejected(&stranger, ExecuteMsg::PushIdentities { dids: vec![] }, ContractError::EmptyBatch {});
    let res = f.exec(&stranger, ExecuteMsg::PushIdentities { dids: vec!["did:hk:a".into()] }).unwrap();
    assert_eq!(snapshots(&res).len(), 1);
    f.exec(&owner, ExecuteMsg::RemoveSubscriber { address: sub.to_string() }).unwrap();
    let res = f.exec(&stranger, ExecuteMsg::PushIdentities { dids: vec!["did:hk:a".into()] }).unwrap();
    assert!(res.messages.is_empty());
}
