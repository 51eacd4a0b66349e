//! Storage layout. Keys are short on purpose: every key byte is paid for on every access.
//!
//! | namespace | key | value |
//! |---|---|---|
//! | `c` | — | [`Counts`] |
//! | `i` | DID | [`IdentityRecord`] |
//! | `w` (+ index `w_d`: DID → wallets) | wallet | [`WalletBinding`] |
//! | `k` (+ index `k_i`: issuer → credentials) | (DID, claim code) | [`Credential`] |
//! | `a` | agent | `Empty` |
//! | `s` | issuer | [`IssuerRecord`] |
//! | `n` | (issuer, nonce) | `Empty` |
//! | `h` | subscriber contract | `Empty` |
//! | cw-ownable `ownership` | — | owner / pending owner |

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Empty, Timestamp};
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use harbour_types::identity::{ClaimType, Credential, InvestorCategory, IssuerPublicKey};

#[cw_serde]
#[derive(Default)]
pub struct Counts {
    pub identities: u64,
    pub issuers: u32,
    pub agents: u32,
    #[serde(default)]
    pub subscribers: u32,
}

#[cw_serde]
pub struct IdentityRecord {
    pub jurisdiction: String,
    pub category: InvestorCategory,
    pub wallet_count: u32,
    pub credential_count: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[cw_serde]
pub struct WalletBinding {
    pub did: String,
}

#[cw_serde]
pub struct IssuerRecord {
    pub name: String,
    pub claims: Vec<ClaimType>,
    pub public_key: Option<IssuerPublicKey>,
    pub added_at: Timestamp,
}

impl IssuerRecord {
    pub fn trusted_for(&self, claim: ClaimType) -> bool {
        self.claims.contains(&claim)
    }
}

pub const COUNTS: Item<Counts> = Item::new("c");
pub const IDENTITIES: Map<&str, IdentityRecord> = Map::new("i");
pub const AGENTS: Map<&Addr, Empty> = Map::new("a");
pub const ISSUERS: Map<&Addr, IssuerRecord> = Map::new("s");
pub const NONCES: Map<(&Addr, u64), Empty> = Map::new("n");
pub const SUBSCRIBERS: Map<&Addr, Empty> = Map::new("h");

pub struct WalletIndexes<'a> {
    pub did: MultiIndex<'a, String, WalletBinding, Addr>,
}

impl IndexList<WalletBinding> for WalletIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<WalletBinding>> + '_> {
        let v: Vec<&dyn Index<WalletBinding>> = vec![&self.did];
        Box::new(v.into_iter())
    }
}

/// wallet → DID, with a secondary index DID → wallets.
pub fn wallets<'a>() -> IndexedMap<&'a Addr, WalletBinding, WalletIndexes<'a>> {
    IndexedMap::new("w", WalletIndexes { did: MultiIndex::new(|_pk, b: &WalletBinding| b.did.clone(), "w", "w_d") })
}

pub struct CredentialIndexes<'a> {
    pub issuer: MultiIndex<'a, Addr, Credential, (String, u32)>,
}

impl IndexList<Credential> for CredentialIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Credential>> + '_> {
        let v: Vec<&dyn Index<Credential>> = vec![&self.issuer];
        Box::new(v.into_iter())
    }
}

/// (DID, claim code) → credential, with a secondary index issuer → credentials.
pub fn credentials<'a>() -> IndexedMap<(&'a str, u32), Credential, CredentialIndexes<'a>> {
    IndexedMap::new(
        "k",
        CredentialIndexes { issuer: MultiIndex::new(|_pk, c: &Credential| c.issuer.clone(), "k", "k_i") },
    )
}
