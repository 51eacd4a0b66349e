#!/usr/bin/env bash
# Builds the gas benchmark's reference wasm with the pinned toolchain, the workspace's release
# profile and wasm-opt exactly as build-wasm.sh builds the contracts, into artifacts/reference/
# (outside the artifacts/*.wasm set that check-wasm.sh checks and checksums.txt lists):
#   cw20_base.wasm       stock cw20-base 2.0.0 from crates.io (the version in Cargo.lock)
#   cw3_fixed_multisig.wasm  stock cw3-fixed-multisig 2.0.0 from crates.io: the owner multisig the
#                        CLI's `--via` tests run on the embedded chain
#   bench_receiver.wasm  packages/bench-receiver: a no-op CW20 receiver and router self-test contract
#   hold_venue.wasm      packages/hold-venue: a venue accepting the tokens' hold hooks (test venue)
#
# cw20-base is built as its own workspace: `cargo build -p cw20-base` inside this workspace would
# unify in the `library` feature that tests/ enables (cargo resolves a non-member package with the
# features the members ask for) and produce a wasm without entry points. The standalone build reuses
# this workspace's Cargo.lock (so every dependency is the version the contracts use, checked below)
# and release profile, and the export check below fails if entry points are missing anyway.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/reference
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$out"

# --- cw20-base and cw3-fixed-multisig, each standalone
standalone() {
  local crate=$1 version=$2 src work
  src=$(cargo metadata --locked --format-version 1 \
    | grep -o "\"manifest_path\":\"[^\"]*/$crate-${version//./\\.}/Cargo\\.toml\"" | head -1 | sed 's/"manifest_path":"\(.*\)\/Cargo.toml"/\1/')
  if [ -z "$src" ] || [ ! -f "$src/Cargo.toml" ]; then
    echo "$crate $version is not in Cargo.lock / the cargo registry (run cargo fetch)" >&2
    exit 1
  fi
  work="$target_dir/reference-src/$crate"
  mkdir -p "$work"
  # sources keep their registry mtimes and the manifest is rewritten only when it changes, so an
  # unchanged reference is not rebuilt; the lock is this workspace's (cargo prunes it)
  rm -rf "$work/src"
  cp -Rp "$src/src" "$work/src"
  {
    cat "$src/Cargo.toml"
    printf '\n[workspace]\n\n'
    sed -n '/^\[profile.release\]/,/^\[/p' Cargo.toml | sed '$!b;/^\[/d'
  } > "$work/Cargo.toml.new"
  if cmp -s "$work/Cargo.toml.new" "$work/Cargo.toml"; then rm "$work/Cargo.toml.new"; else mv "$work/Cargo.toml.new" "$work/Cargo.toml"; fi
  cp Cargo.lock "$work/Cargo.lock"
  cargo build --release --lib --target wasm32-unknown-unknown --offline \
    --manifest-path "$work/Cargo.toml" --target-dir "$target_dir/reference"
  # every dependency must be the version this workspace locks (the standalone lock is only pruned)
  pkgs() { grep -A1 '^name = ' "$1" | grep -v '^--' | paste - - | sort; }
  if extra=$(comm -23 <(pkgs "$work/Cargo.lock") <(pkgs Cargo.lock)) && [ -n "$extra" ]; then
    echo "$crate resolved versions this workspace does not lock:" >&2
    echo "$extra" >&2
    exit 1
  fi
}
standalone cw20-base 2.0.0
standalone cw3-fixed-multisig 2.0.0

# --- bench-receiver and hold-venue, each built alone so that no other package's features unify in
# (tests/ depends on hold-venue with its `library` feature; the export check below guards it)
cargo build --release --lib --target wasm32-unknown-unknown --locked -p bench-receiver
cargo build --release --lib --target wasm32-unknown-unknown --locked -p hold-venue

raw=("$target_dir/reference/wasm32-unknown-unknown/release/cw20_base.wasm"
     "$target_dir/wasm32-unknown-unknown/release/bench_receiver.wasm"
     "$target_dir/wasm32-unknown-unknown/release/hold_venue.wasm"
     "$target_dir/reference/wasm32-unknown-unknown/release/cw3_fixed_multisig.wasm")
# nothing to do when the same raw wasm was optimized and checked before
stamp=$(cat "${raw[@]}" "$0" scripts/wasm-opt.sh | sha256sum | cut -d' ' -f1)
if [ -f "$out/cw20_base.wasm" ] && [ -f "$out/bench_receiver.wasm" ] && [ -f "$out/hold_venue.wasm" ] && [ -f "$out/cw3_fixed_multisig.wasm" ] \
   && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "artifacts/reference is up to date"
  cat "$out/checksums.txt"
  exit 0
fi
rm -f "$out"/*.wasm "$out"/checksums.txt "$out/.stamp"

./scripts/wasm-opt.sh "${raw[0]}" "$out/cw20_base.wasm"
./scripts/wasm-opt.sh "${raw[1]}" "$out/bench_receiver.wasm"
./scripts/wasm-opt.sh "${raw[2]}" "$out/hold_venue.wasm"
./scripts/wasm-opt.sh "${raw[3]}" "$out/cw3_fixed_multisig.wasm"

# cw20-base, hold-venue and the multisig must be the full contracts, not their library builds.
for wasm in cw20_base hold_venue cw3_fixed_multisig; do
  exports=$(.tools/binaryen/node_modules/.bin/wasm-dis "$out/$wasm.wasm" | grep -o '(export "[a-z_0-9]*"' | sed 's/(export "\(.*\)"/\1/' | sort | tr '\n' ' ')
  for entry in instantiate execute query; do
    if ! grep -qw "$entry" <<<"$exports"; then
      echo "$out/$wasm.wasm does not export $entry (exports: $exports): library feature unified in?" >&2
      exit 1
    fi
  done
done

CAPABILITIES=iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2
cosmwasm-check --available-capabilities "$CAPABILITIES" "$out"/*.wasm
(cd "$out" && sha256sum -- *.wasm > checksums.txt)
echo "$stamp" > "$out/.stamp"
cat "$out/checksums.txt"
