#!/usr/bin/env bash
# Runs the bench scripts one after another (never two at once: they would measure each other) and prints one table
# of every goal they measured: script, scenario, figure, baseline, ratio, goal, met/MISSED. Each script's whole
# output goes to bench/out/all-SCRIPT.txt; the table to bench/out/all.txt. See bench/README.md.
#   BENCH_SCRIPTS="shares todos-stats" bench/all.sh   runs only those (the default is every script, in the order below)
# Exits non-zero when a script failed (a missed goal is a number to read, not a failure).
set -uo pipefail
cd "$(dirname "$0")/.."
export LC_NUMERIC=C

read -r -a scripts <<<"${BENCH_SCRIPTS:-customers-generate customers customers-shared-cache shares todos-stats multidb jobs runs access cluster}"
out=bench/out
mkdir -p "$out"
export BENCH_RESULTS=$out/all-results.tsv
: >"$BENCH_RESULTS"
runs=$out/all-runs.tsv
: >"$runs"

started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
for script in "${scripts[@]}"; do
  [ -f "bench/$script.sh" ] || { echo "bench/$script.sh does not exist." >&2; exit 2; }
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "bench/$script.sh (1-min load average $load)..."
  begin=$(date +%s)
  status=0
  bash "bench/$script.sh" >"$out/all-$script.txt" 2>&1 || status=$?
  seconds=$(($(date +%s) - begin))
  if [ "$status" -eq 0 ]; then result=ok; else result="FAILED (exit $status; see $out/all-$script.txt)"; tail -n 5 "$out/all-$script.txt" >&2; fi
  printf '%s\t%s\t%s\t%s\n' "$script" "$load" "$seconds" "$result" >>"$runs"
done

{
  echo "bench/all.sh: $started_at to $(date -u '+%H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)"
  echo
  { printf 'script\tload at start\tseconds\tresult\n'; cat "$runs"; } | column -t -s $'\t'
  echo
  { printf 'script\tscenario\tfigure\tbaseline\tratio\tgoal\tmet\n'; cat "$BENCH_RESULTS"; } | column -t -s $'\t'
  echo
  awk -F '\t' '{ n[$7]++ } END { printf "%d goals met, %d missed\n", n["met"], n["MISSED"] }' "$BENCH_RESULTS"
} | tee "$out/all.txt"

! grep -q FAILED "$runs"
