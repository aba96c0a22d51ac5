#!/usr/bin/env bash
# Starts or stops throwaway test databases on loopback: a private PostgreSQL cluster with a PgBouncer in transaction
# mode in front of it, a standalone Redis and a 3-primary Redis Cluster. Nothing here touches the machine's own PostgreSQL cluster or ports 5432/6379.
#
#   scripts/test-databases.sh start [DIR]   start everything under DIR (default: a new temp dir); prints DIR
#   scripts/test-databases.sh stop DIR      stop everything started under DIR and remove DIR
#
# After start, DIR/env holds the CHECKPOINT_TEST_* variables the test projects read: `source DIR/env`.
# Installs postgresql / pgbouncer / redis-server with apt when they are missing (needs root, as on CI machines).
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive

die() { echo "test-databases: $*" >&2; exit 1; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while ! port_free "$p"; do p=$((p + 1)); done; echo "$p"; }
# A cluster node also listens on its port + 10000 (the cluster bus): both must be free.
free_cluster_port() { local p=$1; while ! port_free "$p" || ! port_free $((p + 10000)); do p=$((p + 1)); done; echo "$p"; }

install_missing() {
  local need=()
  ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
  command -v redis-server >/dev/null || need+=(redis-server)
  [ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
  [ ${#need[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${need[*]} and not root: install them first"
  echo "test-databases: installing ${need[*]}" >&2
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null 2>&1 \
    || die "apt-get install ${need[*]} failed"
}

# Sets pg_port, which start_pgbouncer puts the pooler in front of.
start_postgres() {
  local root=$1 pgbin port
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  port=$(free_port 55432)
  mkdir -p "$root/pg" && chown postgres:postgres "$root/pg" && chmod 700 "$root/pg"
  runuser -u postgres -- "$pgbin/initdb" -D "$root/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$root/pg/initdb.log" 2>&1 \
    || { cat "$root/pg/initdb.log" >&2; die "initdb failed"; }
  # fsync off: these databases are thrown away, and the crash tests simulate crashes of our processes, not the server.
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$root/pg/data" -l "$root/pg/server.log" -w -t 60 -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $root/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
    || { cat "$root/pg/server.log" >&2; die "PostgreSQL did not start"; }
  echo "$pgbin" >"$root/pg/bin"
  echo "export CHECKPOINT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres'" >>"$root/env"
  echo "export CHECKPOINT_TEST_POSTGRES_DATA='$root/pg/data'" >>"$root/env"
  echo "export CHECKPOINT_TEST_POSTGRES_BIN='$pgbin'" >>"$root/env"
  pg_port=$port
}

# PgBouncer 1.18 (Debian 12) in transaction mode, pool size 10: what most managed poolers run. It runs as the postgres
# user (it refuses root) and trusts the loopback client, like the cluster behind it.
start_pgbouncer() {
  local root=$1 pgport=$2 port
  port=$(free_port 56432)
  mkdir -p "$root/pgbouncer"
  printf '"postgres" ""\n' >"$root/pgbouncer/userlist.txt"
  cat >"$root/pgbouncer/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$pgport
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $root/pgbouncer/userlist.txt
pool_mode = transaction
default_pool_size = 10
max_client_conn = 2000
ignore_startup_parameters = extra_float_digits,search_path
logfile = $root/pgbouncer/pgbouncer.log
pidfile = $root/pgbouncer/pgbouncer.pid
INI
  chown -R postgres:postgres "$root/pgbouncer"
  runuser -u postgres -- /usr/sbin/pgbouncer -d "$root/pgbouncer/pgbouncer.ini" >/dev/null 2>&1 \
    || { cat "$root/pgbouncer/pgbouncer.log" >&2; die "PgBouncer did not start"; }
  for _ in $(seq 1 100); do
    port_free "$port" || break
    sleep 0.05
  done
  port_free "$port" && { cat "$root/pgbouncer/pgbouncer.log" >&2; die "PgBouncer is not listening on $port"; }
  echo "export CHECKPOINT_TEST_PGBOUNCER='Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres'" >>"$root/env"
}

start_redis() { # port dir [extra args...]
  local port=$1 dir=$2
  shift 2
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no --dir "$dir" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" "$@" || return 1
  for _ in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  cat "$dir/redis.log" >&2
  return 1
}

start_redis_all() {
  local root=$1 port c1 c2 c3
  port=$(free_port 56379)
  start_redis "$port" "$root/redis/single" || die "Redis did not start"
  echo "export CHECKPOINT_TEST_REDIS='127.0.0.1:$port'" >>"$root/env"
  # Cluster node ports must stay <= 55535: the cluster bus listens on port + 10000.
  c1=$(free_cluster_port 47001); c2=$(free_cluster_port $((c1 + 1))); c3=$(free_cluster_port $((c2 + 1)))
  for p in $c1 $c2 $c3; do
    start_redis "$p" "$root/redis/c$p" --cluster-enabled yes --cluster-config-file "$root/redis/c$p/nodes.conf" \
      --cluster-node-timeout 5000 || die "Redis cluster node $p did not start"
  done
  redis-cli --cluster create "127.0.0.1:$c1" "127.0.0.1:$c2" "127.0.0.1:$c3" --cluster-replicas 0 --cluster-yes \
    >"$root/redis/create.log" 2>&1 || { cat "$root/redis/create.log" >&2; die "redis-cli --cluster create failed"; }
  for _ in $(seq 1 100); do
    redis-cli -p "$c1" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && break
    sleep 0.1
  done
  echo "export CHECKPOINT_TEST_REDIS_CLUSTER='127.0.0.1:$c1,127.0.0.1:$c2,127.0.0.1:$c3'" >>"$root/env"
}

# Stops the process named by a pid file, if any, and waits (up to 2.5 s) until it is gone.
stop_pid_file() {
  local pid
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
}

stop_all() {
  local root=$1 f
  [ -d "$root" ] || return 0
  stop_pid_file "$root/pgbouncer/pgbouncer.pid"
  if [ -f "$root/pg/bin" ] && [ -d "$root/pg/data" ]; then
    runuser -u postgres -- "$(cat "$root/pg/bin")/pg_ctl" -D "$root/pg/data" -m immediate -w stop >/dev/null 2>&1
  fi
  for f in "$root"/redis/*/redis.pid; do
    stop_pid_file "$f"
  done
  rm -rf "$root"
}

case "${1:-}" in
  start)
    install_missing
    root=${2:-$(mktemp -d /tmp/checkpoint-dbs.XXXXXX)}
    # The databases are throwaway: a directory left by an earlier run (say, before a reboot) is stopped and wiped first.
    [ -d "$root" ] && [ -n "$(ls -A "$root")" ] && stop_all "$root"
    mkdir -p "$root" && chmod 755 "$root" && : >"$root/env"
    start_postgres "$root"
    start_pgbouncer "$root" "$pg_port"
    start_redis_all "$root"
    echo "$root"
    ;;
  stop)
    [ -n "${2:-}" ] || die "usage: $0 stop DIR"
    stop_all "$2"
    ;;
  *)
    die "usage: $0 start [DIR] | stop DIR"
    ;;
esac
