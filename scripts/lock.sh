#!/usr/bin/env bash
# Re-resolves Cargo.lock MSRV-aware (rust-version = 1.81) with a newer cargo (>= 1.84 has the
# MSRV-aware resolver; the pinned 1.81 cargo only reads the lock), then re-applies the pins that
# the resolver cannot infer because the crates declare no or a wrong rust-version.
set -euo pipefail
cd "$(dirname "$0")/.."
NEW_CARGO=${NEW_CARGO:-+stable}
export CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback
cargo "$NEW_CARGO" generate-lockfile
pin() { cargo "$NEW_CARGO" update --quiet -p "$1" --precise "$2"; }
# cosmwasm-* must match cosmwasm-std 2.2.2 (2.3 declares no MSRV but needs newer rustc).
for p in cosmwasm-core cosmwasm-derive cosmwasm-schema cosmwasm-schema-derive cosmwasm-vm-derive; do pin "$p" 2.2.2; done
# ed25519-zebra 4.1 feature-gates `batch`, which cosmwasm-crypto 2.2.2 uses unconditionally.
pin ed25519-zebra 4.0.3
# proptest >= 1.6 and tempfile >= 3.11 pull getrandom 0.3 -> wasip2 -> wit-bindgen (edition 2024),
# whose manifest cargo 1.81 cannot parse even for `cargo fetch`.
pin proptest 1.5.0
pin tempfile 3.10.1
# flate2 >= 1.1.3 moves to miniz_oxide 0.9: keep the one miniz_oxide the VM stack already uses.
pin flate2 1.1.2
if cargo "$NEW_CARGO" tree --workspace --target all -i clru >/dev/null 2>&1; then pin clru 0.6.2; fi
echo "Cargo.lock re-resolved; run 'make test' with the pinned toolchain before committing"
