#!/usr/bin/env bash
# Builds every contract in contracts/ to artifacts/<crate>.wasm with the pinned toolchain,
# shrinks it with wasm-opt -Oz (scripts/wasm-opt.sh) and writes artifacts/checksums.txt (sha256).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p artifacts
rm -f artifacts/*.wasm artifacts/checksums.txt

packages=()
for manifest in contracts/*/Cargo.toml; do
  packages+=(-p "$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1)")
done

# Contracts never depend on each other (messages live in harbour-types), so building them in one
# invocation cannot switch on another contract's `library` feature.
cargo build --release --lib --target wasm32-unknown-unknown --locked "${packages[@]}"

for manifest in contracts/*/Cargo.toml; do
  crate=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1)
  file=${crate//-/_}.wasm
  ./scripts/wasm-opt.sh "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/$file" "artifacts/$file"
done

(cd artifacts && sha256sum -- *.wasm > checksums.txt)
cat artifacts/checksums.txt
