#!/usr/bin/env bash
# Shrinks one wasm file with the pinned binaryen (installed by setup.sh into .tools/):
#   scripts/wasm-opt.sh <in.wasm> <out.wasm>
# -Oz (size) with exactly the features CosmWasm 2.x chains accept: the MVP plus sign-extension and
# mutable globals (what rustc 1.81 emits); nothing newer (no bulk-memory, no reference-types).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WASM_OPT="$ROOT/.tools/binaryen/node_modules/.bin/wasm-opt"
if [ ! -x "$WASM_OPT" ]; then
  echo "pinned wasm-opt missing: run make setup" >&2
  exit 1
fi
"$WASM_OPT" -Oz --mvp-features --enable-sign-ext --enable-mutable-globals "$1" -o "$2"
