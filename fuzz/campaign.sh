#!/usr/bin/env bash
# Runs one fuzz target until it has had CPU_SECONDS of CPU time (not wall time: on a shared
# machine the two differ), then stops it with SIGINT so that libFuzzer prints its final stats.
# The built target is run directly (build first: cd fuzz && cargo +nightly fuzz build), niced
# (NICE, default 19) so that it takes only the CPU nothing else wants. Its log: fuzz/logs/TARGET-TIME.log;
# crashes, timeouts and slow units: fuzz/artifacts/TARGET/.
#
#   fuzz/campaign.sh TARGET [CPU_SECONDS] [libFuzzer flags…]
#   fuzz/campaign.sh check_bytes 3600 -timeout=30 -max_len=131072
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$1"
cpu="${2:-3600}"
shift $(($# >= 2 ? 2 : 1))
bin="$here/target/x86_64-unknown-linux-gnu/release/$target"
[ -x "$bin" ] || { echo "not built: $bin (cd fuzz && cargo +nightly fuzz build)" >&2; exit 2; }
mkdir -p "$here/artifacts/$target" "$here/corpus/$target" "$here/logs"
log="$here/logs/$target-$(date -u +%Y%m%dT%H%M).log"
start=$(date +%s)
nice -n "${NICE:-19}" "$bin" "$here/corpus/$target" -artifact_prefix="$here/artifacts/$target/" \
  -print_final_stats=1 -rss_limit_mb=2048 "$@" >"$log" 2>&1 &
pid=$!
used=0
while kill -0 "$pid" 2>/dev/null; do
  used=$(ps -o cputimes= -p "$pid" | tr -d ' ' || echo "$used")
  if [ "${used:-0}" -ge "$cpu" ]; then
    kill -INT "$pid"
    break
  fi
  sleep 5
done
status=0
wait "$pid" || status=$?
echo "$target: ${used:-0} s CPU in $(($(date +%s) - start)) s wall, exit $status" | tee -a "$log"
