use cosmwasm_std::{Binary, HexBinary};
use harbour_types::identity::{ClaimType, CredentialSource};
use harbour_types::identity_registry::{
    AttestationPayloadResponse, CredentialResponse, ExecuteMsg, NonceResponse, QueryMsg, Revocation,
};

use super::{Fixture, DAY};
use crate::error::ContractError;

fn setup() -> (Fixture, cosmwasm_std::Addr) {
    let mut f = Fixture::new();
    let w = f.addr("alice");
    f.register("did:hk:alice", &[&w]);
    f.advance(100);
    (f, w)
}

#[test]
fn secp256k1_attestation_submitted_by_the_investor() {
    let (mut f, w) = setup();
    let att = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1));
    let res = f.exec(&w.clone(), ExecuteMsg::SubmitAttestation(att.clone())).unwrap();
    assert_eq!(res.attributes[0].value, "submit_attestation");
    let c: CredentialResponse = f.query(QueryMsg::Credential { did: "did:hk:alice".into(), claim: ClaimType::Kyc });
    assert!(c.valid);
    assert_eq!(c.credential.issuer, f.secp_issuer);
    assert_eq!(c.credential.issued_at, att.issued_at);
    assert_eq!(c.credential.valid_until, att.valid_until);
    assert_eq!(c.credential.source, CredentialSource::Attestation { nonce: 1 });
    let n: NonceResponse = f.query(QueryMsg::NonceUsed { issuer: f.secp_issuer.to_string(), nonce: 1 });
    assert!(n.used);
}

#[test]
fn ed25519_attestation_submitted_by_a_third_party() {
    let (mut f, w) = setup();
    let att = f.sign_ed(f.attestation(&f.ed_issuer, "did:hk:alice", &w, ClaimType::ProfessionalInvestor, 7));
    let relayer = f.addr("relayer");
    f.exec(&relayer, ExecuteMsg::SubmitAttestation(att)).unwrap();
    let c: CredentialResponse =
        f.query(QueryMsg::Credential { did: "did:hk:alice".into(), claim: ClaimType::ProfessionalInvestor });
    assert!(c.valid);
    assert_eq!(c.credential.issuer, f.ed_issuer);
}

#[test]
fn replayed_attestation_is_rejected() {
    let (mut f, w) = setup();
    let att = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 42));
    f.exec(&w.clone(), ExecuteMsg::SubmitAttestation(att.clone())).unwrap();
    f.advance(10);
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att),
        ContractError::NonceReplayed { issuer: f.secp_issuer.to_string(), nonce: 42 },
    );
    // the same nonce is replayed even on another DID/claim of the same issuer
    let w2 = f.addr("bob");
    f.register("did:hk:bob", &[&w2]);
    let other = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:bob", &w2, ClaimType::Kyc, 42));
    f.assert_rejected(
        &w2,
        ExecuteMsg::SubmitAttestation(other),
        ContractError::NonceReplayed { issuer: f.secp_issuer.to_string(), nonce: 42 },
    );
}

#[test]
fn tampered_attestations_are_rejected() {
    let (mut f, w) = setup();
    let signed = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1));
    let secp_issuer = f.secp_issuer.to_string();
    let bad = || ContractError::BadSignature { issuer: secp_issuer.clone() };
    // every signed field, changed after signing
    let mut t = signed.clone();
    t.valid_until = t.valid_until.plus_seconds(1);
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    let mut t = signed.clone();
    t.nonce = 2;
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    let mut t = signed.clone();
    t.evidence_hash = HexBinary::from(vec![0u8; 32]);
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    let mut t = signed.clone();
    t.issued_at = t.issued_at.minus_seconds(1);
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    // a flipped signature bit
    let mut t = signed.clone();
    let mut sig = t.signature.to_vec();
    sig[10] ^= 1;
    t.signature = Binary::from(sig);
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    // a malformed signature
    let mut t = signed.clone();
    t.signature = Binary::from(vec![1u8; 10]);
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(t), bad());
    // signed by the wrong key (the ed25519 issuer's key, claimed as the secp256k1 issuer)
    let wrong = f.sign_ed(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1));
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(wrong), bad());
    // signed for another chain
    let mut other_chain = f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1);
    let real_chain = f.env.block.chain_id.clone();
    f.env.block.chain_id = "other-chain-1".into();
    other_chain = f.sign_secp(other_chain);
    f.env.block.chain_id = real_chain;
    f.assert_rejected(&w, ExecuteMsg::SubmitAttestation(other_chain), bad());
    // signed for another DID's wallet, moved to this DID: the wallet must be bound to the DID
    let mallory = f.addr("mallory");
    let mut moved = signed.clone();
    moved.wallet = mallory.to_string();
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(moved),
        ContractError::WalletNotBoundToDid { wallet: mallory.to_string(), did: "did:hk:alice".into() },
    );
    // untouched, it still works
    f.exec(&w, ExecuteMsg::SubmitAttestation(signed)).unwrap();
}

#[test]
fn attestation_issuer_and_window_rules() {
    let (mut f, w) = setup();
    // issuer not trusted for the claim
    let att = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::AmlScreening, 1));
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att),
        ContractError::IssuerNotTrusted { issuer: f.secp_issuer.to_string(), claim: ClaimType::AmlScreening },
    );
    // issuer without a key
    let att = f.sign_secp(f.attestation(&f.issuer, "did:hk:alice", &w, ClaimType::Kyc, 1));
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att),
        ContractError::NoIssuerKey { issuer: f.issuer.to_string() },
    );
    // unknown issuer
    let nobody = f.addr("nobody");
    let att = f.sign_secp(f.attestation(&nobody, "did:hk:alice", &w, ClaimType::Kyc, 1));
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att),
        ContractError::IssuerNotFound { issuer: nobody.to_string() },
    );
    // issued in the future
    let mut att = f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1);
    att.issued_at = f.now().plus_seconds(1);
    let att = f.sign_secp(att);
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att.clone()),
        ContractError::IssuedInFuture { issued_at: att.issued_at, now: f.now() },
    );
    // expired validity window at submission time
    let att = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 3));
    f.advance(366 * DAY);
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att.clone()),
        ContractError::ExpiredValidity { valid_until: att.valid_until, now: f.now() },
    );
}

#[test]
fn older_attestation_cannot_undo_a_revocation_or_renewal() {
    let (mut f, w) = setup();
    let old = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 1));
    f.advance(60);
    let newer = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 2));
    f.exec(&w.clone(), ExecuteMsg::SubmitAttestation(newer.clone())).unwrap();
    // the older attestation (unused nonce) is stale
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(old.clone()),
        ContractError::StaleAttestation { issued_at: old.issued_at, current: newer.issued_at },
    );
    // after a revocation, an attestation signed before it cannot restore the credential
    let pre_revocation = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 3));
    f.advance(60);
    let owner = f.owner.clone();
    f.exec(
        &owner,
        ExecuteMsg::RevokeCredential(Revocation {
            did: "did:hk:alice".into(),
            claim: ClaimType::Kyc,
            reason: "aml".into(),
        }),
    )
    .unwrap();
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(pre_revocation.clone()),
        ContractError::StaleAttestation { issued_at: pre_revocation.issued_at, current: f.now() },
    );
    // a fresh attestation after the revocation is accepted
    f.advance(1);
    let fresh = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 4));
    f.exec(&w, ExecuteMsg::SubmitAttestation(fresh)).unwrap();
    let c: CredentialResponse = f.query(QueryMsg::Credential { did: "did:hk:alice".into(), claim: ClaimType::Kyc });
    assert!(c.valid);
}

#[test]
fn payload_query_matches_what_issuers_sign() {
    let (f, w) = setup();
    let att = f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 5);
    let res: AttestationPayloadResponse = f.query(QueryMsg::AttestationPayload { attestation: att.clone() });
    assert_eq!(res.digest.as_slice(), f.digest(&att));
    use sha2::Digest;
    assert_eq!(sha2::Sha256::digest(res.payload.as_slice()).to_vec(), res.digest.to_vec());
}

#[test]
fn attestation_signed_before_a_re_registration_is_refused() {
    let (mut f, w) = setup();
    // signed for the DID's first life, never submitted
    let att = f.sign_secp(f.attestation(&f.secp_issuer, "did:hk:alice", &w, ClaimType::Kyc, 3));
    let agent = f.agent.clone();
    f.exec(&agent, ExecuteMsg::RemoveIdentity { did: "did:hk:alice".into() }).unwrap();
    f.advance(60);
    f.register("did:hk:alice", &[&w]);
    let created = f.now();
    f.assert_rejected(
        &w,
        ExecuteMsg::SubmitAttestation(att.clone()),
        ContractError::StaleAttestation { issued_at: att.issued_at, current: created },
    );
}
