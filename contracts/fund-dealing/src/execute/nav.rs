//! NAV publication with guards (maximum move per update, minimum interval; staleness is checked
//! where the NAV is used) and the emergency markdown.

use cosmwasm_std::{Decimal, DepsMut, Env, Event, MessageInfo, Response, Uint128};
use harbour_types::fund_dealing::{DealingRole, NavRecord};
use harbour_types::math::{mul_div, Rounding};

use crate::error::ContractError;
use crate::helpers::{assert_role, check_text};
use crate::state::{NavState, CONFIG, NAV, NAV_HISTORY};

/// |new − previous| / previous in basis points, rounded up (a move just over the guard is refused).
pub fn move_bps(previous: Decimal, new: Decimal) -> Result<u128, ContractError> {
    let diff = if new > previous { new - previous } else { previous - new };
    Ok(mul_div(diff.atomics(), Uint128::new(10_000), previous.atomics(), Rounding::Up)?.u128())
}

fn publish(
    deps: DepsMut,
    env: &Env,
    current: &NavState,
    nav: Decimal,
    by: &cosmwasm_std::Addr,
    reason: Option<String>,
) -> Result<u64, ContractError> {
    let seq = current.seq.checked_add(1).ok_or(ContractError::Overflow {})?;
    NAV.save(deps.storage, &NavState { nav, updated_at: env.block.time, seq })?;
    NAV_HISTORY.save(
        deps.storage,
        seq,
        &NavRecord { seq, nav, at: env.block.time, by: by.clone(), markdown_reason: reason },
    )?;
    Ok(seq)
}

pub fn set_nav(deps: DepsMut, env: Env, info: MessageInfo, nav: Decimal) -> Result<Response, ContractError> {
    assert_role(deps.storage, DealingRole::NavOracle, &info.sender, "set_nav")?;
    if nav.is_zero() {
        return Err(ContractError::ZeroNav {});
    }
    let guards = CONFIG.load(deps.storage)?.guards;
    let current = NAV.load(deps.storage)?;
    let next_allowed = current.updated_at.plus_seconds(guards.min_interval);
    if env.block.time < next_allowed {
        return Err(ContractError::NavTooSoon { next_allowed });
    }
    let bps = move_bps(current.nav, nav)?;
    if bps > u128::from(guards.max_move_bps) {
        return Err(ContractError::NavMoveTooLarge {
            previous: current.nav,
            new: nav,
            move_bps: bps,
            max_bps: guards.max_move_bps,
        });
    }
    let seq = publish(deps, &env, &current, nav, &info.sender, None)?;
    Ok(Response::new()
        .add_attribute("action", "set_nav")
        .add_attribute("nav", nav.to_string())
        .add_attribute("previous_nav", current.nav.to_string())
        .add_attribute("move_bps", bps.to_string())
        .add_attribute("seq", seq.to_string())
        .add_attribute("oracle", info.sender))
}

/// The markdown role lowers the NAV by any amount (and without waiting for the minimum
/// interval), with a reason; an increase is refused (increases stay guarded).
pub fn emergency_markdown(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    nav: Decimal,
    reason: String,
) -> Result<Response, ContractError> {
    assert_role(deps.storage, DealingRole::Markdown, &info.sender, "emergency_markdown")?;
    check_text("reason", &reason)?;
    if nav.is_zero() {
        return Err(ContractError::ZeroNav {});
    }
    let current = NAV.load(deps.storage)?;
    if nav >= current.nav {
        return Err(ContractError::MarkdownNotLower { current: current.nav, new: nav });
    }
    let bps = move_bps(current.nav, nav)?;
    let seq = publish(deps, &env, &current, nav, &info.sender, Some(reason.clone()))?;
    Ok(Response::new().add_attribute("action", "emergency_markdown").add_event(
        Event::new("harbour_nav_markdown")
            .add_attribute("nav", nav.to_string())
            .add_attribute("previous_nav", current.nav.to_string())
            .add_attribute("move_bps", bps.to_string())
            .add_attribute("seq", seq.to_string())
            .add_attribute("reason", reason)
            .add_attribute("by", info.sender),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_move_in_bps_rounds_up() {
        assert_eq!(move_bps(Decimal::one(), Decimal::permille(1_010)).unwrap(), 100);
        assert_eq!(move_bps(Decimal::one(), Decimal::permille(990)).unwrap(), 100);
        // 0.00001 → 0.1 bps, rounded up to 1 so a tiny move is never "free"
        assert_eq!(move_bps(Decimal::one(), Decimal::from_ratio(100_001u128, 100_000u128)).unwrap(), 1);
        assert_eq!(move_bps(Decimal::one(), Decimal::one()).unwrap(), 0);
    }
}
