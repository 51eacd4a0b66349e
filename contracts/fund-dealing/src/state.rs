//! Storage layout. An instant redemption reads `c`, `s` and `v` and writes `s`; a subscription
//! reads `c`, `s` and `v` and writes `s` only when a fee accrues (the fund token records the
//! shares, the cash token the cash); a queued request writes its record, its index entry and `s`.
//!
//! | key | value | written by |
//! |---|---|---|
//! | `c` | [`Config`]: fund token, dealing parameters (validated), NAV guards | owner |
//! | `s` | [`State`]: pause, gate, buffer, today's instant usage, accrued fees, pending requests, next id | every dealing operation |
//! | `v` | [`NavState`]: NAV, time, sequence | NAV oracle, markdown role |
//! | `vh` + seq | [`NavRecord`] (history) | NAV oracle, markdown role |
//! | `q` + id, index `q_o` by owner | [`RedemptionRequest`] | requests (filed, paid, cancelled, court-released, moved) |
//! | `r` + (role, addr), `rc` + role | role members and counts | owner |

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Empty, Timestamp, Uint128};
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use harbour_types::fund_dealing::{DealingConfig, NavGuards, NavRecord, RedemptionRequest};

/// The cold configuration; addresses in `dealing` are validated and normalised when written.
#[cw_serde]
pub struct Config {
    pub fund_token: Addr,
    pub dealing: DealingConfig,
    pub guards: NavGuards,
}

impl Config {
    pub fn cash(&self) -> Addr {
        Addr::unchecked(&self.dealing.cash_token)
    }
    pub fn custody(&self) -> Addr {
        Addr::unchecked(&self.dealing.custody)
    }
    pub fn fees(&self) -> Addr {
        Addr::unchecked(&self.dealing.fee_collector)
    }
    pub fn is_venue(&self, owner: &Addr) -> bool {
        self.dealing.venues.iter().any(|v| v == owner.as_str())
    }
}

/// The hot record every dealing operation reads.
#[cw_serde]
#[derive(Default)]
pub struct State {
    pub paused: bool,
    pub suspended: bool,
    /// Cash held for instant redemptions (this contract's cash-token balance).
    pub buffer: Uint128,
    /// UTC day number of `used_today`.
    pub day: u64,
    pub used_today: Uint128,
    /// Fees collected and not yet swept to the fee collector (held by this contract).
    pub fees: Uint128,
    pub pending: u64,
    pub pending_shares: Uint128,
    pub next_request: u64,
}

#[cw_serde]
pub struct NavState {
    pub nav: Decimal,
    pub updated_at: Timestamp,
    pub seq: u64,
}

pub const CONFIG: Item<Config> = Item::new("c");
pub const STATE: Item<State> = Item::new("s");
pub const NAV: Item<NavState> = Item::new("v");
pub const NAV_HISTORY: Map<u64, NavRecord> = Map::new("vh");
pub const ROLES: Map<(u8, &Addr), Empty> = Map::new("r");
pub const ROLE_COUNTS: Map<u8, u32> = Map::new("rc");

pub struct RequestIndexes<'a> {
    pub owner: MultiIndex<'a, Addr, RedemptionRequest, u64>,
}

impl IndexList<RedemptionRequest> for RequestIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<RedemptionRequest>> + '_> {
        let v: Vec<&dyn Index<RedemptionRequest>> = vec![&self.owner];
        Box::new(v.into_iter())
    }
}

/// Pending redemption requests, indexed by owner.
pub fn requests<'a>() -> IndexedMap<u64, RedemptionRequest, RequestIndexes<'a>> {
    IndexedMap::new(
        "q",
        RequestIndexes { owner: MultiIndex::new(|_pk, r: &RedemptionRequest| r.owner.clone(), "q", "q_o") },
    )
}
