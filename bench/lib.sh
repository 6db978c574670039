#!/usr/bin/env bash
# Sourced by the bench scripts: the start-up they share. After `bench_start NAME`:
#   $base   the app's address (a free loopback port from BENCH_APP_PORT, 5081, up)
#   $token  a bearer token for BENCH_EMAIL (registered if needed); $auth is its header
#   $PSQL   psql, with PGHOST/PGPORT/PGUSER/PGDATABASE set to the app's database
#   $out    bench/out, where the build log, the app's log (app-NAME.log) and raw reports go
#   $load_at_start  the 1-minute load average before anything started
# and the app is stopped when the script exits. Scripts that run several instances (jobs.sh, cluster.sh) use
# bench_instance, bench_probe (bench/JobsBench), cancel_active_jobs and job_latency instead.

export LC_NUMERIC=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/postgres.sh

EMAIL=${BENCH_EMAIL:-bench@example.com}
PASSWORD=${BENCH_PASSWORD:-Bench-passphrase-1}
out=bench/out

# Installs what is missing from the distribution: bench_install COMMAND=PACKAGE...
bench_install() {
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%=*}" >/dev/null || missing+=("${spec#*=}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} from the distribution..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

app_pid=
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
}

# Whether the app started here listens on PORT (when ss is there to tell; else whether it is still running).
app_owns_port() {
  if command -v ss >/dev/null; then
    ss -Hltnp "sport = :$1" 2>/dev/null | grep -q "pid=$app_pid,"
  else
    sleep 1
    kill -0 "$app_pid" 2>/dev/null
  fi
}

# Points psql (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and $PSQL) at the database of the connection string.
bench_psql() {
  local key value
  while IFS='=' read -r key value; do
    case "${key,,}" in
      host | server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      username | "user id" | user | userid) export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
      database) export PGDATABASE=$value ;;
    esac
  done < <(tr ';' '\n' <<<"$ConnectionStrings__DefaultConnection" | sed 's/^ *//; s/ *= */=/')
  PSQL=${PG_BIN:+$PG_BIN/psql}
  PSQL=${PSQL:-$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)}
  if [ -z "$PSQL" ]; then
    echo "Installing the PostgreSQL client from the distribution..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql-client >/dev/null
    PSQL=$(command -v psql)
  fi
  # pgbench, for the raw SQL ceilings: beside psql, or the server's.
  PGBENCH=$(dirname "$PSQL")/pgbench
  [ -x "$PGBENCH" ] || PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)
}

# The bench cluster (unless ConnectionStrings__DefaultConnection is set; else DATABASE on it), psql, a Release build:
# bench_prepare [DATABASE]
bench_prepare() {
  mkdir -p "$out"
  ensure_postgres bench "${TODO_DASHBOARD_BENCH_PG_PORT:-55434}"
  if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
    export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=${1:-todo_dashboard_bench};Username=$PG_USER"
  fi

  bench_psql

  echo "Building (Release)..."
  dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet >"$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; exit 1; }
}

bench_start() {
  local name=$1
  load_at_start=$(cut -d' ' -f1 /proc/loadavg)
  mkdir -p "$out"
  bench_install curl=curl hey=hey jq=jq
  bench_prepare
  trap stop_app EXIT

  # The port is chosen after the build, and the app only counts as up once that port is its own: another bench
  # starting at the same time may take the port first, and its /health/ready would answer just as well.
  local port=${BENCH_APP_PORT:-5081}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  base=http://127.0.0.1:$port

  local app_log=$out/app-$name.log
  echo "Starting the app on $base..."
  (
    cd TodoDashboard
    export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$base
    export Auth__LoginAttemptsPerMinute=1000 DemoAccount__Email=
    # Warnings only, so logging is not part of what is measured.
    export Logging__LogLevel__Default=Warning
    exec dotnet bin/Release/net10.0/TodoDashboard.dll
  ) >"$app_log" 2>&1 &
  app_pid=$!

  # Up to 4 minutes: the first start after an upgrade applies the migrations, and one that rebuilds an index of
  # 3,000,000 customers takes a while.
  local healthy=
  for _ in $(seq 1 480); do
    kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$app_log" >&2; echo "The app exited." >&2; exit 1; }
    if curl -sf "$base/health/ready" >/dev/null 2>&1 && app_owns_port "$port"; then healthy=1; break; fi
    sleep 0.5
  done
  [ -n "$healthy" ] || { tail -n 30 "$app_log" >&2; echo "The app did not become healthy on $base." >&2; exit 1; }

  bench_login "$base"
}

# Registers BENCH_EMAIL on the app at BASE (unless it exists) and logs in: sets $token and $auth. bench_login BASE
bench_login() {
  local credentials register
  credentials=$(jq -nc --arg email "$EMAIL" --arg password "$PASSWORD" '{email: $email, password: $password}')
  register=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$credentials" "$1/api/auth/register")
  if [ "${register##*$'\n'}" != 200 ] && ! grep -qiE 'duplicateUserName|already taken' <<<"$register"; then
    echo "Registering $EMAIL failed: $register" >&2
    exit 1
  fi
  token=$(curl -sf -H 'Content-Type: application/json' -d "$credentials" "$1/api/auth/login" | jq -r .accessToken)
  [ -n "$token" ] && [ "$token" != null ] || {
    echo "Logging in as $EMAIL failed (an account made before passwords needed 12 characters keeps its old one: set BENCH_EMAIL to a new address)." >&2
    exit 1
  }
  auth="Authorization: Bearer $token"
}

# Gives BENCH_EMAIL a role (psql is as good as an admin; the role table's trigger tells the app's access cache at
# once): bench_grant_role ROLE
bench_grant_role() {
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -v email="$EMAIL" -v role="$1" <<'SQL'
INSERT INTO asp_net_user_roles (user_id, role_id)
SELECT u.id, r.id FROM asp_net_users u, asp_net_roles r WHERE u.normalized_email = upper(:'email') AND r.name = :'role'
ON CONFLICT DO NOTHING;
SQL
}

# Several instances on one database (jobs.sh, cluster.sh), by name: their process ids, and the JobsBench probe running.
declare -A bench_pids=()
probe_pid=
bench_stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
bench_stop_instance() { bench_stop_pid "${bench_pids[$1]}"; unset "bench_pids[$1]"; }
# Stops the probe and every instance (for an EXIT trap).
bench_stop_instances() {
  local name
  bench_stop_pid "$probe_pid"
  for name in "${!bench_pids[@]}"; do bench_stop_pid "${bench_pids[$name]}"; done
}

# The first port from PORT up that nothing listens on: free_port PORT
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# bench_instance NAME URL [VARIABLE=VALUE...]: an app instance on $ConnectionStrings__DefaultConnection listening on
# URL, with the bench's settings and the given ones; its log is $out/app-NAME.log. Returns once it is ready.
bench_instance() {
  local name=$1 url=$2
  shift 2
  (
    cd TodoDashboard
    export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$url
    export Auth__LoginAttemptsPerMinute=1000 DemoAccount__Email=
    # Warnings only, so logging is not part of what is measured.
    export Logging__LogLevel__Default=Warning
    [ $# -eq 0 ] || export "$@"
    exec dotnet bin/Release/net10.0/TodoDashboard.dll
  ) >"$out/app-$name.log" 2>&1 &
  bench_pids[$name]=$!
  for _ in $(seq 1 120); do
    # Healthy, and answered by this process: another app may have taken the port since it was found free.
    if curl -sf "$url/health/ready" >/dev/null 2>&1; then
      ss -Htlnp "sport = :${url##*:}" | grep -q "pid=${bench_pids[$name]}," && return 0
      echo "Port ${url##*:} was taken by another process; set BENCH_APP_PORT to another range." >&2
      exit 1
    fi
    if ! kill -0 "${bench_pids[$name]}" 2>/dev/null; then
      local status=0
      wait "${bench_pids[$name]}" || status=$?
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

# bench_probe SECONDS OUTPUT ARGS...: runs bench/JobsBench in the background (so the trap can stop it), bounded in time.
bench_probe() {
  local seconds=$1 output=$2
  shift 2
  timeout "$seconds" dotnet bench/JobsBench/bin/Release/net10.0/JobsBench.dll "$@" >"$output" &
  probe_pid=$!
  local status=0
  wait "$probe_pid" || status=$?
  probe_pid=
  return "$status"
}

# Cancels BENCH_EMAIL's active jobs: one left by an interrupted run would block this user's next start.
cancel_active_jobs() {
  "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -v email="$EMAIL" >/dev/null <<'SQL'
UPDATE runs SET state = 'Cancelled', finished_at = now()
WHERE kind = 'jobs' AND state IN ('Queued', 'Running')
  AND owner_id = (SELECT id FROM asp_net_users WHERE normalized_email = upper(:'email'))
SQL
}

# Per item of JOB: the probe's receive time (CSV of "number,received_at") minus job_items.created_at (set just before
# the commit), both UTC, one clock. Prints "samples p50 p95 max" in ms: job_latency JOB CSV
job_latency() {
  PGTZ=UTC "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -F ' ' \
    -c 'CREATE TEMP TABLE samples (number int, received_at timestamptz)' \
    -c "\\copy samples FROM '$2' WITH (FORMAT csv)" \
    -c "SELECT count(*),
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
               round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1),
               round(max(ms)::numeric, 1)
        FROM (SELECT extract(epoch FROM s.received_at - i.created_at) * 1000 AS ms
              FROM samples s JOIN job_items i ON i.job_id = '$1' AND i.number = s.number) AS x"
}

# hey prints "  95% in 0.0123 secs" under "Latency distribution": latency REPORT PERCENT, in ms.
latency() { awk -v p="$2%" '$1 == p && $2 == "in" { printf "%.2f", $3 * 1000 }' "$1"; }

# Requests per second from a hey report, rounded.
requests_per_second() { awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$1"; }

# Fails unless every one of COUNT requests in a hey report answered STATUS: expect_all REPORT COUNT STATUS WHAT.
expect_all() {
  if ! grep -q "\[$3\][[:space:]]*$2 responses" "$1"; then
    echo "Not every $4 request answered $3:" >&2
    sed -n '/Status code distribution/,$p' "$1" >&2
    exit 1
  fi
}

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# The original demo's load on the customers listing (customers-load.lua): customers_wrk NAME BASE PREFIX THINK_MS [WARM]
# prints the script's RESULT line; USERS connections for DURATION, with $token. With WARM, the connections hammer
# the endpoint for 5 s first (k6 ramps its users up over 30 s; this opens the connection pools before measuring).
customers_wrk() {
  local report=$out/wrk-customers-$1.txt
  if [ -n "${5:-}" ]; then
    PREFIX=$3 TOKEN=$token THINK_MS=0 wrk -t2 -c"$USERS" -d5s --timeout 60s -s bench/customers-load.lua "$2" >/dev/null 2>&1
  fi
  PREFIX=$3 TOKEN=$token THINK_MS=$4 wrk -t2 -c"$USERS" -d"$DURATION" --timeout 60s -s bench/customers-load.lua "$2" >"$report" 2>&1
  grep '^RESULT' "$report" || { cat "$report" >&2; exit 1; }
}

# A field of a RESULT line: field LINE NAME.
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# met or MISSED for an awk condition: verdict "A <= B"
verdict() { awk "BEGIN { print (($1) ? \"met\" : \"MISSED\") }"; }

# One row of bench/all.sh's table, printed as a goal line and, when bench/all.sh runs the script, appended to
# $BENCH_RESULTS (tab-separated): bench_result SCENARIO FIGURE BASELINE RATIO GOAL CONDITION
# FIGURE and BASELINE carry their units ("2,611 req/s", "pgbench 2,950 tps"); RATIO is FIGURE/BASELINE as printed
# ("0.89x"); GOAL is the goal as the issue states it (">= 0.85x"); CONDITION an awk expression deciding met/MISSED.
# A figure with no goal (GOAL and CONDITION empty) is a row to read: its goal and met columns say "-".
bench_result() {
  local met=-
  [ -z "${6:-}" ] || met=$(verdict "$6")
  printf '  %-44s %-20s %-24s %-9s %-12s %s\n' "$1" "$2" "$3" "$4" "${5:--}" "$met"
  if [ -n "${BENCH_RESULTS:-}" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$0" .sh)" "$1" "$2" "$3" "$4" "${5:--}" "$met" >>"$BENCH_RESULTS"
  fi
}

# A/B as bench_result prints ratios: ratio A B -> "0.89x"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
