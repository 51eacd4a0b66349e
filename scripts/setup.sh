#!/usr/bin/env bash
# Installs everything a fresh machine lacks, idempotently: the pinned Rust toolchain with the wasm
# target, cosmwasm-check 2.2.2 (not for `setup.sh demo`: only `make test` needs it), Node.js >= 20,
# binaryen's wasm-opt (pinned, from npm) and the TypeScript workspace's packages (`npm ci` in
# scripts/, from the committed package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."
PURPOSE=${1:-test}
NODE_MAJOR_MIN=20

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

if [ "$PURPOSE" = demo ]; then
  log "cosmwasm-check: not needed for the demo"
elif command -v cosmwasm-check >/dev/null 2>&1 && cosmwasm-check --version 2>/dev/null | grep -q " ${COSMWASM_CHECK_VERSION}\$"; then
  log "cosmwasm-check $COSMWASM_CHECK_VERSION: present"
else
  log "installing cosmwasm-check $COSMWASM_CHECK_VERSION (builds with rust $TOOLCHAIN; takes a few minutes)"
  (cd /tmp && cargo "+$TOOLCHAIN" install cosmwasm-check --version "=$COSMWASM_CHECK_VERSION" --locked --quiet)
fi

# Node.js >= 20 (the TypeScript SDK and CLI, commander 14, `node --test`; also binaryen's installer).
# Debian's own nodejs package is 18: it is never installed as a fallback.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 || [ "$(node_major)" -lt "$NODE_MAJOR_MIN" ]; then
  if command -v node >/dev/null 2>&1; then found="Node.js $(node --version)"; else found="no Node.js"; fi
  echo "Node.js >= $NODE_MAJOR_MIN with npm is required ($found found): install it from nodejs.org or NodeSource (Debian's nodejs package is 18, too old)" >&2
  exit 1
fi
log "node $(node --version): ok (>= $NODE_MAJOR_MIN)"

# binaryen is pinned (npm package, into .tools/) so every machine shrinks artifacts identically;
# Debian's binaryen is years older and leaves the contracts ~1% larger.
if [ -x "$BINARYEN_DIR/node_modules/.bin/wasm-opt" ] && "$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "wasm-opt: present ($("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version))"
else
  log "installing binaryen $BINARYEN_VERSION (wasm-opt) into $BINARYEN_DIR"
  mkdir -p "$BINARYEN_DIR"
  npm install --silent --no-audit --no-fund --prefix "$BINARYEN_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# The TypeScript workspace (scripts/sdk, scripts/cli): exactly the committed lock, reinstalled when
# the lock changes.
stamp=scripts/node_modules/.harbour-lock.sha256
want=$(sha256sum scripts/package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  log "scripts/node_modules: present (package-lock.json unchanged)"
else
  log "installing the TypeScript workspace's packages (npm ci in scripts/)"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" > "$stamp"
fi
log "ok"
