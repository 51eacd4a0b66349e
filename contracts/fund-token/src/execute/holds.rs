//! Holds on fund shares: the shared mechanism (`harbour_types::holds`) plugged into the fund's
//! ledger. The owner commits free shares (not paused, bound, not fully frozen, within
//! `balance − held − frozen − locked`); a venue executes them to recipients that pass the
//! recipient side of the transfer rule ([`crate::ledger::execution_reasons`]); the agent releases
//! any hold by court order; a venue approved with `burn_held` (the fund's dealing contract) burns
//! units held for it, never a frozen or unbound owner's. Held shares stay in the owner's balance,
//! DID holding, register, holder count and income.

use cosmwasm_std::{
    from_json, to_json_binary, Addr, DepsMut, Env, Event, MessageInfo, Reply, ReplyOn, Response, StdError, Storage,
    SubMsgResult, Uint128,
};
use harbour_types::compliance::{Denial, ReasonCode};
use harbour_types::fund_token::{BurnHeldMsg, FundRole};
use harbour_types::holds::{self, HoldAccounts, HoldError, HoldOp, PlacedHookResponse};

use crate::error::ContractError;
use crate::helpers::{addr, assert_role, deny_if, now_secs};
use crate::ledger::{apply_debit, apply_move, balance_reasons, burn_reasons, execution_reasons, movement_attrs, Side};
use crate::state::{Hot, ACCOUNTS, HOLDS, HOT, TOKEN, VENUES};

/// The fund's side of the shared hold operations.
pub struct FundHolds {
    hot: Hot,
    now: u64,
}

impl FundHolds {
    pub fn load(storage: &dyn Storage, env: &Env) -> Result<Self, ContractError> {
        Ok(FundHolds { hot: HOT.load(storage)?, now: now_secs(env) })
    }
}

fn did_of(side: &Side) -> Option<String> {
    side.info.as_ref().map(|i| i.did.clone())
}

/// What stops an owner's own action on its shares (placing a hold; being paid for a burn of held
/// shares): pause, an unbound (or never bound) wallet, a full freeze.
fn owner_reasons(hot: &Hot, side: &Side) -> Vec<Denial> {
    let mut reasons = Vec::new();
    if hot.paused {
        reasons.push(Denial::new(ReasonCode::Paused));
    }
    if side.acct.unbound || side.info.as_ref().map_or(true, |i| i.removed) {
        reasons.push(Denial::new(ReasonCode::UnknownWallet));
    }
    if side.acct.frozen_all {
        reasons.push(Denial::new(ReasonCode::SenderFrozen));
    }
    reasons
}

fn lower_held(acct: &mut crate::state::Account, amount: Uint128) -> Result<(), ContractError> {
    acct.held = acct.held.checked_sub(amount).map_err(|_| ContractError::Inconsistent { what: "held total" })?;
    Ok(())
}

impl HoldAccounts for FundHolds {
    type Error = ContractError;

    fn commit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error> {
        let mut side = Side::load(storage, owner)?;
        let mut reasons = owner_reasons(&self.hot, &side);
        reasons.extend(balance_reasons(&side.acct, self.now, amount));
        deny_if(reasons)?;
        side.acct.held = side.acct.held.checked_add(amount).map_err(cosmwasm_std::StdError::from)?;
        ACCOUNTS.save(storage, owner, &side.acct)?;
        Ok(did_of(&side))
    }

    fn uncommit(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        amount: Uint128,
    ) -> Result<Option<String>, Self::Error> {
        let mut side = Side::load(storage, owner)?;
        lower_held(&mut side.acct, amount)?;
        ACCOUNTS.save(storage, owner, &side.acct)?;
        Ok(did_of(&side))
    }

    fn deliver(
        &mut self,
        storage: &mut dyn Storage,
        owner: &Addr,
        recipient: &Addr,
        amount: Uint128,
    ) -> Result<(Option<String>, Option<String>), Self::Error> {
        let mut from = Side::load(storage, owner)?;
        let mut to = Side::load(storage, recipient)?;
        deny_if(execution_reasons(storage, &self.hot, self.now, &from, &to, amount)?)?;
        lower_held(&mut from.acct, amount)?;
        apply_move(storage, &self.hot, self.now, &mut from, &mut to, amount)?;
        Ok((did_of(&from), did_of(&to)))
    }
}

/// Reply id of the venue's `placed` hook (its answer, [`PlacedHookResponse`], is applied in the
/// reply).
pub const PLACED_HOOK_REPLY: u64 = 1;

/// `PlaceHold`, `ReleaseHold`, `ExecuteHold` and `CourtReleaseHold` (agent only). The venue's
/// `placed` hook runs as a sub-message (payload: owner and venue); its answer is applied in
/// [`placed_hook_reply`].
pub fn handle(deps: DepsMut, env: Env, info: MessageInfo, op: HoldOp) -> Result<Response, ContractError> {
    if let HoldOp::CourtRelease(_) = op {
        assert_role(deps.storage, FundRole::Agent, &info.sender, "court_release_hold")?;
    }
    let placed = match &op {
        HoldOp::Place(m) => Some(addr(deps.api, &m.venue)?),
        _ => None,
    };
    let mut accounts = FundHolds::load(deps.storage, &env)?;
    let mut res =
        holds::execute(&mut accounts, deps.storage, deps.api, &HOLDS, &VENUES, env.block.time, &info.sender, op)?;
    if let Some(venue) = placed {
        let payload = to_json_binary(&(info.sender, venue))?;
        for sub in res.messages.iter_mut() {
            sub.id = PLACED_HOOK_REPLY;
            sub.reply_on = ReplyOn::Success;
            sub.payload = payload.clone();
        }
    }
    Ok(res)
}

/// The `placed` hook succeeded. A venue approved with `burn_held` must answer with a
/// [`PlacedHookResponse`]: its `burn` (the units just held, an instant redemption the venue paid)
/// burns now under the burn rule, and its `data` becomes `PlaceHold`'s response data. Any other
/// venue's data is returned as it is.
pub fn placed_hook_reply(deps: DepsMut, env: Env, reply: Reply) -> Result<Response, ContractError> {
    let SubMsgResult::Ok(ok) = reply.result else {
        return Err(ContractError::Inconsistent { what: "placed hook reply on error" });
    };
    let (owner, venue): (Addr, Addr) = from_json(&reply.payload)?;
    let data = match ok.msg_responses.first() {
        Some(r) => {
            cw_utils::parse_execute_response_data(r.value.as_slice())
                .map_err(|e| StdError::generic_err(format!("placed hook response: {e}")))?
                .data
        }
        None => None,
    };
    if !VENUES.get(deps.storage, &venue)?.is_some_and(|v| v.burn_held) {
        return Ok(data.map_or_else(Response::new, |d| Response::new().set_data(d)));
    }
    let answer: PlacedHookResponse = match data {
        Some(d) => from_json(&d).map_err(|e| StdError::generic_err(format!("placed hook response: {e}")))?,
        None => PlacedHookResponse { burn: Uint128::zero(), data: None },
    };
    let mut res = Response::new();
    if !answer.burn.is_zero() {
        res = burn(deps, &env, &venue, &owner, answer.burn)?;
    }
    Ok(match answer.data {
        Some(d) => res.set_data(d),
        None => res,
    })
}

/// `BurnHeld`: the venue (approved with `burn_held`) burns `amount` of the shares held for it,
/// under the burn rule ([`crate::ledger::burn_reasons`]).
pub fn burn_held(deps: DepsMut, env: Env, info: MessageInfo, msg: BurnHeldMsg) -> Result<Response, ContractError> {
    let venue = info.sender;
    if !VENUES.assert_venue(deps.storage, &venue)?.burn_held {
        return Err(HoldError::NoBurnPermission { venue: venue.into_string() }.into());
    }
    let owner = addr(deps.api, &msg.owner)?;
    burn(deps, &env, &venue, &owner, msg.amount)
}

/// Burns `amount` of `owner`'s units held for `venue` (which has the burn permission).
fn burn(deps: DepsMut, env: &Env, venue: &Addr, owner: &Addr, amount: Uint128) -> Result<Response, ContractError> {
    let FundHolds { hot, now } = FundHolds::load(deps.storage, env)?;
    let mut side = Side::load(deps.storage, owner)?;
    deny_if(burn_reasons(&hot, &side, amount))?;
    HOLDS.check_take(deps.storage, owner, venue, amount, env.block.time)?;
    lower_held(&mut side.acct, amount)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_sub(amount).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    apply_debit(deps.storage, &hot, now, &mut side, amount)?;
    let r = HOLDS.reduce(deps.storage, owner, venue, Some(amount))?;
    let did = did_of(&side);
    let ev: Event = holds::hold_event("harbour_hold_burned", owner, &did, venue, amount, r.held)
        .add_attributes(movement_attrs(side.party(), ("", ""), amount));
    Ok(Response::new()
        .add_attribute("action", "burn_held")
        .add_attribute("total_supply", token.total_supply)
        .add_event(ev))
}
