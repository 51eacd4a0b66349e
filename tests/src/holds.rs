//! Hold helpers for the Suite, for either token (both accept the same hold messages): place,
//! release, execute and court-order release, the token's hold records, and the venue's books and
//! hooks (`packages/hold-venue`).

use anyhow::Result;
use cosmwasm_std::{Addr, Binary, Timestamp, Uint128};
use cw_multi_test::AppResponse;
use harbour_types::holds::{
    ExecuteHoldMsg, HoldHookMsg, HoldInfo, HoldTransfer, HoldsResponse, PlaceHoldMsg, ReleaseHoldMsg,
};
use hold_venue::{Book, QueryMsg as VenueQueryMsg};
use serde::Serialize;

use crate::suite::Suite;

/// The hold messages, with the JSON both tokens accept.
#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "snake_case")]
pub enum HoldMsg {
    PlaceHold(PlaceHoldMsg),
    ReleaseHold(ReleaseHoldMsg),
    ExecuteHold(ExecuteHoldMsg),
    CourtReleaseHold(ReleaseHoldMsg),
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum HoldQuery {
    Hold { owner: String, venue: String },
    Holds { owner: Option<String>, venue: Option<String>, start_after: Option<String>, limit: Option<u32> },
}

/// `(recipient, amount)` pairs as hold transfers.
pub fn transfers(to: &[(&Addr, u128)]) -> Vec<HoldTransfer> {
    to.iter().map(|(r, a)| HoldTransfer { recipient: r.to_string(), amount: Uint128::new(*a) }).collect()
}

impl Suite {
    /// `owner` places `amount` on `token` for `venue`.
    pub fn place_hold(
        &mut self,
        token: &Addr,
        owner: &Addr,
        venue: &Addr,
        amount: u128,
        expires: Option<Timestamp>,
        msg: Option<Binary>,
    ) -> Result<AppResponse> {
        let m =
            HoldMsg::PlaceHold(PlaceHoldMsg { venue: venue.to_string(), amount: Uint128::new(amount), expires, msg });
        self.execute(owner, token, &m)
    }

    /// `sender` (the venue, or anyone after expiry) releases `amount` (`None`: all).
    pub fn release_hold(
        &mut self,
        token: &Addr,
        sender: &Addr,
        owner: &Addr,
        venue: &Addr,
        amount: Option<u128>,
    ) -> Result<AppResponse> {
        let m = HoldMsg::ReleaseHold(ReleaseHoldMsg {
            owner: owner.to_string(),
            venue: venue.to_string(),
            amount: amount.map(Uint128::new),
            reason: None,
        });
        self.execute(sender, token, &m)
    }

    /// `venue` executes `owner`'s hold to the recipients.
    pub fn execute_hold(
        &mut self,
        token: &Addr,
        venue: &Addr,
        owner: &Addr,
        to: &[(&Addr, u128)],
    ) -> Result<AppResponse> {
        let m = HoldMsg::ExecuteHold(ExecuteHoldMsg { owner: owner.to_string(), transfers: transfers(to) });
        self.execute(venue, token, &m)
    }

    /// `sender` (the token's legal-order role) releases by court order.
    pub fn court_release(
        &mut self,
        token: &Addr,
        sender: &Addr,
        owner: &Addr,
        venue: &Addr,
        amount: Option<u128>,
        reason: &str,
    ) -> Result<AppResponse> {
        let m = HoldMsg::CourtReleaseHold(ReleaseHoldMsg {
            owner: owner.to_string(),
            venue: venue.to_string(),
            amount: amount.map(Uint128::new),
            reason: Some(reason.into()),
        });
        self.execute(sender, token, &m)
    }

    /// The token's record of `owner`'s hold for `venue` (`None` when there is none).
    pub fn hold(&self, token: &Addr, owner: &Addr, venue: &Addr) -> Option<HoldInfo> {
        self.query(token, &HoldQuery::Hold { owner: owner.to_string(), venue: venue.to_string() }).ok()
    }

    /// Held amount of `owner` for `venue` (0 when none).
    pub fn held(&self, token: &Addr, owner: &Addr, venue: &Addr) -> u128 {
        self.hold(token, owner, venue).map_or(0, |h| h.amount.u128())
    }

    /// Every hold of `owner` (at most 8, one page).
    pub fn holds_of(&self, token: &Addr, owner: &Addr) -> Vec<HoldInfo> {
        let q = HoldQuery::Holds { owner: Some(owner.to_string()), venue: None, start_after: None, limit: Some(100) };
        self.query::<_, HoldsResponse>(token, &q).map(|r| r.holds).unwrap_or_default()
    }

    /// Every hold placed for `venue`, all pages.
    pub fn holds_for(&self, token: &Addr, venue: &Addr) -> Vec<HoldInfo> {
        let mut out: Vec<HoldInfo> = vec![];
        loop {
            let start_after = out.last().map(|h| h.owner.to_string());
            let q = HoldQuery::Holds { owner: None, venue: Some(venue.to_string()), start_after, limit: Some(100) };
            let page: HoldsResponse = self.query(token, &q).expect("holds query");
            if page.holds.is_empty() {
                return out;
            }
            out.extend(page.holds);
        }
    }

    /// The venue's books for `token`.
    pub fn venue_books(&self, venue: &Addr, token: &Addr) -> Vec<Book> {
        self.query(venue, &VenueQueryMsg::Books { token: token.to_string() }).expect("books")
    }

    /// Every hook the venue received: (token, hook).
    pub fn venue_hooks(&self, venue: &Addr) -> Vec<(String, HoldHookMsg)> {
        self.query(venue, &VenueQueryMsg::Hooks {}).expect("hooks")
    }
}

/// The attribute `key` of the first event of type `wasm-<ty>` in `res`.
pub fn event_attr(res: &AppResponse, ty: &str, key: &str) -> Option<String> {
    let ty = format!("wasm-{ty}");
    res.events.iter().filter(|e| e.ty == ty).flat_map(|e| &e.attributes).find(|a| a.key == key).map(|a| a.value.clone())
}
