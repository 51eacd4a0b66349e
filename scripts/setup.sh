#!/usr/bin/env bash
# Installs everything a fresh machine lacks, idempotently: the pinned Rust toolchain with the wasm
# target, cosmwasm-check 2.2.2, and binaryen's wasm-opt.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLCHAIN=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
COSMWASM_CHECK_VERSION=2.2.2

log() { printf '[setup] %s\n' "$*"; }

if ! command -v rustup >/dev/null 2>&1; then
  echo "rustup is required (https://rustup.rs); install it and re-run make setup" >&2
  exit 1
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

if command -v wasm-opt >/dev/null 2>&1; then
  log "wasm-opt: present ($(wasm-opt --version))"
else
  log "installing binaryen (wasm-opt)"
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    (apt-get install -y -q binaryen >/dev/null 2>&1) || (apt-get update -q >/dev/null && apt-get install -y -q binaryen >/dev/null)
  elif command -v npm >/dev/null 2>&1; then
    npm install -g binaryen >/dev/null
  else
    echo "cannot install binaryen: need apt-get (as root) or npm" >&2
    exit 1
  fi
fi
log "ok"
