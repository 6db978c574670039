#!/usr/bin/env bash
# Sourced by run.sh and test.sh. Provides ensure_postgres NAME PORT [fast]:
# uses $ConnectionStrings__DefaultConnection when set, otherwise starts (creating it the first time)
# a private PostgreSQL cluster for TodoDashboard and exports PG_HOST, PG_PORT, PG_USER and PG_DATA.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ]; then
    echo "Installing PostgreSQL from the distribution..." >&2
    as_root apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -n "$dir" ] || { echo "PostgreSQL could not be installed." >&2; return 1; }
  echo "$dir"
}

# Data lives outside the checkout, so a fresh clone reuses it and `git clean` never deletes it.
# As root the cluster belongs to the postgres user, who cannot enter /root, hence /var/lib.
pg_data_root() {
  if [ -n "${TODO_DASHBOARD_DATA:-}" ]; then echo "$TODO_DASHBOARD_DATA"
  elif [ "$(id -u)" -eq 0 ]; then echo /var/lib/todo-dashboard
  else echo "${XDG_DATA_HOME:-$HOME/.local/share}/todo-dashboard"; fi
}

pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A private single-server cluster has no replica to feed: WAL carries only what crash recovery needs (an index or a
# table written in the transaction that created it is synced at commit rather than logged), and a bulk load does not
# force a checkpoint every gigabyte. Crash safety is unchanged. Clusters made before these lines get them appended
# (they apply from the next start).
PG_WAL_MARKER="# TodoDashboard: WAL for a single server"
pg_wal_settings() {
  echo "$PG_WAL_MARKER"
  echo "wal_level = minimal"
  echo "max_wal_senders = 0"
  echo "max_wal_size = 8GB"
}

ensure_postgres() {
  local name=$1 port=$2 fast=${3:-}
  if [ -n "${ConnectionStrings__DefaultConnection:-}" ]; then
    echo "Using the PostgreSQL server from ConnectionStrings__DefaultConnection."
    return 0
  fi

  local bin data
  bin=$(pg_bin_dir) || return 1
  data="$(pg_data_root)/$name"
  if [ ! -s "$data/PG_VERSION" ]; then
    echo "Creating a private PostgreSQL cluster in $data (port $port)..."
    if [ "$(id -u)" -eq 0 ]; then
      install -d -m 755 "$(dirname "$data")"
      install -d -o postgres -m 700 "$data"
    else
      mkdir -p "$data" && chmod 700 "$data"
    fi
    pg_run "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '/tmp'"
      echo "max_connections = 300"
      echo "shared_buffers = 256MB"
      if [ "$fast" = fast ]; then
        # Test clusters only: a crash may lose them, and that is fine.
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } | pg_run tee -a "$data/postgresql.conf" >/dev/null
  fi
  if ! grep -qF "$PG_WAL_MARKER" "$data/postgresql.conf"; then
    pg_wal_settings | pg_run tee -a "$data/postgresql.conf" >/dev/null
  fi

  if ! pg_run "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "Starting PostgreSQL ($data, port $port)..."
    # The port is given on every start too, so changing the port variable later takes effect.
    pg_run "$bin/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port" -w -t 60 start >/dev/null \
      || { tail -n 20 "$data/server.log" >&2; return 1; }
  fi

  export PG_HOST=127.0.0.1 PG_PORT=$port PG_USER=postgres PG_DATA=$data PG_BIN=$bin
}
