#!/usr/bin/env bash
# Builds TodoDashboard and runs every test layer (integration + bUnit, then Chromium E2E)
# against a private, throw-away-fast PostgreSQL cluster (and a private Redis). Ends with "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/redis.sh

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

echo "Building..."
dotnet build TodoDashboard.sln -c Release -nologo -v quiet

results=$(mktemp -d)
status=0
for project in TodoDashboard.Tests TodoDashboard.E2E; do
  echo "== $project"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

count() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
passed=$(count passed); failed=$(count failed); total=$(count total); executed=$(count executed)
skipped=$((total - executed))
if [ "$passed" -eq 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
