use cosmwasm_std::Timestamp;
use harbour_types::compliance::{Denial, ReasonCode, Requirement, Verdict};
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{
    ExecuteMsg, PairVerdictResponse, QueryMsg, Revocation, VerdictsResponse, MAX_BATCH, MAX_REQUIREMENT_ITEMS,
};
use harbour_types::jurisdiction::JurisdictionError;

use super::{Fixture, DAY};
use crate::error::ContractError;

fn kyc_pi() -> Requirement {
    Requirement { claims: vec![ClaimType::Kyc, ClaimType::ProfessionalInvestor], ..Default::default() }
}

fn verify(f: &Fixture, who: &cosmwasm_std::Addr, req: Requirement) -> Verdict {
    f.query(QueryMsg::Verify { address: who.to_string(), requirement: req })
}

#[test]
fn verified_investor_and_earliest_expiry() {
    let mut f = Fixture::new();
    let w = f.addr("w");
    f.register("did:hk:a", &[&w]);
    f.issue("did:hk:a", ClaimType::Kyc, 30 * DAY);
    f.issue("did:hk:a", ClaimType::ProfessionalInvestor, 10 * DAY);
    let v = verify(&f, &w, kyc_pi());
    assert!(v.verified, "{v:?}");
    assert!(v.reasons.is_empty());
    assert_eq!(v.did.as_deref(), Some("did:hk:a"));
    assert_eq!(v.valid_until, Some(f.now().plus_seconds(10 * DAY)));
}

#[test]
fn each_reason_code() {
    let mut f = Fixture::new();
    let (w, unknown) = (f.addr("w"), f.addr("unknown"));
    f.register("did:hk:a", &[&w]);
    // unknown wallet: reported alone
    let v = verify(&f, &unknown, kyc_pi());
    assert_eq!((v.verified, v.did.clone()), (false, None));
    assert_eq!(v.reasons, vec![Denial::new(ReasonCode::UnknownWallet)]);
    // missing claims, in requirement order
    let v = verify(&f, &w, kyc_pi());
    assert_eq!(
        v.reasons,
        vec![
            Denial::claim(ReasonCode::MissingClaim, ClaimType::Kyc),
            Denial::claim(ReasonCode::MissingClaim, ClaimType::ProfessionalInvestor)
        ]
    );
    assert_eq!(v.valid_until, None);
    // expired: valid while now < valid_until, expired at valid_until exactly
    f.issue("did:hk:a", ClaimType::Kyc, 100);
    f.issue("did:hk:a", ClaimType::ProfessionalInvestor, 1000);
    f.advance(99);
    assert!(verify(&f, &w, kyc_pi()).verified);
    f.advance(1);
    assert_eq!(verify(&f, &w, kyc_pi()).reasons, vec![Denial::claim(ReasonCode::ClaimExpired, ClaimType::Kyc)]);
    // revoked
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    let issuer = f.issuer.clone();
    f.exec(
        &issuer,
        ExecuteMsg::RevokeCredential(Revocation {
            did: "did:hk:a".into(),
            claim: ClaimType::ProfessionalInvestor,
            reason: "reclassified".into(),
        }),
    )
    .unwrap();
    assert_eq!(
        verify(&f, &w, kyc_pi()).reasons,
        vec![Denial::claim(ReasonCode::ClaimRevoked, ClaimType::ProfessionalInvestor)]
    );
    // jurisdiction and category
    let req = Requirement {
        claims: vec![ClaimType::Kyc],
        allowed_jurisdictions: vec!["SG".into(), "GB".into()],
        blocked_jurisdictions: vec!["HK".into()],
        allowed_categories: vec![InvestorCategory::Institutional],
    };
    assert_eq!(
        verify(&f, &w, req).reasons,
        vec![
            Denial::new(ReasonCode::JurisdictionBlocked),
            Denial::new(ReasonCode::JurisdictionNotAllowed),
            Denial::new(ReasonCode::CategoryNotAllowed)
        ]
    );
    let ok = Requirement {
        claims: vec![ClaimType::Kyc],
        allowed_jurisdictions: vec!["HK".into()],
        blocked_jurisdictions: vec!["KP".into(), "IR".into()],
        allowed_categories: vec![InvestorCategory::Individual, InvestorCategory::Corporate],
    };
    assert!(verify(&f, &w, ok).verified);
}

#[test]
fn credential_expiry_is_enforced_by_block_time_not_by_state_change() {
    let mut f = Fixture::new();
    let w = f.addr("w");
    f.register("did:hk:a", &[&w]);
    let issuer = f.issuer.clone();
    let until = Timestamp::from_seconds(f.now().seconds() + 500);
    f.exec(&issuer, ExecuteMsg::IssueCredential(Fixture::grant("did:hk:a", ClaimType::Kyc, until))).unwrap();
    let before = f.snapshot();
    f.advance(500);
    assert_eq!(f.snapshot(), before);
    let req = Requirement { claims: vec![ClaimType::Kyc], ..Default::default() };
    assert_eq!(verify(&f, &w, req).reasons, vec![Denial::claim(ReasonCode::ClaimExpired, ClaimType::Kyc)]);
}

#[test]
fn pair_and_many() {
    let mut f = Fixture::new();
    let (a, b, c) = (f.addr("a"), f.addr("b"), f.addr("c"));
    f.register("did:hk:a", &[&a]);
    f.register("did:hk:b", &[&b]);
    f.issue("did:hk:a", ClaimType::Kyc, DAY);
    let req = Requirement { claims: vec![ClaimType::Kyc], ..Default::default() };
    let pair: PairVerdictResponse =
        f.query(QueryMsg::VerifyPair { from: a.to_string(), to: b.to_string(), requirement: req.clone() });
    assert!(pair.from.verified);
    assert_eq!(pair.to.reasons, vec![Denial::claim(ReasonCode::MissingClaim, ClaimType::Kyc)]);
    let many: VerdictsResponse = f.query(QueryMsg::VerifyMany {
        addresses: vec![a.to_string(), b.to_string(), c.to_string()],
        requirement: req.clone(),
    });
    let flags: Vec<bool> = many.verdicts.iter().map(|v| v.verified).collect();
    assert_eq!(flags, vec![true, false, false]);
    assert_eq!(many.verdicts[2].reasons, vec![Denial::new(ReasonCode::UnknownWallet)]);
    let err = f
        .try_query::<VerdictsResponse>(QueryMsg::VerifyMany {
            addresses: vec![a.to_string(); MAX_BATCH + 1],
            requirement: req,
        })
        .unwrap_err();
    assert_eq!(err, ContractError::BatchTooLarge { got: MAX_BATCH + 1, max: MAX_BATCH });
}

#[test]
fn malformed_requirements_are_errors() {
    let f = Fixture::new();
    let w = f.addr("w");
    let err = f
        .try_query::<Verdict>(QueryMsg::Verify {
            address: w.to_string(),
            requirement: Requirement { blocked_jurisdictions: vec!["usa".into()], ..Default::default() },
        })
        .unwrap_err();
    assert_eq!(err, ContractError::InvalidJurisdiction(JurisdictionError { code: "usa".into() }));
    let err = f
        .try_query::<Verdict>(QueryMsg::Verify {
            address: w.to_string(),
            requirement: Requirement { claims: vec![ClaimType::Kyc; MAX_REQUIREMENT_ITEMS + 1], ..Default::default() },
        })
        .unwrap_err();
    assert_eq!(
        err,
        ContractError::RequirementTooLarge {
            field: "claims",
            got: MAX_REQUIREMENT_ITEMS + 1,
            max: MAX_REQUIREMENT_ITEMS
        }
    );
    assert!(matches!(
        f.try_query::<Verdict>(QueryMsg::Verify { address: "nope".into(), requirement: Requirement::default() }),
        Err(ContractError::Std(_))
    ));
}
