//! Holds: units an owner commits to a **venue** (a contract the token approves: the collateral
//! vault, settlement, fund dealing) that stay in the owner's wallet until the venue delivers them.
//! One implementation for both tokens (the fund token and the HKD stablecoin); each token keeps
//! its own balances and movement rules and plugs them in through [`HoldAccounts`].
//!
//! # The rules (the tokens' READMEs explain them with a worked example)
//!
//! - **Place** (the owner): `PlaceHold { venue, amount, expires, msg }` commits `amount` of the
//!   owner's free balance to an approved venue and, in the same transaction, calls the venue's
//!   hook `{"hold_hook":{"placed":{..}}}` ([`HoldHookMsg::Placed`], the `Send` pattern): the venue
//!   can bind the hold to a trade or a loan atomically, or refuse it (the whole transaction
//!   fails). One hold per (owner, venue): placing again adds to it, and its expiry becomes the
//!   later of the two (no expiry wins).
//! - **Committed**: the owner can neither move held units nor release the hold before it expires;
//!   after `expires` anyone may release it, and the venue may no longer execute it.
//! - **Release** (the venue, any time; anyone once expired): all or part of the hold returns to
//!   the owner's free balance.
//! - **Execute** (the venue, before expiry): moves held units to up to [`MAX_HOLD_TRANSFERS`]
//!   recipients in one call. Each recipient must pass the token's recipient compliance; the
//!   owner's side is the venue's commitment (an owner whose credential lapsed can still be moved
//!   out under a hold).
//! - **Court-order release** (the token's legal-order role, with a reason): any hold, any time;
//!   the venue is notified in the same transaction ([`HoldHookMsg::CourtReleased`]) and must
//!   accept it.
//! - **In place**: held units stay in the owner's balance (register, holder count, income); what
//!   the owner can move is `balance − held − frozen − locked`. The held total lives in the
//!   account record every transfer already reads; the per-hold records below are read only by
//!   hold operations.
//! - **Bounded**: at most [`MAX_HOLDS_PER_OWNER`] venues hold for one owner, so every loop over an
//!   owner's holds (wallet recovery) is bounded.
//!
//! Storage (namespaces chosen by each token): `by_owner` + (owner, venue) → [`StoredHold`];
//! `by_venue` + (venue, owner) → `()` (for the venue listing); venues + address → [`StoredVenue`]
//! and a venue count.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Api, Binary, CosmosMsg, Empty, Event, Order, Response, StdError, StdResult, Storage,
    Timestamp, Uint128, WasmMsg,
};
use cw_storage_plus::{Bound, Item, Map};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::pagination::page_limit;

/// Most venues holding for one owner at a time.
pub const MAX_HOLDS_PER_OWNER: usize = 8;
/// Most recipients of one hold execution.
pub const MAX_HOLD_TRANSFERS: usize = 8;
/// Most approved venues per token.
pub const MAX_VENUES: u32 = 32;
/// Longest court-order reason.
pub const MAX_REASON_LEN: usize = 256;

// ------------------------------------------------------------------ messages (both tokens)

/// `PlaceHold`: the sender commits `amount` of its free balance to `venue`.
#[cw_serde]
pub struct PlaceHoldMsg {
    /// An approved venue (a contract accepting [`VenueExecuteMsg`]).
    pub venue: String,
    pub amount: Uint128,
    /// After this time anyone may release the hold and the venue can no longer execute it.
    /// `None`: until the venue releases or executes it.
    pub expires: Option<Timestamp>,
    /// Passed to the venue's hook unchanged (which trade, which loan).
    pub msg: Option<Binary>,
}

/// `ReleaseHold` and `CourtReleaseHold`: return `amount` (`None`: all) of `owner`'s hold for
/// `venue` to the owner's free balance. `ReleaseHold` is the venue's (any time) or anyone's (once
/// expired), `reason` optional; `CourtReleaseHold` is the token's legal-order role's, any time,
/// with a `reason` (required), and the venue is notified in the same transaction.
#[cw_serde]
pub struct ReleaseHoldMsg {
    pub owner: String,
    pub venue: String,
    pub amount: Option<Uint128>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// One recipient of a hold execution.
#[cw_serde]
pub struct HoldTransfer {
    pub recipient: String,
    pub amount: Uint128,
}

/// `ExecuteHold`: the venue (the sender) moves held units of `owner` to the recipients.
#[cw_serde]
pub struct ExecuteHoldMsg {
    pub owner: String,
    pub transfers: Vec<HoldTransfer>,
}

// ------------------------------------------------------------------ the venue's hooks

/// What the token tells a venue, always in the transaction that changed the hold. `held` is the
/// owner's hold for this venue afterwards, so the venue can reconcile its books.
#[cw_serde]
pub enum HoldHookMsg {
    /// `owner` placed (or added) `amount`; `msg` is the owner's message.
    Placed {
        owner: String,
        owner_did: Option<String>,
        amount: Uint128,
        held: Uint128,
        expires: Option<Timestamp>,
        msg: Option<Binary>,
    },
    /// The token's legal-order role released `amount` by court order.
    CourtReleased { owner: String, owner_did: Option<String>, amount: Uint128, held: Uint128, reason: String },
    /// The token's agent recovered the owner's wallet: the hold now belongs to `to_owner` (same DID).
    Moved { from_owner: String, to_owner: String, owner_did: Option<String>, amount: Uint128, held: Uint128 },
}

/// What a venue may answer to a `placed` hook, as its response data (optional). A token that
/// dispatches the hook as a sub-message (the fund token) returns `data` as the response data of
/// `PlaceHold`, so a contract placing the hold reads the venue's answer in its reply; and, for a
/// venue approved with `burn_held` only, burns `burn` of the units just held, in the same
/// transaction (the fund's dealing contract paying an instant redemption: hold, payment and burn
/// in three contract loads). A `burn_held` venue's data must be this type.
#[cw_serde]
pub struct PlacedHookResponse {
    /// Held units of the owner to burn now (0: none).
    #[serde(default)]
    pub burn: Uint128,
    /// Returned as the placing transaction's data.
    pub data: Option<Binary>,
}

/// The execute message every venue must accept: `{"hold_hook":{"placed":{..}}}`. A venue embeds
/// `HoldHook(HoldHookMsg)` in its own `ExecuteMsg` and checks that the sender is a token it trusts.
#[cw_serde]
pub enum VenueExecuteMsg {
    HoldHook(HoldHookMsg),
}

impl HoldHookMsg {
    /// The `WasmMsg` delivering this hook to `venue` (a plain message: if the venue fails, the
    /// whole transaction fails).
    pub fn into_cosmos_msg(self, venue: &Addr) -> StdResult<CosmosMsg> {
        Ok(CosmosMsg::Wasm(WasmMsg::Execute {
            contract_addr: venue.to_string(),
            msg: to_json_binary(&VenueExecuteMsg::HoldHook(self))?,
            funds: vec![],
        }))
    }
}

// ------------------------------------------------------------------ query responses

#[cw_serde]
pub struct HoldInfo {
    pub owner: Addr,
    pub venue: Addr,
    pub amount: Uint128,
    pub expires: Option<Timestamp>,
    /// `expires` has passed at the queried block time: anyone may release it; it cannot be executed.
    pub expired: bool,
}

#[cw_serde]
pub struct HoldsResponse {
    pub holds: Vec<HoldInfo>,
}

#[cw_serde]
pub struct VenueInfo {
    pub address: Addr,
    /// May burn units held for it (the fund's dealing contract paying a redemption).
    pub burn_held: bool,
}

#[cw_serde]
pub struct VenuesResponse {
    pub venues: Vec<VenueInfo>,
}

// ------------------------------------------------------------------ errors

#[derive(Error, Debug, PartialEq)]
pub enum HoldError {
    #[error(transparent)]
    Std(#[from] StdError),
    #[error("{address} is not an approved venue")]
    NotAVenue { address: String },
    #[error("{owner} has no hold for {venue}")]
    NoHold { owner: String, venue: String },
    #[error("the hold is committed until {expires}: only the venue may release it before then")]
    Committed { expires: String },
    #[error("the hold expired at {expires}: it can be released, not executed")]
    Expired { expires: Timestamp },
    #[error("the hold is {held}, {needed} needed")]
    ExceedsHold { held: Uint128, needed: Uint128 },
    #[error("at most {max} venues may hold for one owner")]
    TooManyHolds { max: usize },
    #[error("a hold execution has 1..={max} transfers")]
    InvalidTransfers { max: usize },
    #[error("hold amounts must be greater than zero")]
    ZeroAmount {},
    #[error("expiry {expires} is not in the future")]
    ExpiryInPast { expires: Timestamp },
    #[error("an owner cannot hold for itself, nor a venue execute a hold back to its owner")]
    SelfHold {},
    #[error("{address} is already an approved venue")]
    VenueExists { address: String },
    #[error("at most {max} venues")]
    TooManyVenues { max: u32 },
    #[error("venue {address} cannot be removed while it holds units ({holds}) or has a balance ({balance})")]
    VenueInUse { address: String, holds: bool, balance: Uint128 },
    #[error("{venue} may not burn held units")]
    NoBurnPermission { venue: String },
    #[error("reason must be 1..={max} bytes")]
    InvalidReason { max: usize },
}

// ------------------------------------------------------------------ storage

/// A hold as stored: amount and expiry (seconds), short names (written by every hold operation).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StoredHold {
    #[serde(rename = "a")]
    pub amount: Uint128,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<u64>,
}

impl StoredHold {
    pub fn expired(&self, now: Timestamp) -> bool {
        self.expires.is_some_and(|e| now.seconds() >= e)
    }
    fn expires_ts(&self) -> Option<Timestamp> {
        self.expires.map(Timestamp::from_seconds)
    }

    /// This hold with `other` added: amounts add up, the later expiry wins (no expiry wins over
    /// any).
    fn merged(&self, other: &StoredHold) -> Result<StoredHold, HoldError> {
        Ok(StoredHold {
            amount: self.amount.checked_add(other.amount).map_err(StdError::from)?,
            expires: self.expires.zip(other.expires).map(|(a, b)| a.max(b)),
        })
    }
}

/// An approved venue as stored.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct StoredVenue {
    #[serde(rename = "b", default, skip_serializing_if = "std::ops::Not::not")]
    pub burn_held: bool,
}

/// Holds indexed by (owner, venue), with a key-only index by (venue, owner).
pub struct Holds<'a> {
    by_owner: Map<(&'a Addr, &'a Addr), StoredHold>,
    by_venue: Map<(&'a Addr, &'a Addr), Empty>,
}

/// What a reduction left.
pub struct Reduced {
    /// The amount taken from the hold.
    pub amount: Uint128,
    /// What remains held for the venue.
    pub held: Uint128,
}

impl<'a> Holds<'a> {
    pub const fn new(owner_namespace: &'static str, venue_namespace: &'static str) -> Self {
        Holds { by_owner: Map::new(owner_namespace), by_venue: Map::new(venue_namespace) }
    }

    pub fn get(&self, storage: &dyn Storage, owner: &'a Addr, venue: &'a Addr) -> StdResult<Option<StoredHold>> {
        self.by_owner.may_load(storage, (owner, venue))
    }

    fn load(&self, storage: &dyn Storage, owner: &'a Addr, venue: &'a Addr) -> Result<StoredHold, HoldError> {
        self.get(storage, owner, venue)?
            .ok_or_else(|| HoldError::NoHold { owner: owner.to_string(), venue: venue.to_string() })
    }

    /// The venues holding for `owner` (at most [`MAX_HOLDS_PER_OWNER`]).
    pub fn of_owner(&self, storage: &dyn Storage, owner: &'a Addr) -> StdResult<Vec<(Addr, StoredHold)>> {
        self.by_owner.prefix(owner).range(storage, None, None, Order::Ascending).take(MAX_HOLDS_PER_OWNER + 1).collect()
    }

    /// Whether any owner has a hold for `venue`.
    pub fn venue_holds(&self, storage: &dyn Storage, venue: &'a Addr) -> bool {
        self.by_venue.prefix(venue).keys_raw(storage, None, None, Order::Ascending).next().is_some()
    }

    fn save(&self, storage: &mut dyn Storage, owner: &'a Addr, venue: &'a Addr, hold: &StoredHold) -> StdResult<()> {
        if hold.amount.is_zero() {
            self.by_owner.remove(storage, (owner, venue));
            self.by_venue.remove(storage, (venue, owner));
            Ok(())
        } else {
            self.by_owner.save(storage, (owner, venue), hold)
        }
    }

    /// Checks that `amount` can be added to `owner`'s hold for `venue` (creating it within the
    /// per-owner bound) and returns the hold it would become, without writing: the expiry becomes
    /// the later of the two, no expiry winning.
    pub fn plan_add(
        &self,
        storage: &dyn Storage,
        owner: &'a Addr,
        venue: &'a Addr,
        amount: Uint128,
        expires: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<StoredHold, HoldError> {
        if amount.is_zero() {
            return Err(HoldError::ZeroAmount {});
        }
        if owner == venue {
            return Err(HoldError::SelfHold {});
        }
        if let Some(e) = expires.filter(|e| *e <= now) {
            return Err(HoldError::ExpiryInPast { expires: e });
        }
        let added = StoredHold { amount, expires: expires.map(|e| e.seconds()) };
        Ok(match self.get(storage, owner, venue)? {
            Some(h) => h.merged(&added)?,
            None => {
                if self.of_owner(storage, owner)?.len() >= MAX_HOLDS_PER_OWNER {
                    return Err(HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER });
                }
                added
            }
        })
    }

    /// Writes a hold planned with [`Holds::plan_add`].
    pub fn write_add(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        venue: &'a Addr,
        hold: &StoredHold,
    ) -> StdResult<()> {
        if !self.by_owner.has(storage, (owner, venue)) {
            self.by_venue.save(storage, (venue, owner), &Empty {})?;
        }
        self.save(storage, owner, venue, hold)
    }

    /// [`Holds::plan_add`] then [`Holds::write_add`].
    pub fn add(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        venue: &'a Addr,
        amount: Uint128,
        expires: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<StoredHold, HoldError> {
        let hold = self.plan_add(storage, owner, venue, amount, expires, now)?;
        self.write_add(storage, owner, venue, &hold)?;
        Ok(hold)
    }

    /// Takes `amount` (`None`: all) from the hold; a hold reduced to zero is removed.
    pub fn reduce(
        &self,
        storage: &mut dyn Storage,
        owner: &'a Addr,
        venue: &'a Addr,
        amount: Option<Uint128>,
    ) -> Result<Reduced, HoldError> {
        let mut hold = self.load(storage, owner, venue)?;
        let amount = amount.unwrap_or(hold.amount);
        if amount.is_zero() {
            return Err(HoldError::ZeroAmount {});
        }
        hold.amount = hold
            .amount
            .checked_sub(amount)
            .map_err(|_| HoldError::ExceedsHold { held: hold.amount, needed: amount })?;
        self.save(storage, owner, venue, &hold)?;
        Ok(Reduced { amount, held: hold.amount })
    }

    /// Checks, without writing, that the venue may execute (or burn) `amount` of the hold: it
    /// exists, has not expired and covers it.
    pub fn check_take(
        &self,
        storage: &dyn Storage,
        owner: &'a Addr,
        venue: &'a Addr,
        amount: Uint128,
        now: Timestamp,
    ) -> Result<(), HoldError> {
        let hold = self.load(storage, owner, venue)?;
        if let Some(expires) = hold.expires_ts().filter(|_| hold.expired(now)) {
            return Err(HoldError::Expired { expires });
        }
        if amount.is_zero() {
            return Err(HoldError::ZeroAmount {});
        }
        if amount > hold.amount {
            return Err(HoldError::ExceedsHold { held: hold.amount, needed: amount });
        }
        Ok(())
    }

    /// Moves every hold of `from` to `to` (wallet recovery), merging with `to`'s hold for the same
    /// venue. Refused when `to` would end up with more than [`MAX_HOLDS_PER_OWNER`] venues.
    /// Returns (venue, amount moved, `to`'s hold afterwards).
    pub fn move_owner(
        &self,
        storage: &mut dyn Storage,
        from: &'a Addr,
        to: &'a Addr,
    ) -> Result<Vec<(Addr, Uint128, Uint128)>, HoldError> {
        let moving = self.of_owner(storage, from)?;
        let existing = self.of_owner(storage, to)?;
        let distinct = existing.len() + moving.iter().filter(|(v, _)| !existing.iter().any(|(e, _)| e == v)).count();
        if distinct > MAX_HOLDS_PER_OWNER {
            return Err(HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER });
        }
        let mut moved = Vec::with_capacity(moving.len());
        for (venue, hold) in moving {
            self.by_owner.remove(storage, (from, &venue));
            self.by_venue.remove(storage, (&venue, from));
            let merged = match self.get(storage, to, &venue)? {
                Some(h) => h.merged(&hold)?,
                None => {
                    self.by_venue.save(storage, (&venue, to), &Empty {})?;
                    hold.clone()
                }
            };
            self.save(storage, to, &venue, &merged)?;
            moved.push((venue, hold.amount, merged.amount));
        }
        Ok(moved)
    }

    fn info(owner: Addr, venue: Addr, h: StoredHold, now: Timestamp) -> HoldInfo {
        HoldInfo { expired: h.expired(now), expires: h.expires_ts(), amount: h.amount, owner, venue }
    }

    /// The `Hold { owner, venue }` query.
    pub fn query_hold(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        now: Timestamp,
        owner: &str,
        venue: &str,
    ) -> Result<HoldInfo, HoldError> {
        let (o, v) = (api.addr_validate(owner)?, api.addr_validate(venue)?);
        let h = self.load(storage, &o, &v)?;
        Ok(Self::info(o, v, h, now))
    }

    /// The `Holds` query: the holds of `owner` (paged by venue) or placed for `venue` (paged by
    /// owner); exactly one of the two is given.
    #[allow(clippy::too_many_arguments)]
    pub fn query_holds(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        now: Timestamp,
        owner: Option<String>,
        venue: Option<String>,
        start_after: Option<String>,
        limit: Option<u32>,
    ) -> StdResult<HoldsResponse> {
        let start = start_after.map(|s| api.addr_validate(&s)).transpose()?;
        let start = start.as_ref().map(Bound::exclusive);
        let limit = page_limit(limit);
        let holds = match (owner, venue) {
            (Some(owner), None) => {
                let o = api.addr_validate(&owner)?;
                self.by_owner
                    .prefix(&o)
                    .range(storage, start, None, Order::Ascending)
                    .take(limit)
                    .map(|r| r.map(|(venue, h)| Self::info(o.clone(), venue, h, now)))
                    .collect::<StdResult<_>>()?
            }
            (None, Some(venue)) => {
                let v = api.addr_validate(&venue)?;
                self.by_venue
                    .prefix(&v)
                    .keys(storage, start, None, Order::Ascending)
                    .take(limit)
                    .map(|r| {
                        let owner = r?;
                        let h = self.by_owner.load(storage, (&owner, &v))?;
                        Ok(Self::info(owner, v.clone(), h, now))
                    })
                    .collect::<StdResult<_>>()?
            }
            _ => return Err(StdError::generic_err("holds: give exactly one of owner and venue")),
        };
        Ok(HoldsResponse { holds })
    }
}

/// The approved venues and their count.
pub struct Venues<'a> {
    map: Map<&'a Addr, StoredVenue>,
    count: Item<u32>,
}

impl<'a> Venues<'a> {
    pub const fn new(namespace: &'static str, count_namespace: &'static str) -> Self {
        Venues { map: Map::new(namespace), count: Item::new(count_namespace) }
    }

    pub fn get(&self, storage: &dyn Storage, venue: &'a Addr) -> StdResult<Option<StoredVenue>> {
        self.map.may_load(storage, venue)
    }

    pub fn is_venue(&self, storage: &dyn Storage, venue: &'a Addr) -> bool {
        self.map.has(storage, venue)
    }

    pub fn assert_venue(&self, storage: &dyn Storage, venue: &'a Addr) -> Result<StoredVenue, HoldError> {
        self.get(storage, venue)?.ok_or_else(|| HoldError::NotAVenue { address: venue.to_string() })
    }

    /// Approves `venue` (the token checked its own eligibility rule first).
    pub fn add(&self, storage: &mut dyn Storage, venue: &'a Addr, burn_held: bool) -> Result<Response, HoldError> {
        if self.map.has(storage, venue) {
            return Err(HoldError::VenueExists { address: venue.to_string() });
        }
        let count = self.count.may_load(storage)?.unwrap_or(0);
        if count >= MAX_VENUES {
            return Err(HoldError::TooManyVenues { max: MAX_VENUES });
        }
        self.count.save(storage, &(count.checked_add(1).ok_or(StdError::generic_err("venue count overflow"))?))?;
        self.map.save(storage, venue, &StoredVenue { burn_held })?;
        Ok(Response::new()
            .add_attribute("action", "add_venue")
            .add_attribute("venue", venue)
            .add_attribute("burn_held", burn_held.to_string()))
    }

    /// Removes `venue`: refused while any hold is placed for it or it has a balance.
    pub fn remove(
        &self,
        storage: &mut dyn Storage,
        holds: &Holds<'a>,
        venue: &'a Addr,
        balance: Uint128,
    ) -> Result<Response, HoldError> {
        self.assert_venue(storage, venue)?;
        let held = holds.venue_holds(storage, venue);
        if held || !balance.is_zero() {
            return Err(HoldError::VenueInUse { address: venue.to_string(), holds: held, balance });
        }
        self.map.remove(storage, venue);
        let count = self.count.load(storage)?.checked_sub(1).ok_or(StdError::generic_err("venue count underflow"))?;
        self.count.save(storage, &count)?;
        Ok(Response::new().add_attribute("action", "remove_venue").add_attribute("venue", venue))
    }

    /// The `Venues` query.
    pub fn query_list(
        &self,
        storage: &dyn Storage,
        api: &dyn Api,
        start_after: Option<String>,
        limit: Option<u32>,
    ) -> StdResult<VenuesResponse> {
        let start = start_after.map(|s| api.addr_validate(&s)).transpose()?;
        let venues = self
            .map
            .range(storage, start.as_ref().map(Bound::exclusive), None, Order::Ascending)
            .take(page_limit(limit))
            .map(|r| r.map(|(address, v)| VenueInfo { address, burn_held: v.burn_held }))
            .collect::<StdResult<_>>()?;
        Ok(VenuesResponse { venues })
    }
}

// ------------------------------------------------------------------ the token side

/// What a token provides to the shared hold operations: its own balance records and movement
/// rules. Every method either fully applies or returns an error (the token's typed error, which
/// the chain turns into a reverted transaction).
pub trait HoldAccounts {
    type Error: From<HoldError> + From<StdError>;

    /// Checks that `owner` may commit `amount` now (the token's pause, freeze/blacklist and
    /// identity rules, and `amount ≤ free balance`) and adds it to the owner's held total.
    /// Returns the owner's DID, when the token knows one.
    fn commit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error>;

    /// Returns `amount` of the owner's held total to its free balance. Never refused by the
    /// token's movement rules (nothing moves). Returns the owner's DID.
    fn uncommit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error>;

    /// Moves `amount` of the owner's held units to `recipient` (lowering the held total), under
    /// the token's recipient rule. Returns (owner DID, recipient DID).
    fn deliver(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        recipient: &Addr,
        amount: Uint128,
    ) -> Result<(Option<String>, Option<String>), Self::Error>;
}

/// A hold message, as each token's `ExecuteMsg` carries it.
#[derive(Debug, Clone)]
pub enum HoldOp {
    Place(PlaceHoldMsg),
    Release(ReleaseHoldMsg),
    Execute(ExecuteHoldMsg),
    /// The caller checked the token's legal-order role.
    CourtRelease(ReleaseHoldMsg),
}

/// Runs one hold message from `sender`.
#[allow(clippy::too_many_arguments)]
pub fn execute<A: HoldAccounts>(
    accounts: &mut A,
    storage: &mut dyn Storage,
    api: &dyn Api,
    holds: &Holds,
    venues: &Venues,
    now: Timestamp,
    sender: &Addr,
    op: HoldOp,
) -> Result<Response, A::Error> {
    match op {
        HoldOp::Place(m) => execute_place(accounts, storage, api, holds, venues, now, sender, m),
        HoldOp::Release(m) => execute_release(accounts, storage, api, holds, now, sender, m),
        HoldOp::Execute(m) => execute_hold(accounts, storage, api, holds, now, sender, m),
        HoldOp::CourtRelease(m) => execute_court_release(accounts, storage, api, holds, sender, m),
    }
}

fn did_attr(did: &Option<String>) -> &str {
    did.as_deref().unwrap_or("")
}

/// The event of one hold change (`wasm-harbour_hold_placed`, `_released`, `_expired`,
/// `_executed`, `_court_released`, `_moved`, `_burned`) with owner, owner DID, venue, amount and
/// what remains held.
pub fn hold_event(
    kind: &'static str,
    owner: &Addr,
    owner_did: &Option<String>,
    venue: &Addr,
    amount: Uint128,
    held: Uint128,
) -> Event {
    Event::new(kind)
        .add_attribute("owner", owner)
        .add_attribute("owner_did", did_attr(owner_did))
        .add_attribute("venue", venue)
        .add_attribute("amount", amount)
        .add_attribute("held", held)
}

fn check_reason(reason: &str) -> Result<(), HoldError> {
    if reason.trim().is_empty() || reason.len() > MAX_REASON_LEN {
        return Err(HoldError::InvalidReason { max: MAX_REASON_LEN });
    }
    Ok(())
}

/// `PlaceHold` from `owner`: the venue must be approved; the hook is called in the same transaction.
#[allow(clippy::too_many_arguments)]
pub fn execute_place<A: HoldAccounts>(
    accounts: &mut A,
    storage: &mut dyn Storage,
    api: &dyn Api,
    holds: &Holds,
    venues: &Venues,
    now: Timestamp,
    owner: &Addr,
    msg: PlaceHoldMsg,
) -> Result<Response, A::Error> {
    let venue = api.addr_validate(&msg.venue)?;
    venues.assert_venue(storage, &venue)?;
    let hold = holds.plan_add(storage, owner, &venue, msg.amount, msg.expires, now)?;
    let owner_did = accounts.commit(storage, owner, msg.amount)?;
    holds.write_add(storage, owner, &venue, &hold)?;
    let expires = hold.expires_ts();
    let mut ev = hold_event("harbour_hold_placed", owner, &owner_did, &venue, msg.amount, hold.amount);
    if let Some(e) = expires {
        ev = ev.add_attribute("expires", e.seconds().to_string());
    }
    let hook = HoldHookMsg::Placed {
        owner: owner.to_string(),
        owner_did,
        amount: msg.amount,
        held: hold.amount,
        expires,
        msg: msg.msg,
    };
    Ok(Response::new().add_attribute("action", "place_hold").add_event(ev).add_message(hook.into_cosmos_msg(&venue)?))
}

/// `ReleaseHold` from `sender`: the venue any time, anyone once the hold expired.
pub fn execute_release<A: HoldAccounts>(
    accounts: &mut A,
    storage: &mut dyn Storage,
    api: &dyn Api,
    holds: &Holds,
    now: Timestamp,
    sender: &Addr,
    msg: ReleaseHoldMsg,
) -> Result<Response, A::Error> {
    let (owner, venue) = (api.addr_validate(&msg.owner)?, api.addr_validate(&msg.venue)?);
    let hold = holds.load(storage, &owner, &venue)?;
    let kind = if *sender == venue {
        "harbour_hold_released"
    } else if hold.expired(now) {
        "harbour_hold_expired"
    } else {
        let expires = hold.expires_ts().map_or_else(|| "the venue releases it".to_string(), |e| e.to_string());
        return Err(HoldError::Committed { expires }.into());
    };
    if let Some(reason) = &msg.reason {
        check_reason(reason)?;
    }
    let r = holds.reduce(storage, &owner, &venue, msg.amount)?;
    let owner_did = accounts.uncommit(storage, &owner, r.amount)?;
    let mut ev = hold_event(kind, &owner, &owner_did, &venue, r.amount, r.held).add_attribute("by", sender);
    if let Some(reason) = msg.reason {
        ev = ev.add_attribute("reason", reason);
    }
    Ok(Response::new().add_attribute("action", "release_hold").add_event(ev))
}

/// `ExecuteHold` from the venue: held units move to each recipient under the recipient rule.
pub fn execute_hold<A: HoldAccounts>(
    accounts: &mut A,
    storage: &mut dyn Storage,
    api: &dyn Api,
    holds: &Holds,
    now: Timestamp,
    venue: &Addr,
    msg: ExecuteHoldMsg,
) -> Result<Response, A::Error> {
    if msg.transfers.is_empty() || msg.transfers.len() > MAX_HOLD_TRANSFERS {
        return Err(HoldError::InvalidTransfers { max: MAX_HOLD_TRANSFERS }.into());
    }
    let owner = api.addr_validate(&msg.owner)?;
    let mut total = Uint128::zero();
    let mut recipients = Vec::with_capacity(msg.transfers.len());
    for t in &msg.transfers {
        if t.amount.is_zero() {
            return Err(HoldError::ZeroAmount {}.into());
        }
        let recipient = api.addr_validate(&t.recipient)?;
        if recipient == owner {
            return Err(HoldError::SelfHold {}.into());
        }
        total = total.checked_add(t.amount).map_err(StdError::from)?;
        recipients.push((recipient, t.amount));
    }
    // checked first, written last: a refused recipient leaves the hold as it was
    holds.check_take(storage, &owner, venue, total, now)?;
    let mut events = Vec::with_capacity(recipients.len());
    for (recipient, amount) in recipients {
        let (owner_did, recipient_did) = accounts.deliver(storage, &owner, &recipient, amount)?;
        events.push((recipient, amount, owner_did, recipient_did));
    }
    let r = holds.reduce(storage, &owner, venue, Some(total))?;
    let mut res = Response::new().add_attribute("action", "execute_hold");
    for (recipient, amount, owner_did, recipient_did) in events {
        res = res.add_event(
            hold_event("harbour_hold_executed", &owner, &owner_did, venue, amount, r.held)
                .add_attribute("from", &owner)
                .add_attribute("to", &recipient)
                .add_attribute("from_did", did_attr(&owner_did))
                .add_attribute("to_did", did_attr(&recipient_did)),
        );
    }
    Ok(res)
}

/// `CourtReleaseHold` (the caller checked the legal-order role): any hold, any time, with a
/// reason; the venue's hook is called in the same transaction and must accept it.
pub fn execute_court_release<A: HoldAccounts>(
    accounts: &mut A,
    storage: &mut dyn Storage,
    api: &dyn Api,
    holds: &Holds,
    by: &Addr,
    msg: ReleaseHoldMsg,
) -> Result<Response, A::Error> {
    let reason = msg.reason.unwrap_or_default();
    check_reason(&reason)?;
    let (owner, venue) = (api.addr_validate(&msg.owner)?, api.addr_validate(&msg.venue)?);
    let r = holds.reduce(storage, &owner, &venue, msg.amount)?;
    let owner_did = accounts.uncommit(storage, &owner, r.amount)?;
    let ev = hold_event("harbour_hold_court_released", &owner, &owner_did, &venue, r.amount, r.held)
        .add_attribute("reason", &reason)
        .add_attribute("by", by);
    let hook =
        HoldHookMsg::CourtReleased { owner: owner.to_string(), owner_did, amount: r.amount, held: r.held, reason };
    Ok(Response::new()
        .add_attribute("action", "court_release_hold")
        .add_event(ev)
        .add_message(hook.into_cosmos_msg(&venue)?))
}

/// Wallet recovery: `from`'s holds move to `to` (same DID); each venue is told in the same
/// transaction. Returns the hooks and events and the total moved (the token moves the held total
/// between the two account records itself).
pub fn recover_holds(
    storage: &mut dyn Storage,
    holds: &Holds,
    from: &Addr,
    to: &Addr,
    owner_did: &Option<String>,
) -> Result<(Vec<CosmosMsg>, Vec<Event>, Uint128), HoldError> {
    let mut msgs = vec![];
    let mut events = vec![];
    let mut total = Uint128::zero();
    for (venue, amount, held) in holds.move_owner(storage, from, to)? {
        total = total.checked_add(amount).map_err(StdError::from)?;
        events.push(
            hold_event("harbour_hold_moved", to, owner_did, &venue, amount, held).add_attribute("from_owner", from),
        );
        let hook = HoldHookMsg::Moved {
            from_owner: from.to_string(),
            to_owner: to.to_string(),
            owner_did: owner_did.clone(),
            amount,
            held,
        };
        msgs.push(hook.into_cosmos_msg(&venue)?);
    }
    Ok((msgs, events, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::{mock_dependencies, MockApi};

    const HOLDS: Holds = Holds::new("ho", "hv");
    const VENUES: Venues = Venues::new("u", "uc");

    fn t(s: u64) -> Timestamp {
        Timestamp::from_seconds(s)
    }

    #[test]
    fn add_merges_expiry_and_bounds_venues() {
        let mut deps = mock_dependencies();
        let api = MockApi::default();
        let (o, v) = (api.addr_make("owner"), api.addr_make("venue"));
        let st = &mut deps.storage;
        assert_eq!(HOLDS.add(st, &o, &v, Uint128::zero(), None, t(10)), Err(HoldError::ZeroAmount {}));
        assert_eq!(HOLDS.add(st, &o, &o, Uint128::one(), None, t(10)), Err(HoldError::SelfHold {}));
        assert_eq!(
            HOLDS.add(st, &o, &v, Uint128::one(), Some(t(10)), t(10)),
            Err(HoldError::ExpiryInPast { expires: t(10) })
        );
        let h = HOLDS.add(st, &o, &v, Uint128::new(5), Some(t(20)), t(10)).unwrap();
        assert_eq!(h, StoredHold { amount: Uint128::new(5), expires: Some(20) });
        // a later expiry wins; an earlier one does not shorten the commitment
        let h = HOLDS.add(st, &o, &v, Uint128::new(1), Some(t(30)), t(10)).unwrap();
        assert_eq!(h.expires, Some(30));
        let h = HOLDS.add(st, &o, &v, Uint128::new(1), Some(t(15)), t(10)).unwrap();
        assert_eq!((h.amount.u128(), h.expires), (7, Some(30)));
        // no expiry wins over any expiry
        let h = HOLDS.add(st, &o, &v, Uint128::new(1), None, t(10)).unwrap();
        assert_eq!(h.expires, None);
        for i in 1..MAX_HOLDS_PER_OWNER {
            HOLDS.add(st, &o, &api.addr_make(&format!("v{i}")), Uint128::one(), None, t(10)).unwrap();
        }
        let extra = api.addr_make("one-too-many");
        assert_eq!(
            HOLDS.add(st, &o, &extra, Uint128::one(), None, t(10)),
            Err(HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER })
        );
        // topping up an existing venue is fine at the bound
        HOLDS.add(st, &o, &v, Uint128::one(), None, t(10)).unwrap();
        assert!(HOLDS.venue_holds(st, &v));
        assert!(!HOLDS.venue_holds(st, &extra));
    }

    #[test]
    fn reduce_take_and_expiry() {
        let mut deps = mock_dependencies();
        let api = MockApi::default();
        let (o, v) = (api.addr_make("owner"), api.addr_make("venue"));
        let st = &mut deps.storage;
        HOLDS.add(st, &o, &v, Uint128::new(10), Some(t(20)), t(10)).unwrap();
        assert_eq!(
            HOLDS.reduce(st, &o, &v, Some(Uint128::new(11))).err(),
            Some(HoldError::ExceedsHold { held: Uint128::new(10), needed: Uint128::new(11) })
        );
        HOLDS.check_take(st, &o, &v, Uint128::new(4), t(19)).unwrap();
        assert_eq!(
            HOLDS.check_take(st, &o, &v, Uint128::new(11), t(19)),
            Err(HoldError::ExceedsHold { held: Uint128::new(10), needed: Uint128::new(11) })
        );
        let r = HOLDS.reduce(st, &o, &v, Some(Uint128::new(4))).unwrap();
        assert_eq!((r.amount.u128(), r.held.u128()), (4, 6));
        assert_eq!(HOLDS.check_take(st, &o, &v, Uint128::new(1), t(20)), Err(HoldError::Expired { expires: t(20) }));
        let r = HOLDS.reduce(st, &o, &v, None).unwrap();
        assert_eq!((r.amount.u128(), r.held.u128()), (6, 0));
        assert_eq!(HOLDS.get(st, &o, &v).unwrap(), None);
        assert!(!HOLDS.venue_holds(st, &v));
        assert_eq!(
            HOLDS.reduce(st, &o, &v, None).err(),
            Some(HoldError::NoHold { owner: o.to_string(), venue: v.to_string() })
        );
    }

    #[test]
    fn recovery_moves_and_merges_within_the_bound() {
        let mut deps = mock_dependencies();
        let api = MockApi::default();
        let (lost, new) = (api.addr_make("lost"), api.addr_make("new"));
        let (v1, v2) = (api.addr_make("v1"), api.addr_make("v2"));
        let st = &mut deps.storage;
        HOLDS.add(st, &lost, &v1, Uint128::new(3), Some(t(50)), t(10)).unwrap();
        HOLDS.add(st, &lost, &v2, Uint128::new(4), None, t(10)).unwrap();
        HOLDS.add(st, &new, &v1, Uint128::new(1), Some(t(40)), t(10)).unwrap();
        let moved = HOLDS.move_owner(st, &lost, &new).unwrap();
        let mut moved: Vec<(String, u128, u128)> =
            moved.into_iter().map(|(v, a, h)| (v.to_string(), a.u128(), h.u128())).collect();
        moved.sort();
        let mut expected = vec![(v1.to_string(), 3, 4), (v2.to_string(), 4, 4)];
        expected.sort();
        assert_eq!(moved, expected);
        assert!(HOLDS.of_owner(st, &lost).unwrap().is_empty());
        assert_eq!(HOLDS.get(st, &new, &v1).unwrap(), Some(StoredHold { amount: Uint128::new(4), expires: Some(50) }));
        let by_venue = HOLDS.query_holds(st, &api, t(10), None, Some(v1.to_string()), None, None).unwrap();
        assert_eq!(by_venue.holds.iter().map(|h| h.owner.clone()).collect::<Vec<_>>(), vec![new.clone()]);
        // the bound counts the merged set of venues
        for i in 0..MAX_HOLDS_PER_OWNER {
            HOLDS.add(st, &lost, &api.addr_make(&format!("w{i}")), Uint128::one(), None, t(10)).unwrap();
        }
        assert_eq!(HOLDS.move_owner(st, &lost, &new).err(), Some(HoldError::TooManyHolds { max: MAX_HOLDS_PER_OWNER }));
    }

    #[test]
    fn venues_are_bounded_and_not_removed_while_in_use() {
        let mut deps = mock_dependencies();
        let api = MockApi::default();
        let (o, v) = (api.addr_make("owner"), api.addr_make("venue"));
        let st = &mut deps.storage;
        VENUES.add(st, &v, true).unwrap();
        assert_eq!(VENUES.add(st, &v, false).err(), Some(HoldError::VenueExists { address: v.to_string() }));
        assert!(VENUES.assert_venue(st, &v).unwrap().burn_held);
        HOLDS.add(st, &o, &v, Uint128::one(), None, t(1)).unwrap();
        assert_eq!(
            VENUES.remove(st, &HOLDS, &v, Uint128::zero()).err(),
            Some(HoldError::VenueInUse { address: v.to_string(), holds: true, balance: Uint128::zero() })
        );
        HOLDS.reduce(st, &o, &v, None).unwrap();
        assert_eq!(
            VENUES.remove(st, &HOLDS, &v, Uint128::new(2)).err(),
            Some(HoldError::VenueInUse { address: v.to_string(), holds: false, balance: Uint128::new(2) })
        );
        VENUES.remove(st, &HOLDS, &v, Uint128::zero()).unwrap();
        assert_eq!(VENUES.assert_venue(st, &v).err(), Some(HoldError::NotAVenue { address: v.to_string() }));
        for i in 0..MAX_VENUES {
            VENUES.add(st, &api.addr_make(&format!("v{i}")), false).unwrap();
        }
        assert_eq!(VENUES.add(st, &v, false).err(), Some(HoldError::TooManyVenues { max: MAX_VENUES }));
        let page = VENUES.query_list(st, &api, None, Some(100)).unwrap();
        assert_eq!(page.venues.len(), MAX_VENUES as usize);
    }

    #[test]
    fn hook_json_is_what_venues_parse() {
        let hook = HoldHookMsg::CourtReleased {
            owner: "o".into(),
            owner_did: None,
            amount: Uint128::new(3),
            held: Uint128::zero(),
            reason: "HCA 12/2026".into(),
        };
        let CosmosMsg::Wasm(WasmMsg::Execute { msg, contract_addr, .. }) =
            hook.into_cosmos_msg(&Addr::unchecked("venue")).unwrap()
        else {
            panic!("not a wasm execute")
        };
        assert_eq!(contract_addr, "venue");
        assert_eq!(
            String::from_utf8(msg.to_vec()).unwrap(),
            r#"{"hold_hook":{"court_released":{"owner":"o","owner_did":null,"amount":"3","held":"0","reason":"HCA 12/2026"}}}"#
        );
    }
}
