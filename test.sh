#!/usr/bin/env bash
# Builds TodoDashboard and runs every test layer: the unit tests first, with no database or Redis to reach; then the
# integration and bUnit tests against a private, throw-away-fast PostgreSQL cluster (and a private Redis); then
# Chromium E2E. Ends with "N passed, N failed, N skipped" over all three.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/redis.sh
source scripts/nginx.sh

echo "Building..."
dotnet build TodoDashboard.sln -c Release -nologo -v quiet

results=$(mktemp -d)
status=0
# run_tests NAME COMMAND...: runs a dotnet test command, its results in NAME.trx.
run_tests() {
  local name=$1
  shift
  echo "== $name"
  "$@" -c Release --no-build --nologo --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" || status=1
}

# nginx (the binary only, no service): the compose proxy's configuration check (a unit test) and the cluster E2E
# tests run it; NGINX_BIN names it for them.
ensure_nginx

# Before anything is provisioned, and without the servers' addresses even when the caller set them: a unit test that
# reaches for a database or Redis fails here.
run_tests TodoDashboard.Tests.Unit env -u ConnectionStrings__DefaultConnection -u TODO_DASHBOARD_TEST_REDIS \
  dotnet test TodoDashboard.Tests --filter Category=Unit

ensure_postgres test "${TODO_DASHBOARD_TEST_PG_PORT:-55433}" fast
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  # Each test class creates and drops its own database on this server.
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=postgres;Username=$PG_USER"
fi

# The shared-cache tests run two app instances on one Redis (the app itself needs none).
if [ -z "${TODO_DASHBOARD_TEST_REDIS:-}" ]; then
  ensure_redis redis-test "${TODO_DASHBOARD_TEST_REDIS_PORT:-56379}"
  export TODO_DASHBOARD_TEST_REDIS=$REDIS_ENDPOINT
fi

export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM_PATH" ]; then
  echo "Installing Chromium from the distribution..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
  export CHROMIUM_PATH=$(command -v chromium)
fi

run_tests TodoDashboard.Tests dotnet test TodoDashboard.Tests --filter 'Category!=Unit'
run_tests TodoDashboard.E2E dotnet test TodoDashboard.E2E

count() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed); failed=$(count failed); total=$(count total); executed=$(count executed)
skipped=$((total - executed))
if [ "$passed" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
