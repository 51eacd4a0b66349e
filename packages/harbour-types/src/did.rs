//! W3C Decentralized Identifiers (DID Core 1.0, §3.1 syntax), validated and length-bounded.
//!
//! ```text
//! did                = "did:" method-name ":" method-specific-id
//! method-name        = 1*method-char            ; method-char = a-z / 0-9
//! method-specific-id = *( *idchar ":" ) 1*idchar
//! idchar             = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
//! pct-encoded        = "%" HEXDIG HEXDIG
//! ```
//! No personal data goes on chain: a DID is an opaque identifier that resolves off chain.

use thiserror::Error;

/// Shortest possible DID is `did:a:b`.
pub const MIN_DID_LEN: usize = 7;
/// Longest DID accepted on chain (bytes). Covers did:key, did:web, did:ethr, did:pkh, did:ion short form.
pub const MAX_DID_LEN: usize = 128;
/// Longest method name accepted.
pub const MAX_DID_METHOD_LEN: usize = 32;

#[derive(Error, Debug, PartialEq, Eq, Clone)]
pub enum DidError {
    #[error("DID length {len} outside {min}..={max} bytes")]
    Length { len: usize, min: usize, max: usize },
    #[error("DID must start with \"did:\"")]
    Scheme,
    #[error("DID method name must be 1..={max} characters of a-z or 0-9")]
    Method { max: usize },
    #[error("DID method-specific id is empty or ends with ':'")]
    EmptyId,
    #[error("DID method-specific id has an invalid character at byte {position}")]
    InvalidChar { position: usize },
    #[error("DID method-specific id has a malformed percent-encoding at byte {position}")]
    PercentEncoding { position: usize },
}

/// Validates a DID string against the W3C DID Core syntax and Harbour's length bounds.
/// Returns the method name on success.
pub fn validate_did(did: &str) -> Result<&str, DidError> {
    let len = did.len();
    if !(MIN_DID_LEN..=MAX_DID_LEN).contains(&len) {
        return Err(DidError::Length { len, min: MIN_DID_LEN, max: MAX_DID_LEN });
    }
    let rest = did.strip_prefix("did:").ok_or(DidError::Scheme)?;
    let (method, id) = rest.split_once(':').ok_or(DidError::Method { max: MAX_DID_METHOD_LEN })?;
    if method.is_empty()
        || method.len() > MAX_DID_METHOD_LEN
        || !method.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return Err(DidError::Method { max: MAX_DID_METHOD_LEN });
    }
    if id.is_empty() || id.ends_with(':') {
        return Err(DidError::EmptyId);
    }
    let offset = 4 + method.len() + 1;
    let bytes = id.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b':' => i += 1,
            b'%' => {
                let ok = bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
                if !ok {
                    return Err(DidError::PercentEncoding { position: offset + i });
                }
                i += 3;
            }
            _ => return Err(DidError::InvalidChar { position: offset + i }),
        }
    }
    Ok(method)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_real_world_dids() {
        for did in [
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:web:issuer.example.hk",
            "did:web:example.com%3A3000:users:alice",
            "did:ethr:0x1:0xb9c5714089478a327f09197987f16f9e5d936e8a",
            "did:pkh:cosmos:cosmoshub-4:cosmos1abc",
            "did:hk:investor-0001",
            "did:a:b",
        ] {
            assert!(validate_did(did).is_ok(), "{did}");
        }
        assert_eq!(validate_did("did:web:x.hk"), Ok("web"));
    }

    #[test]
    fn rejects_malformed_dids() {
        assert_eq!(validate_did("did:a:"), Err(DidError::Length { len: 6, min: 7, max: 128 }));
        assert_eq!(validate_did("DID:web:abc"), Err(DidError::Scheme));
        assert_eq!(validate_did("urn:web:abc"), Err(DidError::Scheme));
        assert_eq!(validate_did("did:Web:abc"), Err(DidError::Method { max: 32 }));
        assert_eq!(validate_did("did::abcdef"), Err(DidError::Method { max: 32 }));
        assert_eq!(validate_did("did:webabcd"), Err(DidError::Method { max: 32 }));
        assert_eq!(validate_did("did:web:abc:"), Err(DidError::EmptyId));
        assert_eq!(validate_did("did:web:a b"), Err(DidError::InvalidChar { position: 9 }));
        assert_eq!(validate_did("did:web:ab/c"), Err(DidError::InvalidChar { position: 10 }));
        assert_eq!(validate_did("did:web:a%2"), Err(DidError::PercentEncoding { position: 9 }));
        assert_eq!(validate_did("did:web:a%zz"), Err(DidError::PercentEncoding { position: 9 }));
        assert_eq!(validate_did("did:web:é1"), Err(DidError::InvalidChar { position: 8 }));
        let long = format!("did:web:{}", "a".repeat(121));
        assert_eq!(validate_did(&long), Err(DidError::Length { len: 129, min: 7, max: 128 }));
        assert!(validate_did(&format!("did:web:{}", "a".repeat(120))).is_ok());
    }

    proptest! {
        #[test]
        fn generated_valid_dids_pass(method in "[a-z0-9]{1,32}", id in "[A-Za-z0-9._-]{1,40}(:[A-Za-z0-9._-]{1,20}){0,2}") {
            let did = format!("did:{method}:{id}");
            prop_assert_eq!(validate_did(&did), Ok(method.as_str()));
        }

        #[test]
        fn never_panics(s in ".{0,200}") {
            let _ = validate_did(&s);
        }
    }
}
