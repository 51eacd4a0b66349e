//! The fund's side of dealing: the dealing contract (`Config.dealing`, an approved venue with the
//! `burn_held` permission) may mint shares to a subscriber under the subscription rule, and burn
//! units held for it (`BurnHeld`, in `holds.rs`). Nothing else moves between the two contracts:
//! NAV, cash, fees, limits and the redemption queue live in `contracts/fund-dealing`.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use harbour_types::fund_token::DealingMintMsg;

use crate::error::ContractError;
use crate::helpers::{addr, assert_owner, check_amount, deny_if, now_secs};
use crate::ledger::{apply_credit, movement_attrs, subscription_reasons, Side};
use crate::state::{CONFIG, HOLDS, HOT, TOKEN, VENUES};

/// `DealingMint`: the dealing contract issues `amount` shares to a subscriber, optionally locked
/// until `lock_until`. The subscriber must pass the subscription rule (not paused, verified, not
/// frozen, holder cap, minimum and maximum holding).
pub fn dealing_mint(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: DealingMintMsg,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if cfg.dealing.as_ref() != Some(&info.sender) {
        return Err(ContractError::NotDealing {
            expected: cfg.dealing.map_or_else(|| "none set".to_string(), |d| d.into_string()),
        });
    }
    check_amount(msg.amount)?;
    let recipient = addr(deps.api, &msg.recipient)?;
    let hot = HOT.load(deps.storage)?;
    let now = now_secs(&env);
    let mut to = Side::load(deps.storage, &recipient)?;
    deny_if(subscription_reasons(deps.storage, &hot, now, &to, msg.amount)?)?;
    let mut token = TOKEN.load(deps.storage)?;
    token.total_supply = token.total_supply.checked_add(msg.amount).map_err(cosmwasm_std::StdError::from)?;
    TOKEN.save(deps.storage, &token)?;
    apply_credit(deps.storage, &hot, now, &mut to, msg.amount, msg.lock_until.map(|t| t.seconds()))?;
    Ok(Response::new()
        .add_attribute("action", "dealing_mint")
        .add_attributes(movement_attrs(("", ""), to.party(), msg.amount))
        .add_attribute("lock_until", msg.lock_until.map_or("none".to_string(), |t| t.seconds().to_string()))
        .add_attribute("total_supply", token.total_supply))
}

/// `SetDealing` (owner): names the dealing contract. It must be an approved venue with
/// `burn_held`; the previous one cannot be replaced while units are held for it.
pub fn set_dealing(deps: DepsMut, info: MessageInfo, address: String) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender, "set_dealing")?;
    let dealing = addr(deps.api, &address)?;
    if !VENUES.get(deps.storage, &dealing)?.is_some_and(|v| v.burn_held) {
        return Err(ContractError::NotADealingVenue { address: dealing.into_string() });
    }
    let mut cfg = CONFIG.load(deps.storage)?;
    if let Some(old) = cfg.dealing.as_ref().filter(|old| **old != dealing) {
        if HOLDS.venue_holds(deps.storage, old) {
            return Err(ContractError::DealingInUse { address: old.to_string(), held: true });
        }
    }
    cfg.dealing = Some(dealing.clone());
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "set_dealing").add_attribute("dealing", dealing))
}
