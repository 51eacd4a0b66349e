use harbour_types::identity::ClaimType;
use harbour_types::identity_registry::{
    CredentialsResponse, ExecuteMsg, IdentitiesResponse, IssuersResponse, QueryMsg, WalletResponse, WalletsResponse,
};

use super::{Fixture, DAY};
use crate::error::ContractError;

#[test]
fn identities_paginate_without_repeats_or_gaps() {
    let mut f = Fixture::new();
    let mut expected = vec![];
    for i in 0..23 {
        let did = format!("did:hk:{i:03}");
        let w = f.addr(&format!("w{i}"));
        f.register(&did, &[&w]);
        expected.push(did);
    }
    expected.sort();
    let mut seen = vec![];
    let mut start_after = None;
    loop {
        let page: IdentitiesResponse =
            f.query(QueryMsg::Identities { start_after: start_after.clone(), limit: Some(5) });
        assert!(page.identities.len() <= 5);
        if page.identities.is_empty() {
            break;
        }
        start_after = page.identities.last().map(|i| i.did.clone());
        seen.extend(page.identities.into_iter().map(|i| i.did));
    }
    assert_eq!(seen, expected);
    // default and maximum page sizes
    let page: IdentitiesResponse = f.query(QueryMsg::Identities { start_after: None, limit: None });
    assert_eq!(page.identities.len(), 10);
    let page: IdentitiesResponse = f.query(QueryMsg::Identities { start_after: None, limit: Some(10_000) });
    assert_eq!(page.identities.len(), 23);
}

#[test]
fn wallets_credentials_and_issuers_paginate() {
    let mut f = Fixture::new();
    let wallets: Vec<_> = (0..6).map(|i| f.addr(&format!("w{i}"))).collect();
    let refs: Vec<_> = wallets.iter().collect();
    f.register("did:hk:a", &refs);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    f.issue("did:hk:a", ClaimType::ProfessionalInvestor, DAY);
    f.issue("did:hk:a", ClaimType::AmlScreening, DAY);

    let p1: WalletsResponse = f.query(QueryMsg::Wallets { did: "did:hk:a".into(), start_after: None, limit: Some(4) });
    let p2: WalletsResponse = f.query(QueryMsg::Wallets {
        did: "did:hk:a".into(),
        start_after: p1.wallets.last().map(|w| w.to_string()),
        limit: Some(4),
    });
    let mut all: Vec<_> = p1.wallets.into_iter().chain(p2.wallets).collect();
    assert_eq!(all.len(), 6);
    all.dedup();
    assert_eq!(all.len(), 6);

    let c1: CredentialsResponse =
        f.query(QueryMsg::Credentials { did: "did:hk:a".into(), start_after: None, limit: Some(2) });
    assert_eq!(
        c1.credentials.iter().map(|c| c.credential.claim).collect::<Vec<_>>(),
        vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor]
    );
    let c2: CredentialsResponse = f.query(QueryMsg::Credentials {
        did: "did:hk:a".into(),
        start_after: Some(ClaimType::ProfessionalInvestor),
        limit: Some(2),
    });
    assert_eq!(c2.credentials.iter().map(|c| c.credential.claim).collect::<Vec<_>>(), vec![ClaimType::AmlScreening]);

    let i1: IssuersResponse = f.query(QueryMsg::Issuers { start_after: None, limit: Some(2) });
    let i2: IssuersResponse =
        f.query(QueryMsg::Issuers { start_after: i1.issuers.last().map(|i| i.address.to_string()), limit: Some(2) });
    assert_eq!(i1.issuers.len() + i2.issuers.len(), 3);
    assert!(i1.issuers.iter().all(|a| i2.issuers.iter().all(|b| a.address != b.address)));
}

#[test]
fn unknown_things_are_typed_errors() {
    let mut f = Fixture::new();
    let w = f.addr("w");
    let r: WalletResponse = f.query(QueryMsg::Wallet { address: w.to_string() });
    assert_eq!(r.did, None);
    assert_eq!(
        f.try_query::<WalletsResponse>(QueryMsg::Wallets { did: "did:hk:x".into(), start_after: None, limit: None })
            .unwrap_err(),
        ContractError::IdentityNotFound { did: "did:hk:x".into() }
    );
    assert_eq!(
        f.try_query::<CredentialsResponse>(QueryMsg::Credentials {
            did: "did:hk:x".into(),
            start_after: None,
            limit: None
        })
        .unwrap_err(),
        ContractError::IdentityNotFound { did: "did:hk:x".into() }
    );
    assert!(matches!(
        f.try_query::<WalletResponse>(QueryMsg::Identity { did: "not a did".into() }),
        Err(ContractError::MalformedDid { .. })
    ));
    f.register("did:hk:x", &[&w]);
    assert_eq!(
        f.try_query::<WalletResponse>(QueryMsg::Credential { did: "did:hk:x".into(), claim: ClaimType::Kyc })
            .unwrap_err(),
        ContractError::CredentialNotFound { did: "did:hk:x".into(), claim: ClaimType::Kyc }
    );
    let agent = f.agent.clone();
    f.exec(&agent, ExecuteMsg::RemoveIdentity { did: "did:hk:x".into() }).unwrap();
}
