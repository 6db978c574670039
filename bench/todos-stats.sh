#!/usr/bin/env bash
# Benchmarks the todos panel's stats: GET /api/todos/stats?mode=sequential vs ?mode=parallel
# for one user with 10,000 todos, measured with hey. See bench/README.md.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
source scripts/postgres.sh

REQUESTS=${BENCH_REQUESTS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
WARMUP=${BENCH_WARMUP:-200}
TODOS=${BENCH_TODOS:-10000}
EMAIL=${BENCH_EMAIL:-bench@example.com}
PASSWORD=${BENCH_PASSWORD:-Bench-pass-1}
out=bench/out
load_at_start=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$out"

missing=()
command -v curl >/dev/null || missing+=(curl)
command -v hey >/dev/null || missing+=(hey)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from the distribution..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

ensure_postgres bench "${TODO_DASHBOARD_BENCH_PG_PORT:-55434}"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard_bench;Username=$PG_USER"
fi

# psql gets the same server and database as the app, read from the connection string.
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

port=${BENCH_APP_PORT:-5081}
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
base=http://127.0.0.1:$port

echo "Building (Release)..."
dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet >"$out/build.log" 2>&1 \
  || { tail -n 30 "$out/build.log" >&2; exit 1; }

app_pid=
stop_app() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
}
trap stop_app EXIT

echo "Starting the app on $base..."
(
  cd TodoDashboard
  export ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=$base
  export Auth__LoginAttemptsPerMinute=1000 DemoAccount__Email=
  # Warnings only, so logging is not part of what is measured.
  export Logging__LogLevel__Default=Warning
  exec dotnet bin/Release/net10.0/TodoDashboard.dll
) >"$out/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$out/app.log" >&2; echo "The app exited." >&2; exit 1; }
  sleep 0.5
done
curl -sf "$base/health" >/dev/null || { tail -n 30 "$out/app.log" >&2; echo "The app did not become healthy." >&2; exit 1; }

credentials=$(jq -nc --arg email "$EMAIL" --arg password "$PASSWORD" '{email: $email, password: $password}')
register=$(curl -s -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$credentials" "$base/api/auth/register")
if [ "${register##*$'\n'}" != 200 ] && ! grep -qi duplicateUserName <<<"$register"; then
  echo "Registering $EMAIL failed: $register" >&2
  exit 1
fi
token=$(curl -sf -H 'Content-Type: application/json' -d "$credentials" "$base/api/auth/login" | jq -r .accessToken)
[ -n "$token" ] && [ "$token" != null ] || { echo "Logging in as $EMAIL failed." >&2; exit 1; }

echo "Seeding $TODOS todos for $EMAIL..."
# A third completed, a tenth created earlier today (UTC), the rest spread over the past year.
"$PSQL" -X -q -v ON_ERROR_STOP=1 -v email="$EMAIL" -v todos="$TODOS" <<'SQL'
SELECT "Id" AS owner FROM "AspNetUsers" WHERE "NormalizedEmail" = upper(:'email') \gset
BEGIN;
DELETE FROM todos WHERE "OwnerId" = :'owner';
INSERT INTO todos ("OwnerId", "Title", "Description", "IsCompleted", "CreatedAt")
SELECT :'owner',
       'Bench todo ' || g,
       CASE WHEN g % 2 = 0 THEN 'Description of bench todo ' || g END,
       g % 3 = 0,
       CASE WHEN g % 10 = 0
            THEN date_trunc('day', now(), 'UTC') + (now() - date_trunc('day', now(), 'UTC')) * ((g % 997) / 997.0)
            ELSE date_trunc('day', now(), 'UTC') - (1 + g % 365) * interval '1 day' + (g % 86400) * interval '1 second'
       END
FROM generate_series(1, :todos) AS g;
COMMIT;
VACUUM ANALYZE todos;
SQL

auth="Authorization: Bearer $token"

# hey prints "  95% in 0.0123 secs" under "Latency distribution".
latency() { awk -v p="$2%" '$1 == p && $2 == "in" { printf "%.2f", $3 * 1000 }' "$1"; }

declare -A p50 p95 p99 rps server
for mode in sequential parallel; do
  url="$base/api/todos/stats?mode=$mode"
  hey -n "$WARMUP" -c "$CONCURRENCY" -H "$auth" "$url" >/dev/null
  server[$mode]=$(curl -sf -H "$auth" "$url" | jq '.elapsedMs')
  hey -n "$REQUESTS" -c "$CONCURRENCY" -H "$auth" "$url" >"$out/hey-$mode.txt"
  report=$out/hey-$mode.txt
  if ! grep -q "\[200\][[:space:]]*$REQUESTS responses" "$report"; then
    echo "Not every $mode request answered 200:" >&2
    sed -n '/Status code distribution/,$p' "$report" >&2
    exit 1
  fi
  p50[$mode]=$(latency "$report" 50); p95[$mode]=$(latency "$report" 95); p99[$mode]=$(latency "$report" 99)
  rps[$mode]=$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' "$report")
done

echo
echo "GET /api/todos/stats: $TODOS todos, $REQUESTS requests per mode, concurrency $CONCURRENCY"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%-11s %9s %9s %9s %9s %11s\n' mode "p50 ms" "p95 ms" "p99 ms" "req/s" "server ms"
for mode in sequential parallel; do
  printf '%-11s %9s %9s %9s %9s %11.2f\n' "$mode" "${p50[$mode]}" "${p95[$mode]}" "${p99[$mode]}" "${rps[$mode]}" "${server[$mode]}"
done
awk -v s="${p50[sequential]}" -v p="${p50[parallel]}" -v sr="${rps[sequential]}" -v pr="${rps[parallel]}" \
  'BEGIN { printf "sequential/parallel: p50 %.2fx, throughput %.2fx\n", s / p, sr / pr }'
