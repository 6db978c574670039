#!/usr/bin/env bash
# Sourced by scripts/cluster.sh, test.sh and bench/cluster.sh. Provides:
#   ensure_nginx                          installs Debian's nginx when missing (the binary only; no system service is used)
#   write_nginx_conf DIR LISTEN PORT...   writes DIR/nginx.conf: a sticky proxy on 127.0.0.1:LISTEN in front of the
#                                         app instances on 127.0.0.1:PORT... (deploy/nginx/*.conf, as compose uses);
#                                         with NGINX_ACCESS_LOG=FILE it logs "affinity upstream status uri" per request
#                                         (tests and benchmarks read which instance served a browser)
#   start_nginx DIR                       runs that nginx in the foreground of a background job; exports NGINX_PID
# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

NGINX_SHARED_CONF="$(cd "$(dirname "${BASH_SOURCE[0]}")/../deploy/nginx" && pwd)"

ensure_nginx() {
  if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing nginx from the distribution..."
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
      || DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nginx >/dev/null
  fi
  NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
  export NGINX_BIN
}

write_nginx_conf() {
  local dir=$1 listen=$2 port
  shift 2
  mkdir -p "$dir/temp"
  {
    echo "# Written by scripts/nginx.sh: a private nginx, not the system's."
    echo "worker_processes 1;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/error.log warn;"
    [ "$(id -u)" -eq 0 ] && echo "user root;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    if [ -n "${NGINX_ACCESS_LOG:-}" ]; then
      echo "  log_format td_upstream '\$td_affinity \$upstream_addr \$status \$request_uri';"
      echo "  access_log $NGINX_ACCESS_LOG td_upstream;"
    else
      echo "  access_log off;"
    fi
    for temp in client_body proxy fastcgi uwsgi scgi; do echo "  ${temp}_temp_path $dir/temp/$temp;"; done
    echo "  include $NGINX_SHARED_CONF/affinity.conf;"
    echo "  upstream todo_dashboard {"
    echo "    hash \$td_affinity consistent;"
    for port in "$@"; do echo "    server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"; done
    echo "    keepalive 64;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$listen;"
    echo "    include $NGINX_SHARED_CONF/proxy.conf;"
    echo "  }"
    echo "}"
  } > "$dir/nginx.conf"
}

start_nginx() {
  local dir=$1
  ensure_nginx
  "$NGINX_BIN" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
  "$NGINX_BIN" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g "daemon off;" &
  NGINX_PID=$!
  export NGINX_PID
}
