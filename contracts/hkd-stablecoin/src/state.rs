//! Storage layout. A transfer reads `h` and both `a` accounts and writes the two accounts — the
//! same records as a cw20-base transfer plus one tiny flag record — because every byte written
//! costs 30 gas and every record read 1,000. A mint reads `h`, the minter, `rv`, `s` and the
//! recipient and writes the minter (allowance, window usage), `rv` (the mint budget), `s` and the
//! recipient.
//!
//! | key | value | written by |
//! |---|---|---|
//! | `h` | [`Hot`]: pause flag, holder mode | pauser, owner |
//! | `a` + address | [`Account`]: balance, held total and blacklist flag | every balance change, holds, blacklister |
//! | `ho` + (owner, venue), `hv` + (venue, owner) | holds ([`harbour_types::holds`]); the redemption queue's have the contract's own address as venue | holds, redemptions |
//! | `u` + venue, `uc` | approved venues and their count | owner |
//! | `k` + address | KYC valid-until (seconds) cached from the registry | registry hook |
//! | `s` | total supply | mint, burn, wipe, redemption payout |
//! | `t` | [`TokenMeta`] (name, symbol, decimals) | instantiate |
//! | `c` | [`Config`] (registry, redemption terms) | owner |
//! | `rv` | [`ReserveState`]: the attestation in force (sequence, `as_of`, staleness deadline, void) and its mint budget | attestations, mints, owner |
//! | `rp` | reserve policy (incl. FX bands, quorum) | owner |
//! | `ra` + sequence | counting attestations (history, void marks) | attestations, owner |
//! | `rw` + attestor | an attestor's submission waiting for the quorum (≤ one each) | attestors |
//! | `rh` + report hash | sequence of the attestation that published it (each report counts once) | attestations |
//! | `m` + minter | [`MinterState`]: allowance, rate limit, window usage (`crate::rate`) | master minter, mints |
//! | `o` + address | [`RoleRecord`] (index `o_r` by role): one role per address | owner, master minter |
//! | `bl` + address | blacklist record (reason, since) | blacklister |
//! | `n` | [`Counters`] (minters, blacklisted) | master minter, blacklister |
//! | `l` + (owner, spender), `ls` + (spender, owner) | allowances | holders |
//! | `q` + id (indexes `q_h` by holder, `q_d` by (open, deadline)) | redemption requests | holders, operators |
//! | `qs` | [`RedemptionState`] (next id, held for redemption, open count) | redemptions |
//! | `mk`, `lg` | marketing info, embedded logo | owner, marketing |

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp, Uint128};
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use harbour_types::cw20_support::{Allowances, Marketing};
use harbour_types::hkd_stablecoin::{
    AttestationInput, AttestationRecord, HolderMode, RateLimit, RedemptionConfig, RedemptionRequest, RedemptionStatus,
    StableRole,
};
use harbour_types::holds::{Holds, Venues};
use harbour_types::reserves::{MintBudget, ReservePolicy};
use serde::{Deserialize, Serialize};

use crate::rate::Usage;

fn is_false(b: &bool) -> bool {
    !*b
}

/// The flags every balance change reads.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Hot {
    #[serde(rename = "p", default, skip_serializing_if = "is_false")]
    pub paused: bool,
    #[serde(rename = "g", default, skip_serializing_if = "is_false")]
    pub gated: bool,
}

impl Hot {
    pub fn mode(&self) -> HolderMode {
        if self.gated {
            HolderMode::RegistryGated
        } else {
            HolderMode::Open
        }
    }
}

/// Per-address record: balance, held total and blacklist flag in one read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Account {
    #[serde(rename = "b", default, skip_serializing_if = "Uint128::is_zero")]
    pub balance: Uint128,
    /// Tokens committed to venues and to the redemption queue (part of `balance`).
    #[serde(rename = "h", default, skip_serializing_if = "Uint128::is_zero")]
    pub held: Uint128,
    #[serde(rename = "x", default, skip_serializing_if = "is_false")]
    pub blacklisted: bool,
}

#[cw_serde]
pub struct TokenMeta {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
}

#[cw_serde]
pub struct Config {
    pub registry: Option<Addr>,
    pub redemption: RedemptionConfig,
}

/// The attestation in force and its mint budget: what the reserve rule needs at mint time.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct ReserveState {
    /// Latest counting attestation's sequence (0 = none yet); the next must be `seq + 1`.
    #[serde(rename = "q")]
    pub seq: u64,
    /// Its `as_of`, in seconds.
    #[serde(rename = "t")]
    pub as_of: u64,
    /// Stale after this (seconds): `as_of + max_attestation_age` when it counted, lowered by
    /// tighter policies since.
    #[serde(rename = "x")]
    pub stale_after: u64,
    /// [`MintBudget::eligible`]: its eligible reserves, lowered by tighter policies since.
    #[serde(rename = "e")]
    pub eligible: Uint128,
    /// [`MintBudget::issued`]: supply when it counted plus everything minted since.
    #[serde(rename = "i")]
    pub issued: Uint128,
    /// The owner voided it: nothing is in force.
    #[serde(rename = "v", default, skip_serializing_if = "is_false")]
    pub voided: bool,
    /// The `as_of` floor before it counted (the floor again if it is voided).
    #[serde(rename = "p", default)]
    pub prev_as_of: u64,
}

impl ReserveState {
    /// The reserve rule until the next attestation (`harbour_types::reserves::MintBudget`).
    pub fn budget(&self) -> MintBudget {
        MintBudget { eligible: self.eligible, issued: self.issued }
    }
    pub fn set_budget(&mut self, budget: MintBudget) {
        (self.eligible, self.issued) = (budget.eligible, budget.issued);
    }
    /// The mint budget of the attestation in force (none before the first and after a void).
    pub fn in_force(&self) -> Option<MintBudget> {
        (self.seq > 0 && !self.voided).then(|| self.budget())
    }
    /// Fresh iff an attestation is in force and `now ≤ stale_after`.
    pub fn is_stale(&self, now: u64) -> bool {
        self.in_force().is_none() || now > self.stale_after
    }
    /// The earliest `as_of` the next attestation may have.
    pub fn as_of_floor(&self) -> u64 {
        if self.voided {
            self.prev_as_of
        } else {
            self.as_of
        }
    }
}

/// A minter: its remaining allowance, optional rate limit and its recent mints (see
/// `crate::rate`: recorded with or without a limit, so a limit set later counts them).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MinterState {
    #[serde(rename = "a")]
    pub allowance: Uint128,
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateLimit>,
    #[serde(rename = "u", default, skip_serializing_if = "Vec::is_empty")]
    pub usage: Vec<Usage>,
}

#[cw_serde]
pub struct RoleRecord {
    pub role: StableRole,
    pub since: Timestamp,
}

#[cw_serde]
pub struct BlacklistRecord {
    pub reason: String,
    pub since: Timestamp,
    pub by: Addr,
}

#[cw_serde]
#[derive(Default)]
pub struct Counters {
    pub minters: u32,
    pub blacklisted: u32,
}

#[cw_serde]
#[derive(Default)]
pub struct RedemptionState {
    pub next_id: u64,
    /// Tokens held by open requests (in the holders' balances and in supply until paid).
    pub held: Uint128,
    pub open: u64,
}

pub const HOT: Item<Hot> = Item::new("h");
pub const ACCOUNTS: Map<&Addr, Account> = Map::new("a");
pub const KYC: Map<&Addr, u64> = Map::new("k");
pub const SUPPLY: Item<Uint128> = Item::new("s");
pub const TOKEN: Item<TokenMeta> = Item::new("t");
pub const CONFIG: Item<Config> = Item::new("c");
pub const RESERVE: Item<ReserveState> = Item::new("rv");
pub const RESERVE_POLICY: Item<ReservePolicy> = Item::new("rp");
pub const ATTESTATIONS: Map<u64, AttestationRecord> = Map::new("ra");
/// An attestor's submission waiting for the quorum (buckets and FX rates normalised).
pub const PENDING: Map<&Addr, AttestationInput> = Map::new("rw");
pub const REPORTS: Map<&[u8], u64> = Map::new("rh");
pub const MINTERS: Map<&Addr, MinterState> = Map::new("m");
pub const BLACKLIST: Map<&Addr, BlacklistRecord> = Map::new("bl");
pub const COUNTERS: Item<Counters> = Item::new("n");
pub const REDEMPTIONS: Item<RedemptionState> = Item::new("qs");
pub const ALLOWANCES: Allowances = Allowances::new("l", "ls");
pub const MARKETING: Marketing = Marketing::new("mk", "lg");
pub const HOLDS: Holds = Holds::new("ho", "hv");
pub const VENUES: Venues = Venues::new("u", "uc");

pub struct RoleIndexes<'a> {
    pub role: MultiIndex<'a, u8, RoleRecord, &'a Addr>,
}

impl IndexList<RoleRecord> for RoleIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<RoleRecord>> + '_> {
        let v: Vec<&dyn Index<RoleRecord>> = vec![&self.role];
        Box::new(v.into_iter())
    }
}

pub const fn role_code(role: StableRole) -> u8 {
    match role {
        StableRole::MasterMinter => 1,
        StableRole::Minter => 2,
        StableRole::Pauser => 3,
        StableRole::Blacklister => 4,
        StableRole::Rescuer => 5,
        StableRole::AssetProtector => 6,
        StableRole::Attestor => 7,
        StableRole::RedemptionOperator => 8,
    }
}

/// Every privileged address and its one role, indexed by role.
pub fn roles<'a>() -> IndexedMap<&'a Addr, RoleRecord, RoleIndexes<'a>> {
    IndexedMap::new("o", RoleIndexes { role: MultiIndex::new(|_pk, r: &RoleRecord| role_code(r.role), "o", "o_r") })
}

pub struct RequestIndexes<'a> {
    pub holder: MultiIndex<'a, Addr, RedemptionRequest, u64>,
    /// (0 = open, 1 = closed; deadline seconds)
    pub queue: MultiIndex<'a, (u8, u64), RedemptionRequest, u64>,
}

impl IndexList<RedemptionRequest> for RequestIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<RedemptionRequest>> + '_> {
        let v: Vec<&dyn Index<RedemptionRequest>> = vec![&self.holder, &self.queue];
        Box::new(v.into_iter())
    }
}

pub fn queue_key(r: &RedemptionRequest) -> (u8, u64) {
    let class = u8::from(!matches!(r.status, RedemptionStatus::Pending));
    (class, r.deadline.seconds())
}

/// Redemption requests (kept after settlement for audit), indexed by holder and by open deadline.
pub fn requests<'a>() -> IndexedMap<u64, RedemptionRequest, RequestIndexes<'a>> {
    IndexedMap::new(
        "q",
        RequestIndexes {
            holder: MultiIndex::new(|_pk, r: &RedemptionRequest| r.holder.clone(), "q", "q_h"),
            queue: MultiIndex::new(|_pk, r: &RedemptionRequest| queue_key(r), "q", "q_d"),
        },
    )
}
