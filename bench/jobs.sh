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
PAGES=${BENCH_PAGES:-20}
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

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
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
declare -A app_pids=()
probe_pid=
stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop_pid "$probe_pid"
  for name in "${!app_pids[@]}"; do stop_pid "${app_pids[$name]}"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_app NAME URL ITEM_DURATION: one instance on the shared database; logs to bench/out/app-NAME.log.
start_app() {
  local name=$1 url=$2 duration=$3
  (
    cd TodoDashboard
    export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$url
    export Auth__LoginAttemptsPerMinute=1000 DemoAccount__Email=
    export Jobs__ItemDuration=$duration Quartz__IdleWaitTime=00:00:01
    # Warnings only, so logging is not part of what is measured.
    export Logging__LogLevel__Default=Warning
    exec dotnet bin/Release/net10.0/TodoDashboard.dll
  ) >"$out/app-$name.log" 2>&1 &
  app_pids[$name]=$!
  for _ in $(seq 1 120); do
    # Healthy, and answered by this process: another app may have taken the port since it was found free.
    if curl -sf "$url/health/ready" >/dev/null 2>&1; then
      ss -Htlnp "sport = :${url##*:}" | grep -q "pid=${app_pids[$name]}," && return 0
      echo "Port ${url##*:} was taken by another process; set BENCH_APP_PORT to another range." >&2
      exit 1
    fi
    if ! kill -0 "${app_pids[$name]}" 2>/dev/null; then
      local status=0
      wait "${app_pids[$name]}" || status=$?
      tail -n 30 "$out/app-$name.log" >&2
      echo "Instance $name exited with status $status." >&2
      exit 1
    fi
    sleep 0.5
  done
  tail -n 30 "$out/app-$name.log" >&2
  echo "Instance $name did not become healthy." >&2
  exit 1
}
stop_app() { stop_pid "${app_pids[$1]}"; unset "app_pids[$1]"; }

# probe SECONDS OUTPUT ARGS...: runs JobsBench in the background (so the trap can stop it), bounded in time.
probe() {
  local seconds=$1 output=$2
  shift 2
  timeout "$seconds" dotnet bench/JobsBench/bin/Release/net10.0/JobsBench.dll "$@" >"$output" &
  probe_pid=$!
  local status=0
  wait "$probe_pid" || status=$?
  probe_pid=
  return "$status"
}

echo "Starting instance A on $base_a..."
start_app A "$base_a" "$ITEM_DURATION"

credentials=$(jq -nc --arg email "$EMAIL" --arg password "$PASSWORD" '{email: $email, password: $password}')
register=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$credentials" "$base_a/api/auth/register")
if [ "${register##*$'\n'}" != 200 ] && ! grep -qi duplicateUserName <<<"$register"; then
  echo "Registering $EMAIL failed: $register" >&2
  exit 1
fi
token=$(curl -sf -H 'Content-Type: application/json' -d "$credentials" "$base_a/api/auth/login" | jq -r .accessToken)
[ -n "$token" ] && [ "$token" != null ] || { echo "Logging in as $EMAIL failed." >&2; exit 1; }
owner=$(sql -v email="$EMAIL" <<<"SELECT id FROM asp_net_users WHERE normalized_email = upper(:'email')")
# A job left active by an interrupted run would block this user's next start.
sql -v owner="$owner" <<<"UPDATE runs SET state = 'Cancelled', finished_at = now() WHERE kind = 'jobs' AND owner_id = :'owner' AND state IN ('Queued', 'Running')" >/dev/null

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

# Per item: the probe's receive time minus job_items.created_at (set just before the commit), both UTC, one clock.
latency() {
  sql -F ' ' \
    -c 'CREATE TEMP TABLE samples (number int, received_at timestamptz)' \
    -c "\\copy samples FROM '$2' WITH (FORMAT csv)" \
    -c "SELECT count(*),
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
               round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1),
               round(max(ms)::numeric, 1)
        FROM (SELECT extract(epoch FROM s.received_at - i.created_at) * 1000 AS ms
              FROM samples s JOIN job_items i ON i.job_id = '$1' AND i.number = s.number) AS x"
}
read -r n_in p50_in p95_in max_in < <(latency "$job_in" "$out/latency-in.csv")
read -r n_cross p50_cross p95_cross max_cross < <(latency "$job_cross" "$out/latency-cross.csv")

echo "Memory: instance M on $base_a, items of $CIRCUIT_ITEM_DURATION, $PAGES /jobs pages..."
start_app M "$base_a" "$CIRCUIT_ITEM_DURATION"
probe 60 "$out/start-circuits.txt" follow --url "$base_a" --token "$token" --items 1000 --wait-done 1
job_mem=$(cat "$out/start-circuits.txt")
circuits_status=0
probe $((120 + PAGES * 20)) "$out/circuits.txt" circuits --url "$base_a" --pid "${app_pids[M]}" \
  --email "$EMAIL" --password "$PASSWORD" --pages "$PAGES" --state "$out/storage-state.json" || circuits_status=$?
curl -sf -X POST -H "Authorization: Bearer $token" "$base_a/api/jobs/$job_mem/cancel" >/dev/null || true
stop_app M
field() { awk -v k="$1" '$1 == k { print $2 }' "$out/circuits.txt"; }
rss_before=$(field rss_before_kib)
rss_after=$(field rss_after_kib)
live=$(field pages_live)
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
if [ "$live" = "$PAGES" ]; then
  echo "every page's done counter changed after all $PAGES were open: live updates reached each circuit"
else
  echo "only $live of $PAGES pages saw the done counter change after all were open"
fi
