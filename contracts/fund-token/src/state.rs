//! Storage layout. The transfer path reads `h`, both `a` accounts, both `d` identity records and
//! both `b` DID balances, and writes the two accounts and (when the DIDs differ) the two DID
//! balances: records are compact (short serde names, default fields omitted) because every byte
//! written costs 30 gas.
//!
//! | key | value | written by |
//! |---|---|---|
//! | `h` | [`Hot`]: pause flag, compiled policy, income index and period | owner, pauser, income deposits |
//! | `a` + wallet | [`Account`]: balance, held total, cached DID id, freeze, locks, income checkpoint | every movement |
//! | `aw` + wallet | wallets that hold or have held units (`AllAccounts`) | a wallet's balance leaving zero |
//! | `ho` + (owner, venue), `hv` + (venue, owner) | holds ([`harbour_types::holds`]) | hold operations |
//! | `d` + DID id (u32) | [`DidInfo`]: DID, jurisdiction, category, credential statuses | registry hook |
//! | `b` + DID id | DID balance (sum of its wallets) | movements between DIDs |
//! | `i` + DID | DID id | registry hook |
//! | `w` + (DID id, wallet) | wallets holding for a DID (register) | registry hook |
//! | `n` | next DID id | registry hook |
//! | `k` | holder count (DIDs with balance, venues excluded) | when a DID enters or exits |
//! | `t` | token info (name, symbol, decimals, supply) | mint/burn |
//! | `c` | [`Config`] (cold: registry, income mode and token, custody, dealing contract) | owner |
//! | `r` + (role, addr), `rc` + role | role members and counts | owner |
//! | `u` + venue | approved venues (burn permission); `uc` count | owner |
//! | `l` + (owner, spender), `ls` + (spender, owner) | allowances | holders |
//! | `x` | [`IncomeState`] | income deposits and claims, issuance, exits |
//! | `xi` + period | income index at the end of each period (record-date rule) | income deposits |
//! | `m`, `lg` | marketing info, embedded logo | owner, marketing address |

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Empty, Uint128};
use cw_storage_plus::{Item, Map};
use harbour_types::cw20_support::{Allowances, Marketing};
use harbour_types::fund_token::{FundPolicy, IncomeMode};
use harbour_types::holds::{Holds, Venues};
use harbour_types::identity::InvestorCategory;
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_zero_u32(n: &u32) -> bool {
    *n == 0
}
fn is_zero_dec(d: &Decimal) -> bool {
    d.is_zero()
}

/// Per-wallet record: everything a movement needs about one side, in one read.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Account {
    #[serde(rename = "b", default, skip_serializing_if = "Uint128::is_zero")]
    pub balance: Uint128,
    /// Units committed to venues (part of `balance`; the per-hold records are under `ho`).
    #[serde(rename = "h", default, skip_serializing_if = "Uint128::is_zero")]
    pub held: Uint128,
    /// Cached DID id (0 = the registry never bound this wallet).
    #[serde(rename = "d", default, skip_serializing_if = "is_zero_u32")]
    pub did: u32,
    /// The registry unbound this wallet from `did` (lost wallet, off-boarding): its shares still
    /// belong to `did` until recovered or moved by an agent, but it cannot transact.
    #[serde(rename = "u", default, skip_serializing_if = "is_false")]
    pub unbound: bool,
    #[serde(rename = "z", default, skip_serializing_if = "is_false")]
    pub frozen_all: bool,
    #[serde(rename = "f", default, skip_serializing_if = "Uint128::is_zero")]
    pub frozen: Uint128,
    /// Lock-up lots: (amount, until seconds).
    #[serde(rename = "l", default, skip_serializing_if = "Vec::is_empty")]
    pub locks: Vec<(Uint128, u64)>,
    /// Income index checkpoint (distributing funds).
    #[serde(rename = "i", default, skip_serializing_if = "Decimal::is_zero")]
    pub index: Decimal,
    /// Exact income entitlement settled and not yet claimed.
    #[serde(rename = "r", default, skip_serializing_if = "is_zero_dec")]
    pub accrued: Decimal,
    /// Units issued to this wallet in income period `pending_period`: they earn from the next
    /// period (the record-date rule, `income.rs`).
    #[serde(rename = "n", default, skip_serializing_if = "Uint128::is_zero")]
    pub pending: Uint128,
    #[serde(rename = "e", default, skip_serializing_if = "is_zero_u32")]
    pub pending_period: u32,
}

impl Account {
    /// Shares still locked at `now` (seconds).
    pub fn locked(&self, now: u64) -> Uint128 {
        self.locks
            .iter()
            .filter(|(_, until)| *until > now)
            .map(|(a, _)| *a)
            .fold(Uint128::zero(), |acc, a| acc.saturating_add(a))
    }

    /// What the owner may move now — **the precedence of holds, freezes and locks, in one place**:
    /// held units are the venues' (a freeze or lock-up applies to the units beyond existing holds
    /// and never stops a venue executing a hold); frozen and locked amounts then cover the
    /// unheld rest. `balance − held − frozen − locked`, at least 0; 0 when fully frozen.
    pub fn transferable(&self, now: u64) -> Uint128 {
        if self.frozen_all {
            return Uint128::zero();
        }
        self.unheld().saturating_sub(self.frozen).saturating_sub(self.locked(now))
    }

    /// The balance not committed to holds (`held ≤ balance` is kept by every operation).
    pub fn unheld(&self) -> Uint128 {
        self.balance.saturating_sub(self.held)
    }

    /// Drops expired lots, then clips frozen and locked amounts to the balance (after an agent
    /// burn, a forced move or a hold execution took units). Freezes and locks are not clipped to
    /// the unheld balance: a released hold falls under them again.
    pub fn normalize(&mut self, now: u64) {
        self.locks.retain(|(a, until)| *until > now && !a.is_zero());
        self.frozen = self.frozen.min(self.balance);
        let mut room = self.balance;
        for (amount, _) in self.locks.iter_mut() {
            *amount = (*amount).min(room);
            room = room.saturating_sub(*amount);
        }
        self.locks.retain(|(a, _)| !a.is_zero());
    }
}

/// The token's cached view of one DID (pushed by the registry).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DidInfo {
    #[serde(rename = "s")]
    pub did: String,
    #[serde(rename = "j")]
    pub jurisdiction: String,
    #[serde(rename = "c")]
    pub category: InvestorCategory,
    /// (claim code, valid_until seconds, revoked)
    #[serde(rename = "k", default)]
    pub creds: Vec<(u32, u64, bool)>,
    #[serde(rename = "x", default, skip_serializing_if = "is_false")]
    pub removed: bool,
}

impl DidInfo {
    pub fn is_venue(&self) -> bool {
        self.category == InvestorCategory::Venue
    }
}

/// The hot configuration read by every movement.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Hot {
    #[serde(rename = "p", default, skip_serializing_if = "is_false")]
    pub paused: bool,
    #[serde(rename = "y")]
    pub policy: FundPolicy,
    #[serde(rename = "q")]
    pub required_codes: Vec<u32>,
    #[serde(rename = "d", default, skip_serializing_if = "is_false")]
    pub distributing: bool,
    /// Cumulative income per entitled share (distributing funds).
    #[serde(rename = "i", default, skip_serializing_if = "Decimal::is_zero")]
    pub index: Decimal,
    /// Income periods closed so far (one per deposit).
    #[serde(rename = "e", default, skip_serializing_if = "is_zero_u32")]
    pub period: u32,
}

#[cw_serde]
pub struct TokenInfo {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub total_supply: Uint128,
}

#[cw_serde]
pub struct Config {
    pub registry: Addr,
    pub income_mode: IncomeMode,
    /// The CW20 token income is deposited and claimed in.
    pub income_token: Addr,
    /// Where swept income carry goes.
    pub custody: Addr,
    /// The fund's dealing contract: the only address that may `DealingMint`.
    pub dealing: Option<Addr>,
}

/// The income ledger (distributing funds). Exactly, at every moment:
/// `deposited = claimed + swept + owed + carry`.
#[cw_serde]
#[derive(Default)]
pub struct IncomeState {
    /// Holders' exact entitlement not yet claimed (settled into accounts or not).
    pub owed: Decimal,
    /// Undistributed remainder, added to the next deposit (or swept to custody).
    pub carry: Decimal,
    /// Units issued in the current period (excluded from the next distribution).
    pub pending: Uint128,
    pub deposited: Uint128,
    pub claimed: Uint128,
    pub swept: Uint128,
}

pub const HOT: Item<Hot> = Item::new("h");
pub const ACCOUNTS: Map<&Addr, Account> = Map::new("a");
pub const DIDS: Map<u32, DidInfo> = Map::new("d");
pub const DID_BALANCES: Map<u32, Uint128> = Map::new("b");
pub const DID_IDS: Map<&str, u32> = Map::new("i");
pub const DID_WALLETS: Map<(u32, &Addr), Empty> = Map::new("w");
pub const NEXT_DID: Item<u32> = Item::new("n");
pub const HOLDERS: Item<u32> = Item::new("k");
pub const TOKEN: Item<TokenInfo> = Item::new("t");
pub const CONFIG: Item<Config> = Item::new("c");
pub const ROLES: Map<(u8, &Addr), Empty> = Map::new("r");
pub const ROLE_COUNTS: Map<u8, u32> = Map::new("rc");
pub const VENUES: Venues = Venues::new("u", "uc");
pub const HOLDS: Holds = Holds::new("ho", "hv");
pub const REGISTER_WALLETS: Map<&Addr, Empty> = Map::new("aw");
pub const INCOME_INDEX: Map<u32, Decimal> = Map::new("xi");
pub const ALLOWANCES: Allowances = Allowances::new("l", "ls");
pub const INCOME: Item<IncomeState> = Item::new("x");
pub const MARKETING: Marketing = Marketing::new("m", "lg");
