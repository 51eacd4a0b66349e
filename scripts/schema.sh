#!/usr/bin/env bash
# Regenerates schema/<contract>/ for every contract and, from them and the contracts' error types,
# the TypeScript SDK's generated clients and error catalogue (scripts/sdk/src/generated/); with
# --check, fails when the committed files differ from the regenerated ones.
set -euo pipefail
cd "$(dirname "$0")/.."

for manifest in contracts/*/Cargo.toml; do
  crate=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1)
  cargo run --quiet --locked -p "$crate" --bin schema -- "schema/$crate"
done

(cd scripts && node --import tsx sdk/codegen.ts >/dev/null)

if [ "${1:-}" = "--check" ]; then
  generated=(schema/ scripts/sdk/src/generated/)
  if ! git diff --exit-code --stat -- "${generated[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${generated[@]}")" ]; then
    echo "schema/ or scripts/sdk/src/generated/ is out of date: run 'make schema' and commit the result" >&2
    git status --short -- "${generated[@]}" >&2
    exit 1
  fi
  echo "schema/ and scripts/sdk/src/generated/ are up to date"
fi
