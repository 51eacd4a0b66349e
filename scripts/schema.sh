#!/usr/bin/env bash
# Regenerates schema/<contract>/ for every contract; with --check, fails when the committed
# schema differs from the regenerated one.
set -euo pipefail
cd "$(dirname "$0")/.."

for manifest in contracts/*/Cargo.toml; do
  crate=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$manifest" | head -1)
  cargo run --quiet --locked -p "$crate" --bin schema -- "schema/$crate"
done

if [ "${1:-}" = "--check" ]; then
  if ! git diff --exit-code --stat -- schema/ || [ -n "$(git ls-files --others --exclude-standard -- schema/)" ]; then
    echo "schema/ is out of date: run 'make schema' and commit the result" >&2
    git status --short -- schema/ >&2
    exit 1
  fi
  echo "schema/ is up to date"
fi
