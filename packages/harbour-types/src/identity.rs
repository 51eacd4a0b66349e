//! Identity primitives shared by every contract: claim types, investor categories,
//! credentials and issuer keys.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, HexBinary, Timestamp};

/// Code base for custom claim topics: `Custom(n)` has code `CUSTOM_CLAIM_BASE + n`.
pub const CUSTOM_CLAIM_BASE: u32 = 0x1_0000;

/// A claim a trusted issuer attests about a DID.
#[cw_serde]
#[derive(Copy, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimType {
    /// Customer due diligence completed (AMLO Schedule 2).
    Kyc,
    /// Professional investor under the Securities and Futures Ordinance (Cap. 571) and its PI Rules.
    ProfessionalInvestor,
    /// Accredited investor (e.g. for offshore share classes).
    Accredited,
    /// Institutional professional investor.
    Institutional,
    /// Sanctions / PEP / adverse-media screening passed.
    AmlScreening,
    /// Issuer-defined topic by numeric id (documented off chain by the registry owner).
    Custom(u16),
}

impl ClaimType {
    /// Stable numeric code used in storage keys and signed attestations.
    pub const fn code(&self) -> u32 {
        match self {
            ClaimType::Kyc => 1,
            ClaimType::ProfessionalInvestor => 2,
            ClaimType::Accredited => 3,
            ClaimType::Institutional => 4,
            ClaimType::AmlScreening => 5,
            ClaimType::Custom(id) => CUSTOM_CLAIM_BASE + *id as u32,
        }
    }

    /// Inverse of [`ClaimType::code`].
    pub fn from_code(code: u32) -> Option<Self> {
        Some(match code {
            1 => ClaimType::Kyc,
            2 => ClaimType::ProfessionalInvestor,
            3 => ClaimType::Accredited,
            4 => ClaimType::Institutional,
            5 => ClaimType::AmlScreening,
            c if (CUSTOM_CLAIM_BASE..=CUSTOM_CLAIM_BASE + u16::MAX as u32).contains(&c) => {
                ClaimType::Custom((c - CUSTOM_CLAIM_BASE) as u16)
            }
            _ => return None,
        })
    }

    /// Short human/attribute form: `kyc`, `professional_investor`, `custom:7`.
    pub fn as_attr(&self) -> String {
        match self {
            ClaimType::Kyc => "kyc".into(),
            ClaimType::ProfessionalInvestor => "professional_investor".into(),
            ClaimType::Accredited => "accredited".into(),
            ClaimType::Institutional => "institutional".into(),
            ClaimType::AmlScreening => "aml_screening".into(),
            ClaimType::Custom(id) => format!("custom:{id}"),
        }
    }
}

impl std::fmt::Display for ClaimType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_attr())
    }
}

/// What kind of holder a DID represents.
#[cw_serde]
#[derive(Copy, Eq, Hash, PartialOrd, Ord)]
pub enum InvestorCategory {
    Individual,
    Corporate,
    Institutional,
    /// A venue or protocol contract (vault, settlement, alliance DEX) holding on behalf of others.
    Venue,
}

impl InvestorCategory {
    pub const fn as_str(&self) -> &'static str {
        match self {
            InvestorCategory::Individual => "individual",
            InvestorCategory::Corporate => "corporate",
            InvestorCategory::Institutional => "institutional",
            InvestorCategory::Venue => "venue",
        }
    }
}

impl std::fmt::Display for InvestorCategory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a credential reached the chain.
#[cw_serde]
pub enum CredentialSource {
    /// The trusted issuer sent the transaction itself.
    Direct,
    /// A third party submitted an attestation the issuer signed off chain.
    Attestation { nonce: u64 },
}

/// A credential as stored on chain (no personal data: the verifiable credential itself stays off
/// chain; only its hash is recorded).
#[cw_serde]
pub struct Credential {
    pub claim: ClaimType,
    pub issuer: Addr,
    pub issued_at: Timestamp,
    /// Enforced against block time on every check: valid while `block_time < valid_until`.
    pub valid_until: Timestamp,
    pub revoked: bool,
    pub revoked_at: Option<Timestamp>,
    pub revocation_reason: Option<String>,
    /// SHA-256 of the off-chain verifiable credential (32 bytes).
    pub evidence_hash: HexBinary,
    pub source: CredentialSource,
}

impl Credential {
    /// True when the credential is neither revoked nor expired at `now`.
    pub fn is_valid_at(&self, now: Timestamp) -> bool {
        !self.revoked && now < self.valid_until
    }
}

/// A trusted issuer's public key for verifying off-chain signed attestations.
#[cw_serde]
pub enum IssuerPublicKey {
    /// SEC1-encoded secp256k1 public key, 33 (compressed) or 65 (uncompressed) bytes.
    Secp256k1(HexBinary),
    /// 32-byte ed25519 public key.
    Ed25519(HexBinary),
}

impl IssuerPublicKey {
    pub const fn algorithm(&self) -> &'static str {
        match self {
            IssuerPublicKey::Secp256k1(_) => "secp256k1",
            IssuerPublicKey::Ed25519(_) => "ed25519",
        }
    }

    /// Length check of the encoded key; `Err` carries the expected lengths.
    pub fn check_length(&self) -> Result<(), &'static str> {
        match self {
            IssuerPublicKey::Secp256k1(k) if k.len() == 33 || k.len() == 65 => Ok(()),
            IssuerPublicKey::Secp256k1(_) => Err("secp256k1 key must be 33 or 65 bytes"),
            IssuerPublicKey::Ed25519(k) if k.len() == 32 => Ok(()),
            IssuerPublicKey::Ed25519(_) => Err("ed25519 key must be 32 bytes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::{from_json, to_json_string};

    #[test]
    fn claim_codes_round_trip() {
        for c in [
            ClaimType::Kyc,
            ClaimType::ProfessionalInvestor,
            ClaimType::Accredited,
            ClaimType::Institutional,
            ClaimType::AmlScreening,
            ClaimType::Custom(0),
            ClaimType::Custom(7),
            ClaimType::Custom(u16::MAX),
        ] {
            assert_eq!(ClaimType::from_code(c.code()), Some(c));
        }
        assert_eq!(ClaimType::from_code(0), None);
        assert_eq!(ClaimType::from_code(6), None);
        assert_eq!(ClaimType::from_code(CUSTOM_CLAIM_BASE + 65_536), None);
    }

    #[test]
    fn claim_json_shape() {
        assert_eq!(to_json_string(&ClaimType::Kyc).unwrap(), r#""kyc""#);
        assert_eq!(to_json_string(&ClaimType::ProfessionalInvestor).unwrap(), r#""professional_investor""#);
        assert_eq!(to_json_string(&ClaimType::Custom(9)).unwrap(), r#"{"custom":9}"#);
        assert_eq!(from_json::<ClaimType>(r#"{"custom":9}"#).unwrap(), ClaimType::Custom(9));
        assert_eq!(ClaimType::Custom(9).to_string(), "custom:9");
    }

    #[test]
    fn key_lengths() {
        assert!(IssuerPublicKey::Secp256k1(HexBinary::from(vec![2u8; 33])).check_length().is_ok());
        assert!(IssuerPublicKey::Secp256k1(HexBinary::from(vec![4u8; 65])).check_length().is_ok());
        assert!(IssuerPublicKey::Secp256k1(HexBinary::from(vec![2u8; 32])).check_length().is_err());
        assert!(IssuerPublicKey::Ed25519(HexBinary::from(vec![1u8; 32])).check_length().is_ok());
        assert!(IssuerPublicKey::Ed25519(HexBinary::from(vec![1u8; 33])).check_length().is_err());
    }
}
