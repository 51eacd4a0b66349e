#!/usr/bin/env bash
# Validates every artifact with cosmwasm-check 2.2 against a CosmWasm 2.x chain's capabilities,
# prints each size and fails on any artifact over the limit (wasmd's default upload limit).
set -euo pipefail
cd "$(dirname "$0")/.."

CAPABILITIES=iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2
MAX_BYTES=${MAX_WASM_BYTES:-819200} # 800 KiB

shopt -s nullglob
artifacts=(artifacts/*.wasm)
if [ ${#artifacts[@]} -eq 0 ]; then
  echo "no artifacts: run make build first" >&2
  exit 1
fi

status=0
printf '%-40s %10s %10s\n' artifact bytes KiB
for f in "${artifacts[@]}"; do
  size=$(stat -c %s "$f")
  printf '%-40s %10d %10.1f' "$(basename "$f")" "$size" "$(awk "BEGIN{print $size/1024}")"
  if [ "$size" -gt "$MAX_BYTES" ]; then
    printf '  OVER LIMIT (%d bytes)\n' "$MAX_BYTES"
    status=1
  else
    printf '\n'
  fi
done

cosmwasm-check --available-capabilities "$CAPABILITIES" "${artifacts[@]}"
exit $status
