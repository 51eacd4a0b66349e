use cosmwasm_std::HexBinary;
use harbour_types::identity::{ClaimType, CredentialSource};
use harbour_types::identity_registry::{
    CredentialGrant, CredentialResponse, CredentialsByIssuerResponse, ExecuteMsg, IdentityResponse, QueryMsg,
    Revocation, MAX_BATCH, MAX_CREDENTIALS_PER_DID, MAX_CREDENTIAL_LIFETIME_SECONDS,
};

use super::{evidence, Fixture, DAY};
use crate::error::ContractError;

fn credential(f: &Fixture, did: &str, claim: ClaimType) -> CredentialResponse {
    f.query(QueryMsg::Credential { did: did.into(), claim })
}

#[test]
fn issue_and_renew_in_place() {
    let mut f = Fixture::new();
    let (issuer, w) = (f.issuer.clone(), f.addr("w"));
    f.register("did:hk:a", &[&w]);
    let until = f.now().plus_seconds(30 * DAY);
    let res = f.exec(&issuer, ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, until))).unwrap();
    assert_eq!(res.attributes[0].value, "issue_credential");
    assert!(res.events[0].attributes.iter().any(|a| a.key == "renewal" && a.value == "false"));
    let c = credential(&f, "did:hk:a", ClaimType::Kyc);
    assert!(c.valid);
    assert_eq!(c.credential.issuer, issuer);
    assert_eq!(c.credential.issued_at, f.now());
    assert_eq!(c.credential.valid_until, until);
    assert_eq!(c.credential.source, CredentialSource::Direct);

    // renewal replaces in place: same count, new validity and evidence
    f.advance(DAY);
    let mut grant = Fixture::grant("did:hk:a", ClaimType::Kyc, f.now().plus_seconds(60 * DAY));
    grant.evidence_hash = evidence(2);
    let res = f.exec(&issuer, ExecuteMsg::IssueCredential(grant)).unwrap();
    assert!(res.events[0].attributes.iter().any(|a| a.key == "renewal" && a.value == "true"));
    let c = credential(&f, "did:hk:a", ClaimType::Kyc);
    assert_eq!(c.credential.valid_until, f.now().plus_seconds(60 * DAY));
    assert_eq!(c.credential.evidence_hash, evidence(2));
    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:a".into() });
    assert_eq!(id.credential_count, 1);
}

#[test]
fn issue_rejects_bad_input() {
    let mut f = Fixture::new();
    let (issuer, w) = (f.issuer.clone(), f.addr("w"));
    f.register("did:hk:a", &[&w]);
    let now = f.now();
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, now)),
        ContractError::ExpiredValidity { valid_until: now, now },
    );
    let too_long = now.plus_seconds(MAX_CREDENTIAL_LIFETIME_SECONDS + 1);
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, too_long)),
        ContractError::ValidityTooLong { valid_until: too_long, max_seconds: MAX_CREDENTIAL_LIFETIME_SECONDS },
    );
    let mut short_hash = Fixture::grant("did:hk:a", ClaimType::Kyc, now.plus_seconds(DAY));
    short_hash.evidence_hash = HexBinary::from(vec![1u8; 31]);
    f.assert_rejected(&issuer, ExecuteMsg::IssueCredential(short_hash), ContractError::InvalidEvidenceHash { got: 31 });
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:nobody", ClaimType::Kyc, now.plus_seconds(DAY))),
        ContractError::IdentityNotFound { did: "did:hk:nobody".into() },
    );
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Accredited, now.plus_seconds(DAY))),
        ContractError::IssuerNotTrusted { issuer: issuer.to_string(), claim: ClaimType::Accredited },
    );
    let bad_did = "did:hk:a b";
    assert!(matches!(
        f.exec(&issuer, ExecuteMsg::IssueCredential(Fixture::grant(bad_did, ClaimType::Kyc, now.plus_seconds(DAY)))),
        Err(ContractError::MalformedDid { .. })
    ));
}

#[test]
fn credential_count_is_bounded() {
    let mut f = Fixture::new();
    let (owner, w) = (f.owner.clone(), f.addr("w"));
    f.register("did:hk:a", &[&w]);
    // a custom-claims issuer trusted for 16 claims at a time; re-scope it to reach the limit
    let custom_issuer = f.addr("custom");
    for round in 0..2u16 {
        let claims: Vec<ClaimType> = (0..16).map(|i| ClaimType::Custom(round * 16 + i)).collect();
        let cfg = harbour_types::identity_registry::IssuerConfig {
            address: custom_issuer.to_string(),
            name: "custom".into(),
            claims: claims.clone(),
            public_key: None,
        };
        let msg = if round == 0 { ExecuteMsg::AddIssuer(cfg) } else { ExecuteMsg::UpdateIssuer(cfg) };
        f.exec(&owner, msg).unwrap();
        let grants: Vec<CredentialGrant> =
            claims.iter().map(|c| Fixture::grant("did:hk:a", *c, f.now().plus_seconds(DAY))).collect();
        f.exec(&custom_issuer, ExecuteMsg::BatchIssueCredentials { grants }).unwrap();
    }
    let id: IdentityResponse = f.query(QueryMsg::Identity { did: "did:hk:a".into() });
    assert_eq!(id.credential_count, MAX_CREDENTIALS_PER_DID);
    let issuer = f.issuer.clone();
    f.assert_rejected(
        &issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, f.now().plus_seconds(DAY))),
        ContractError::TooManyCredentials { did: "did:hk:a".into(), max: MAX_CREDENTIALS_PER_DID },
    );
    // renewing an existing one is still possible at the limit
    f.exec(
        &custom_issuer,
        ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Custom(20), f.now().plus_seconds(2 * DAY))),
    )
    .unwrap();
}

#[test]
fn batch_issue_is_atomic() {
    let mut f = Fixture::new();
    let (issuer, w1, w2) = (f.issuer.clone(), f.addr("w1"), f.addr("w2"));
    f.register("did:hk:a", &[&w1]);
    f.register("did:hk:b", &[&w2]);
    let until = f.now().plus_seconds(DAY);
    let good = vec![
        Fixture::grant("did:hk:a", ClaimType::Kyc, until),
        Fixture::grant("did:hk:b", ClaimType::Kyc, until),
        Fixture::grant("did:hk:a", ClaimType::ProfessionalInvestor, until),
    ];
    let mut with_bad = good.clone();
    with_bad.push(Fixture::grant("did:hk:c", ClaimType::Kyc, until));
    f.assert_rejected(
        &issuer,
        ExecuteMsg::BatchIssueCredentials { grants: with_bad },
        ContractError::IdentityNotFound { did: "did:hk:c".into() },
    );
    let mut dup = good.clone();
    dup.push(Fixture::grant("did:hk:b", ClaimType::Kyc, until));
    f.assert_rejected(
        &issuer,
        ExecuteMsg::BatchIssueCredentials { grants: dup },
        ContractError::Duplicate { what: "credential", value: "did:hk:b/kyc".into() },
    );
    f.assert_rejected(
        &issuer,
        ExecuteMsg::BatchIssueCredentials { grants: vec![good[0].clone(); MAX_BATCH + 1] },
        ContractError::BatchTooLarge { got: MAX_BATCH + 1, max: MAX_BATCH },
    );
    f.assert_rejected(&issuer, ExecuteMsg::BatchIssueCredentials { grants: vec![] }, ContractError::EmptyBatch {});
    let res = f.exec(&issuer, ExecuteMsg::BatchIssueCredentials { grants: good }).unwrap();
    assert_eq!(res.events.len(), 3);
    assert!(credential(&f, "did:hk:a", ClaimType::ProfessionalInvestor).valid);
    assert!(credential(&f, "did:hk:b", ClaimType::Kyc).valid);
}

#[test]
fn revoke_and_batch_revoke() {
    let mut f = Fixture::new();
    let (issuer, owner, ed_issuer, w1, w2) =
        (f.issuer.clone(), f.owner.clone(), f.ed_issuer.clone(), f.addr("w1"), f.addr("w2"));
    f.register("did:hk:a", &[&w1]);
    f.register("did:hk:b", &[&w2]);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    f.issue("did:hk:a", ClaimType::AmlScreening, DAY);
    f.issue("did:hk:b", ClaimType::Kyc, DAY);
    let r = |did: &str, claim| Revocation { did: did.into(), claim, reason: "sanctions hit".into() };

    f.assert_rejected(
        &issuer,
        ExecuteMsg::RevokeCredential(Revocation { reason: String::new(), ..r("did:hk:a", ClaimType::Kyc) }),
        ContractError::InvalidText { field: "reason", max: 256 },
    );
    f.assert_rejected(
        &issuer,
        ExecuteMsg::RevokeCredential(r("did:hk:a", ClaimType::ProfessionalInvestor)),
        ContractError::CredentialNotFound { did: "did:hk:a".into(), claim: ClaimType::ProfessionalInvestor },
    );
    // ed_issuer is trusted for KYC: it may revoke a KYC credential another KYC issuer granted...
    f.advance(60);
    let res = f.exec(&ed_issuer, ExecuteMsg::RevokeCredential(r("did:hk:a", ClaimType::Kyc))).unwrap();
    assert_eq!(res.attributes[0].value, "revoke_credential");
    let c = credential(&f, "did:hk:a", ClaimType::Kyc);
    assert!(c.credential.revoked && !c.valid);
    assert_eq!(c.credential.revoked_at, Some(f.now()));
    assert_eq!(c.credential.revocation_reason.as_deref(), Some("sanctions hit"));
    // ...but not an AML credential it is not trusted for
    f.assert_rejected(
        &ed_issuer,
        ExecuteMsg::RevokeCredential(r("did:hk:a", ClaimType::AmlScreening)),
        ContractError::IssuerNotTrusted { issuer: ed_issuer.to_string(), claim: ClaimType::AmlScreening },
    );
    f.assert_rejected(
        &issuer,
        ExecuteMsg::RevokeCredential(r("did:hk:a", ClaimType::Kyc)),
        ContractError::AlreadyRevoked { did: "did:hk:a".into(), claim: ClaimType::Kyc },
    );
    // batch: atomic, owner may revoke anything
    f.assert_rejected(
        &owner,
        ExecuteMsg::BatchRevokeCredentials {
            revocations: vec![r("did:hk:b", ClaimType::Kyc), r("did:hk:a", ClaimType::Kyc)],
        },
        ContractError::AlreadyRevoked { did: "did:hk:a".into(), claim: ClaimType::Kyc },
    );
    f.assert_rejected(
        &owner,
        ExecuteMsg::BatchRevokeCredentials {
            revocations: vec![r("did:hk:b", ClaimType::Kyc), r("did:hk:b", ClaimType::Kyc)],
        },
        ContractError::Duplicate { what: "revocation", value: "did:hk:b/kyc".into() },
    );
    let res = f
        .exec(
            &owner,
            ExecuteMsg::BatchRevokeCredentials {
                revocations: vec![r("did:hk:b", ClaimType::Kyc), r("did:hk:a", ClaimType::AmlScreening)],
            },
        )
        .unwrap();
    assert_eq!(res.events.len(), 2);
    assert!(credential(&f, "did:hk:b", ClaimType::Kyc).credential.revoked);
    // the issuer can re-issue after a revocation (deliberate, direct issuance)
    f.issue("did:hk:b", ClaimType::Kyc, DAY);
    assert!(credential(&f, "did:hk:b", ClaimType::Kyc).valid);
}

#[test]
fn credentials_by_issuer_lists_for_withdrawal() {
    let mut f = Fixture::new();
    let (owner, issuer) = (f.owner.clone(), f.issuer.clone());
    for i in 0..5 {
        let w = f.addr(&format!("w{i}"));
        f.register(&format!("did:hk:{i}"), &[&w]);
        f.issue(&format!("did:hk:{i}"), ClaimType::Kyc, DAY);
    }
    // the owner stops trusting the issuer; its credentials remain until withdrawn
    f.exec(&owner, ExecuteMsg::RemoveIssuer { address: issuer.to_string() }).unwrap();
    let page1: CredentialsByIssuerResponse =
        f.query(QueryMsg::CredentialsByIssuer { issuer: issuer.to_string(), start_after: None, limit: Some(3) });
    assert_eq!(page1.credentials.len(), 3);
    let last = page1.credentials.last().unwrap();
    let page2: CredentialsByIssuerResponse = f.query(QueryMsg::CredentialsByIssuer {
        issuer: issuer.to_string(),
        start_after: Some((last.did.clone(), last.credential.claim)),
        limit: Some(3),
    });
    assert_eq!(page2.credentials.len(), 2);
    let all: Vec<Revocation> = page1
        .credentials
        .iter()
        .chain(&page2.credentials)
        .map(|c| Revocation { did: c.did.clone(), claim: c.credential.claim, reason: "issuer withdrawn".into() })
        .collect();
    let mut dids: Vec<&str> = all.iter().map(|r| r.did.as_str()).collect();
    dids.dedup();
    assert_eq!(dids.len(), 5);
    f.exec(&owner, ExecuteMsg::BatchRevokeCredentials { revocations: all }).unwrap();
    for i in 0..5 {
        assert!(!credential(&f, &format!("did:hk:{i}"), ClaimType::Kyc).valid);
    }
}
