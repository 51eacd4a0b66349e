//! The dealing formulas, each rounding direction named (all in the fund's favour). NAV is cash
//! units per share unit.
//!
//! - subscription of cash `c`: `fee = ⌈c × f_s / 10⁴⌉`, `net = c − fee` (to custody),
//!   `shares = ⌊net / NAV⌋`;
//! - redemption of `s` shares: `gross = ⌊s × NAV⌋`, `fee = ⌈gross × f_r / 10⁴⌉`,
//!   `paid = gross − fee`.

use cosmwasm_std::{Decimal, Uint128};
use harbour_types::math::{apply_bps, div_decimal, mul_decimal, MathError, Rounding};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscriptionQuote {
    pub fee: Uint128,
    pub net: Uint128,
    pub shares: Uint128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RedemptionQuote {
    pub gross: Uint128,
    pub fee: Uint128,
    pub paid: Uint128,
}

pub fn subscription(cash: Uint128, nav: Decimal, fee_bps: u16) -> Result<SubscriptionQuote, MathError> {
    let fee = apply_bps(cash, fee_bps, Rounding::Up)?;
    let net = cash.checked_sub(fee).map_err(|_| MathError::Overflow)?;
    let shares = div_decimal(net, nav, Rounding::Down)?;
    Ok(SubscriptionQuote { fee, net, shares })
}

pub fn redemption(shares: Uint128, nav: Decimal, fee_bps: u16) -> Result<RedemptionQuote, MathError> {
    let gross = mul_decimal(shares, nav, Rounding::Down)?;
    let fee = apply_bps(gross, fee_bps, Rounding::Up)?;
    let paid = gross.checked_sub(fee).map_err(|_| MathError::Overflow)?;
    Ok(RedemptionQuote { gross, fee, paid })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Worked examples computed by hand (README), the oracle for both formulas.
    #[test]
    fn worked_examples() {
        // 1,000,001 cash at NAV 1.003 with 25 bps: fee ⌈2,500.0025⌉ = 2,501, net 997,500,
        // shares ⌊994,516.45…⌋ = 994,516
        let q = subscription(Uint128::new(1_000_001), d("1.003"), 25).unwrap();
        assert_eq!((q.fee.u128(), q.net.u128(), q.shares.u128()), (2_501, 997_500, 994_516));
        // 994,516 shares at 1.0015 with 10 bps: gross ⌊996,007.774⌋ = 996,007, fee ⌈996.007⌉ = 997,
        // paid 995,010
        let r = redemption(Uint128::new(994_516), d("1.0015"), 10).unwrap();
        assert_eq!((r.gross.u128(), r.fee.u128(), r.paid.u128()), (996_007, 997, 995_010));
        // no fee, exact
        let r = redemption(Uint128::new(1_000), Decimal::one(), 0).unwrap();
        assert_eq!((r.gross.u128(), r.fee.u128(), r.paid.u128()), (1_000, 0, 1_000));
    }

    /// Rounding boundaries: a mutation of any direction fails one of these.
    #[test]
    fn rounding_is_in_the_funds_favour() {
        // fee rounds up: 1 cash at 1 bps pays a whole unit of fee and buys nothing
        let q = subscription(Uint128::new(1), Decimal::one(), 1).unwrap();
        assert_eq!((q.fee.u128(), q.shares.u128()), (1, 0));
        // shares round down: 3 cash at NAV 2 buys 1 share
        assert_eq!(subscription(Uint128::new(3), d("2"), 0).unwrap().shares.u128(), 1);
        // gross rounds down: 3 shares at 0.5 are worth 1
        assert_eq!(redemption(Uint128::new(3), d("0.5"), 0).unwrap().gross.u128(), 1);
        // redemption fee rounds up: 10,001 gross at 1 bps pays 2
        assert_eq!(redemption(Uint128::new(10_001), Decimal::one(), 1).unwrap().fee.u128(), 2);
        // a payout that the fee eats entirely
        assert_eq!(redemption(Uint128::new(1), Decimal::one(), 1).unwrap().paid.u128(), 0);
    }
}
