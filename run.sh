#!/usr/bin/env bash
# Starts TodoDashboard on http://localhost:5000 with its own PostgreSQL (see README.md).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh

PORT=${TODO_DASHBOARD_PG_PORT:-55432}
ensure_postgres app "$PORT"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard;Username=$PG_USER"
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:5000}
echo "Building..."
dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet
echo "TodoDashboard: ${ASPNETCORE_URLS}  (migrations run at start; Ctrl+C stops the app, the database keeps running)"
cd TodoDashboard && exec dotnet bin/Release/net10.0/TodoDashboard.dll "$@"
