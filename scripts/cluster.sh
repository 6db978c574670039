#!/usr/bin/env bash
# Sourced by run.sh (./run.sh --instances N). Provides run_cluster N LISTEN_PORT: starts N app processes from the
# Release build on ports LISTEN_PORT+1 .. LISTEN_PORT+N, one after the other (the first migrates), all on the
# PostgreSQL cluster of $ConnectionStrings__DefaultConnection and one private Redis, behind Debian's nginx on
# 127.0.0.1:LISTEN_PORT with sticky sessions (deploy/nginx). Blocks until Ctrl+C (or one process ends), then stops them all.
# shellcheck source=nginx.sh
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"
# shellcheck source=redis.sh
source "$(dirname "${BASH_SOURCE[0]}")/redis.sh"

run_cluster() {
  local count=$1 listen=$2 app_dir dir i port ports=() pids=()
  app_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../TodoDashboard" && pwd)"
  ensure_nginx
  if [ -z "${ConnectionStrings__Redis:-}" ]; then
    # Shared by the instances: the customers cache and the circuits a failover resumes.
    ensure_redis redis-app "${TODO_DASHBOARD_REDIS_PORT:-56378}"
    export ConnectionStrings__Redis=$REDIS_ENDPOINT
  fi

  dir="$(pg_data_root)/cluster-$listen"
  mkdir -p "$dir"
  for i in $(seq "$count"); do ports+=($((listen + i))); done

  stop_cluster() {
    trap - INT TERM EXIT
    echo "Stopping nginx and ${#pids[@]} instance(s)..."
    [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
    wait 2>/dev/null
  }
  trap stop_cluster INT TERM EXIT

  for i in $(seq "$count"); do
    port=${ports[$((i - 1))]}
    echo "Starting instance $i on http://127.0.0.1:$port (log: $dir/instance-$i.log)..."
    (cd "$app_dir" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet bin/Release/net10.0/TodoDashboard.dll) \
      > "$dir/instance-$i.log" 2>&1 &
    pids+=($!)
    # One at a time: the first applies the migrations, the others find them applied.
    for _ in $(seq 120); do
      curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" && break
      kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 30 "$dir/instance-$i.log" >&2; return 1; }
      sleep 0.5
    done
  done

  write_nginx_conf "$dir/nginx" "$listen" "${ports[@]}"
  start_nginx "$dir/nginx"
  echo
  echo "TodoDashboard: http://localhost:$listen  (nginx, sticky sessions, in front of $count instances on ports ${ports[*]})"
  echo "Ctrl+C stops nginx and every instance; the database and Redis keep running."
  wait -n "$NGINX_PID" "${pids[@]}" || true
}
