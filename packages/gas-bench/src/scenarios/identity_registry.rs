//! The identity registry on its own (no subscribers): onboarding, credentials (direct and signed
//! attestations with real secp256k1 and ed25519 keys), and the verification queries as another
//! contract would pay for them. The cost of pushing to a subscribed token is measured in the fund
//! token scenario.

use harbour_types::compliance::Requirement;
use harbour_types::identity::{ClaimType, InvestorCategory};
use harbour_types::identity_registry::{self as reg, PairVerdictResponse};

use super::common::{Registry, KYC_PI};
use crate::bench::{Bench, Op, Scenario};

pub const SCENARIO: Scenario = Scenario { name: "identity_registry", requires: &["identity_registry"], run };

/// The fund's requirement (KYC + professional investor, KP/IR blocked).
pub fn fund_requirement() -> Requirement {
    Requirement {
        claims: KYC_PI.to_vec(),
        allowed_jurisdictions: vec![],
        blocked_jurisdictions: vec!["KP".into(), "IR".into()],
        allowed_categories: vec![],
    }
}

fn run(bench: &mut Bench) -> anyhow::Result<()> {
    let chain = bench.chain();
    let registry = Registry::deploy(bench, &chain)?;
    let (alice, bob, alice2) = (chain.wallet("alice"), chain.wallet("bob"), chain.wallet("alice-2"));
    registry.onboard(&chain, &alice, "did:hk:alice", InvestorCategory::Individual, &[ClaimType::Kyc])?;

    bench.tx(
        &chain,
        Op::new("identity_registry.register_identity", "register identity").note("one wallet, no credentials"),
        &registry.agent,
        &registry.addr,
        &reg::ExecuteMsg::RegisterIdentity(Registry::new_identity(
            "did:hk:bob",
            &[&bob],
            "HK",
            InvestorCategory::Individual,
        )),
    )?;
    bench.tx(
        &chain,
        Op::new("identity_registry.bind_wallet", "bind wallet"),
        &registry.agent,
        &registry.addr,
        &reg::ExecuteMsg::BindWallet { did: "did:hk:alice".into(), wallet: alice2.to_string() },
    )?;
    bench.tx(
        &chain,
        Op::new("identity_registry.issue_credential", "issue credential (direct)").note("new credential"),
        &registry.kyc_issuer,
        &registry.addr,
        &reg::ExecuteMsg::IssueCredential(Registry::grant(&chain, "did:hk:alice", ClaimType::ProfessionalInvestor)),
    )?;
    chain.advance_seconds(60);
    bench.tx(
        &chain,
        Op::new("identity_registry.renew_credential", "renew credential (direct)")
            .note("replaces the credential in place"),
        &registry.kyc_issuer,
        &registry.addr,
        &reg::ExecuteMsg::IssueCredential(Registry::grant(&chain, "did:hk:alice", ClaimType::ProfessionalInvestor)),
    )?;
    let secp = registry.secp_attestation(&chain, "did:hk:alice", &alice, ClaimType::AmlScreening, 1)?;
    bench.tx(
        &chain,
        Op::new("identity_registry.attestation_secp256k1", "submit attestation (secp256k1)")
            .note("new credential, submitted by the investor"),
        &alice,
        &registry.addr,
        &reg::ExecuteMsg::SubmitAttestation(secp),
    )?;
    let ed = registry.ed_attestation(&chain, "did:hk:bob", &bob, ClaimType::Kyc, 1);
    bench.tx(
        &chain,
        Op::new("identity_registry.attestation_ed25519", "submit attestation (ed25519)")
            .note("new credential, submitted by the investor"),
        &bob,
        &registry.addr,
        &reg::ExecuteMsg::SubmitAttestation(ed),
    )?;
    chain.exec(
        &registry.kyc_issuer,
        &registry.addr,
        &reg::ExecuteMsg::IssueCredential(Registry::grant(&chain, "did:hk:bob", ClaimType::ProfessionalInvestor)),
    )?;

    let requirement = fund_requirement();
    let verdict = bench.query(
        &chain,
        Op::new("identity_registry.verify", "Verify (query from a contract)").note("KYC + PI requirement, verified"),
        &registry.addr,
        &reg::QueryMsg::Verify { address: alice.to_string(), requirement: requirement.clone() },
    )?;
    let verdict: harbour_types::compliance::Verdict = cosmwasm_std::from_json(&verdict)?;
    anyhow::ensure!(verdict.verified, "alice must be verified: {verdict:?}");
    let pair = bench.query(
        &chain,
        Op::new("identity_registry.verify_pair", "VerifyPair (query from a contract)").note("both parties verified"),
        &registry.addr,
        &reg::QueryMsg::VerifyPair { from: alice.to_string(), to: bob.to_string(), requirement },
    )?;
    let pair: PairVerdictResponse = cosmwasm_std::from_json(&pair)?;
    anyhow::ensure!(pair.from.verified && pair.to.verified, "both must be verified: {pair:?}");
    Ok(())
}
