//! Pagination bounds shared by every list query: `start_after` is exclusive, `limit` defaults to
//! [`DEFAULT_LIMIT`] and is clamped to [`MAX_LIMIT`].

pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 100;

/// The effective page size for a requested `limit`.
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps() {
        assert_eq!(page_limit(None), 10);
        assert_eq!(page_limit(Some(0)), 1);
        assert_eq!(page_limit(Some(5)), 5);
        assert_eq!(page_limit(Some(1000)), 100);
    }
}
