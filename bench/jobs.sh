#!/usr/bin/env bash
# Benchmarks the jobs panel's live progress: how long a committed item takes to reach an SSE client, on the
# instance running the job and on another instance, and the app's memory per connected /jobs circuit.
# Measured by bench/JobsBench (an SSE probe and Playwright on Debian's Chromium). See bench/README.md.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
source bench/lib.sh

SAMPLES=${BENCH_SAMPLES:-200}
WARMUP=${BENCH_WARMUP:-20}
WARMUP_JOB=${BENCH_WARMUP_JOB:-100}
ITEM_DURATION=${BENCH_ITEM_DURATION:-00:00:00.030}
PAGES=${BENCH_PAGES:-100}
CIRCUIT_ITEM_DURATION=${BENCH_CIRCUIT_ITEM_DURATION:-00:00:00.500}
load_at_start=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$out"

bench_install curl=curl jq=jq ss=iproute2
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || bench_install chromium=chromium
ensure_postgres bench "${TODO_DASHBOARD_BENCH_PG_PORT:-55434}"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  # A database of its own: its instances form a Quartz cluster, and an app on another database
  # (todos-stats.sh, someone else's run) must not be able to pick up these jobs.
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard_bench_jobs;Username=$PG_USER"
fi

bench_psql
export PGTZ=UTC
sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

port_a=$(free_port "${BENCH_APP_PORT:-5181}")
port_b=$(free_port $((port_a + 1)))
base_a=http://127.0.0.1:$port_a
base_b=http://127.0.0.1:$port_b

echo "Building (Release)..."
{
  dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet &&
    dotnet build bench/JobsBench/JobsBench.csproj -c Release -nologo -v quiet
} >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log" >&2; exit 1; }

# Everything started here is stopped on the way out: the app instances and the probe (with its Chromium).
trap bench_stop_instances EXIT
trap 'exit 130' INT TERM

# start_app NAME URL ITEM_DURATION: one instance on the shared database; logs to bench/out/app-NAME.log.
start_app() { bench_instance "$1" "$2" Jobs__ItemDuration="$3" Quartz__IdleWaitTime=00:00:01; }
stop_app() { bench_stop_instance "$1"; }
probe() { bench_probe "$@"; }

echo "Starting instance A on $base_a..."
start_app A "$base_a" "$ITEM_DURATION"

bench_login "$base_a"
# An Admin, for the memory probe's diagnostics endpoint.
bench_grant_role Admin
cancel_active_jobs

# A fresh instance is slow for a few seconds (JIT, tiered recompilation), so A first runs an unmeasured job,
# and each mode drops its first $WARMUP item events.
echo "In-process: a warm-up job of $WARMUP_JOB items, then $((WARMUP + SAMPLES)) items of $ITEM_DURATION, run and streamed by A..."
probe 120 "$out/follow-warmup.txt" follow --url "$base_a" --token "$token" --items "$WARMUP_JOB"
probe 180 "$out/follow-in.txt" follow --url "$base_a" --token "$token" --items $((WARMUP + SAMPLES)) \
  --skip "$WARMUP" --out "$out/latency-in.csv"
job_in=$(cut -d' ' -f1 "$out/follow-in.txt")

# B takes seconds to start, so the job is as long as a job can be (1,000 items); B keeps the first samples it
# can after its warm-up, and the job is cancelled once it has them.
echo "Across instances: 1000 items started through A; B starts once A is processing, and streams $SAMPLES..."
probe 120 "$out/start-cross.txt" follow --url "$base_a" --token "$token" --items 1000 --wait-done 2
job_cross=$(cat "$out/start-cross.txt")
# Quartz records which scheduler instance fired the job: taken now (A is the only instance) and again mid-stream.
runner_sql="SELECT instance_name FROM qrtz_fired_triggers WHERE job_name = :'job' AND state = 'EXECUTING'"
runner_before=$(sql -v job="$job_cross" <<<"$runner_sql")
live_schedulers=$(sql <<<"SELECT count(*) FROM qrtz_scheduler_state WHERE last_checkin_time > (extract(epoch FROM now()) * 1000 - 10000)::bigint * 10000 + 621355968000000000")
if [ "$live_schedulers" != 1 ]; then
  echo "Expected A alone in the Quartz cluster before B starts, found $live_schedulers live schedulers." >&2
  exit 1
fi
echo "Starting instance B on $base_b..."
start_app B "$base_b" "$ITEM_DURATION"
timeout 300 dotnet bench/JobsBench/bin/Release/net10.0/JobsBench.dll \
  follow --url "$base_b" --token "$token" --job "$job_cross" --skip "$WARMUP" --samples "$SAMPLES" \
  --out "$out/latency-cross.csv" >"$out/follow-cross.txt" &
probe_pid=$!
sleep 2
runner_during=$(sql -v job="$job_cross" <<<"$runner_sql")
instances=$(sql <<<"SELECT count(*) FROM qrtz_scheduler_state")
wait "$probe_pid"
probe_pid=
curl -sf -X POST -H "Authorization: Bearer $token" "$base_a/api/jobs/$job_cross/cancel" >/dev/null || true
if [ -z "$runner_before" ] || [ "$runner_before" != "$runner_during" ]; then
  echo "The cross-instance job did not stay on A (fired by '$runner_before', then '$runner_during')." >&2
  exit 1
fi
stop_app B
stop_app A

read -r n_in p50_in p95_in max_in < <(job_latency "$job_in" "$out/latency-in.csv")
read -r n_cross p50_cross p95_cross max_cross < <(job_latency "$job_cross" "$out/latency-cross.csv")

echo "Memory: instance M on $base_a, items of $CIRCUIT_ITEM_DURATION, $PAGES /jobs pages..."
start_app M "$base_a" "$CIRCUIT_ITEM_DURATION"
probe 60 "$out/start-circuits.txt" follow --url "$base_a" --token "$token" --items 1000 --wait-done 1
job_mem=$(cat "$out/start-circuits.txt")
circuits_status=0
probe $((120 + PAGES * 20)) "$out/circuits.txt" circuits --url "$base_a" --pid "${bench_pids[M]}" --token "$token" \
  --email "$EMAIL" --password "$PASSWORD" --pages "$PAGES" --state "$out/storage-state.json" || circuits_status=$?
curl -sf -X POST -H "Authorization: Bearer $token" "$base_a/api/jobs/$job_mem/cancel" >/dev/null || true
stop_app M
field() { awk -v k="$1" '$1 == k { print $2 }' "$out/circuits.txt"; }
rss_before=$(field rss_before_kib)
rss_after=$(field rss_after_kib)
live=$(field pages_live)
heap_before=$(field managed_before_bytes)
heap_after=$(field managed_after_bytes)
circuits_after=$(field circuits_after)
[ -n "$rss_before" ] && [ -n "$rss_after" ] && [ -n "$live" ] || { cat "$out/circuits.txt" >&2; echo "The circuits probe failed ($circuits_status)." >&2; exit 1; }

echo
echo "Job progress over SSE: item commit -> client receive; items of $ITEM_DURATION"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start, at end: $(cut -d' ' -f1 /proc/loadavg)"
printf '%-14s %8s %9s %9s %9s\n' mode samples "p50 ms" "p95 ms" "max ms"
printf '%-14s %8s %9s %9s %9s\n' in-process "$n_in" "$p50_in" "$p95_in" "$max_in"
printf '%-14s %8s %9s %9s %9s\n' cross-instance "$n_cross" "$p50_cross" "$p95_cross" "$max_cross"
awk -v a="$p50_in" -v b="$p50_cross" -v c="$p95_in" -v d="$p95_cross" \
  'BEGIN { printf "cross/in-process: p50 %.2fx, p95 %.2fx\n", b / a, d / c }'
echo "cross-instance job run by A (Quartz instance $runner_during, $instances instances in the cluster); B streamed it"
echo
echo "Server memory per /jobs circuit: $PAGES pages watching one running job"
printf '%-14s %12s %12s %14s %12s\n' "" "RSS before" "RSS after" "MB per circuit" "live pages"
awk -v b="$rss_before" -v a="$rss_after" -v p="$PAGES" -v l="$live" \
  'BEGIN { printf "%-14s %9.1f MB %9.1f MB %14.2f %12s\n", "app (VmRSS)", b / 1024, a / 1024, (a - b) / 1024 / p, l "/" p }'
awk -v b="$heap_before" -v a="$heap_after" -v p="$PAGES" -v c="$circuits_after" \
  'BEGIN { printf "%-14s %9.1f MB %9.1f MB %14.3f %12s\n", "managed heap", b / 1048576, a / 1048576, (a - b) / 1048576 / p, c " open" }'
if [ "$live" = "$PAGES" ]; then
  echo "every page's done counter changed after all $PAGES were open: live updates reached each circuit"
else
  echo "only $live of $PAGES pages saw the done counter change after all were open"
fi
echo
echo "Goals (issue 17): after a forced full GC, $PAGES pages watching one job"
heap_kb=$(awk -v b="$heap_before" -v a="$heap_after" -v p="$PAGES" 'BEGIN { printf "%.0f", (a - b) / 1024 / p }')
rss_kb=$(awk -v b="$rss_before" -v a="$rss_after" -v p="$PAGES" 'BEGIN { printf "%.0f", (a - b) / p }')
bench_result "managed heap per /jobs circuit" "$heap_kb KB" "Microsoft: ~250 KB" "$(ratio "$heap_kb" 250)" "<= 300 KB" "$heap_kb <= 300"
bench_result "RSS per /jobs circuit" "$rss_kb KB" "-" "-" "<= 1,024 KB" "$rss_kb <= 1024"
