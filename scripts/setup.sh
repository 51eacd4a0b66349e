#!/usr/bin/env bash
# Installs everything a fresh machine lacks, idempotently: the pinned Rust toolchain with the wasm
# target, cosmwasm-check 2.2.2, and binaryen's wasm-opt (pinned, from npm).
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
COSMWASM_CHECK_VERSION=2.2.2
BINARYEN_VERSION=132.0.0
BINARYEN_DIR=.tools/binaryen

log() { printf '[setup] %s\n' "$*"; }

if ! command -v rustup >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/rustup" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v rustup >/dev/null 2>&1; then
  log "installing rustup (no default toolchain: rust-toolchain.toml picks $TOOLCHAIN)"
  command -v curl >/dev/null 2>&1 || { echo "curl is required to install rustup" >&2; exit 1; }
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --no-modify-path --default-toolchain none --profile minimal >/dev/null
  export PATH="$HOME/.cargo/bin:$PATH"
fi

if rustup toolchain list | grep -q "^${TOOLCHAIN}-" && rustup target list --toolchain "$TOOLCHAIN" --installed | grep -q wasm32-unknown-unknown \
   && rustup component list --toolchain "$TOOLCHAIN" --installed | grep -q '^clippy' && rustup component list --toolchain "$TOOLCHAIN" --installed | grep -q '^rustfmt'; then
  log "rust $TOOLCHAIN with wasm32 target, clippy and rustfmt: present"
else
  log "installing rust $TOOLCHAIN (wasm32-unknown-unknown, clippy, rustfmt)"
  rustup toolchain install "$TOOLCHAIN" --profile minimal -c rustfmt,clippy -t wasm32-unknown-unknown
fi

if command -v cosmwasm-check >/dev/null 2>&1 && cosmwasm-check --version 2>/dev/null | grep -q " ${COSMWASM_CHECK_VERSION}\$"; then
  log "cosmwasm-check $COSMWASM_CHECK_VERSION: present"
else
  log "installing cosmwasm-check $COSMWASM_CHECK_VERSION (builds with rust $TOOLCHAIN; takes a few minutes)"
  (cd /tmp && cargo "+$TOOLCHAIN" install cosmwasm-check --version "=$COSMWASM_CHECK_VERSION" --locked --quiet)
fi

# binaryen is pinned (npm package, into .tools/) so every machine shrinks artifacts identically;
# Debian's binaryen is years older and leaves the contracts ~1% larger.
if [ -x "$BINARYEN_DIR/node_modules/.bin/wasm-opt" ] && "$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "wasm-opt: present ($("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version))"
else
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing Node.js and npm (Debian packages) for binaryen"
    (apt-get install -y -q nodejs npm >/dev/null 2>&1) || (apt-get update -q >/dev/null && apt-get install -y -q nodejs npm >/dev/null)
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required to install binaryen $BINARYEN_VERSION (Node.js >= 18)" >&2
    exit 1
  fi
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) into $BINARYEN_DIR"
  mkdir -p "$BINARYEN_DIR"
  npm install --silent --no-audit --no-fund --prefix "$BINARYEN_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
fi
# Checkouts that share one CARGO_TARGET_DIR (git worktrees) share the workspace crates' build
# artifacts: cargo names them by their path inside the workspace and judges them fresh by mtime,
# so after another checkout built, this one's older sources look fresh and its build would link the
# other checkout's crates. When the target dir was last used by another checkout, touch this one's
# workspace sources so cargo rebuilds them (the registry dependencies are unaffected).
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$target_dir"
if [ "$(cat "$target_dir/.harbour-checkout" 2>/dev/null)" != "$PWD" ]; then
  if git rev-parse --git-dir >/dev/null 2>&1; then
    log "target dir $target_dir was last built from another checkout: marking this checkout's crates changed"
    git ls-files -z -- '*.rs' '*Cargo.toml' | xargs -0 -r touch
  fi
  echo "$PWD" > "$target_dir/.harbour-checkout"
fi
log "ok"
