#!/usr/bin/env bash
# Sourced by test.sh. Provides ensure_redis NAME PORT: starts (installing it the first time) a private,
# memory-only Redis for TodoDashboard's shared-cache tests and exports REDIS_ENDPOINT (host:port).
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

ensure_redis() {
  local name=$1 port=$2 dir
  if ! command -v redis-server >/dev/null; then
    echo "Installing Redis from the distribution..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi

  if ! redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
    dir="$(pg_data_root)/$name"
    mkdir -p "$dir"
    echo "Starting Redis (port $port, memory only)..."
    # No snapshots and no append-only file: a cache, thrown away with the process.
    redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
    for _ in $(seq 50); do
      redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$port" ping | grep -q PONG || { tail -n 20 "$dir/redis.log" >&2; return 1; }
  fi

  export REDIS_ENDPOINT="127.0.0.1:$port"
}
