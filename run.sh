#!/usr/bin/env bash
# Starts TodoDashboard on http://localhost:5000 with its own PostgreSQL (see README.md).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

# ./run.sh --instances N: N app processes behind a sticky nginx on the same address (scripts/cluster.sh).
instances=0
if [ "${1:-}" = --instances ]; then
  instances=${2:?--instances needs a number}
  [[ "$instances" =~ ^[1-9][0-9]?$ ]] || { echo "--instances: a number from 1 to 99" >&2; exit 2; }
  shift 2
fi

PORT=${TODO_DASHBOARD_PG_PORT:-55432}
ensure_postgres app "$PORT"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard;Username=$PG_USER"
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
# An empty customers table gets this many generated customers at start-up, in the background.
export Customers__SeedWhenEmpty=${Customers__SeedWhenEmpty:-100000}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5000}
echo "Building..."
dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet
if [ $# -eq 0 ]; then
  [ "${Customers__SeedWhenEmpty}" -gt 0 ] 2>/dev/null \
    && echo "Customers: an empty table gets ${Customers__SeedWhenEmpty} generated customers in the background (Customers__SeedWhenEmpty)."
  echo "Customers: to load 3,000,000, run ./run.sh generate-customers --customers 3000000 (it loads them and exits)"
fi
if [ "$instances" -gt 0 ]; then
  source scripts/cluster.sh
  port=${ASPNETCORE_URLS##*:}
  run_cluster "$instances" "${port%%/*}"
  exit
fi
echo "TodoDashboard: ${ASPNETCORE_URLS}  (migrations run at start; Ctrl+C stops the app, the database keeps running)"
cd TodoDashboard && exec dotnet bin/Release/net10.0/TodoDashboard.dll "$@"
