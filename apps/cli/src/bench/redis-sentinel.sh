#!/usr/bin/env bash
# A local Redis master, one replica and three Sentinels monitoring them as `mymaster`:
#   apps/cli/src/bench/redis-sentinel.sh start        # data on 6391 (master), 6392 (replica); Sentinels 26391-26393
#   apps/cli/src/bench/redis-sentinel.sh failover     # SENTINEL FAILOVER; returns once the replica is the master
#   apps/cli/src/bench/redis-sentinel.sh kill-master  # waits for a replica in sync, SIGKILLs the master,
#                                                     # returns once the Sentinels promoted the replica
#   apps/cli/src/bench/redis-sentinel.sh synced       # returns once the master has a replica in sync
#   apps/cli/src/bench/redis-sentinel.sh master       # the port of the current master
#   apps/cli/src/bench/redis-sentinel.sh stop
# Ports: REDIS_SENTINEL_DATA_PORTS, REDIS_SENTINEL_PORTS; state in REDIS_SENTINEL_DIR. Then:
#   TEST_REDIS_URL='redis+sentinel://127.0.0.1:26391,127.0.0.1:26392,127.0.0.1:26393/mymaster' npx jest ...
set -euo pipefail

DATA_PORTS=(${REDIS_SENTINEL_DATA_PORTS:-6391 6392})
SENTINEL_PORTS=(${REDIS_SENTINEL_PORTS:-26391 26392 26393})
DIR=${REDIS_SENTINEL_DIR:-/tmp/orchestrator-redis-sentinel}
NAME=mymaster
TIMEOUT_S=${REDIS_SENTINEL_TIMEOUT_S:-30}

# Runs "$@" until it succeeds, every 0.1 s, for at most TIMEOUT_S.
wait_until() {
  local what=$1
  shift
  local deadline=$((SECONDS + TIMEOUT_S))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      echo "redis-sentinel: timed out waiting for $what" >&2
      exit 1
    fi
    sleep 0.1
  done
}

answers() { redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; }
info_field() { redis-cli -p "$1" info replication 2>/dev/null | tr -d '\r' | awk -F: -v f="$2" '$1 == f {print $2}'; }
replica_linked() { [ "$(info_field "$1" master_link_status)" = up ]; }
# The master at $1 has a replica that replicates it.
replica_online() { redis-cli -p "$1" info replication 2>/dev/null | grep -q '^slave0:.*state=online'; }
is_master() { [ "$(info_field "$1" role)" = master ]; }
# A field of `SENTINEL MASTER mymaster` (its answer alternates names and values).
sentinel_field() {
  redis-cli -p "$1" sentinel master "$NAME" 2>/dev/null | awk -v f="$2" 'found {print; exit} $0 == f {found = 1}'
}
# A Sentinel ready to fail over: it sees the replica and the two other Sentinels.
sentinel_ready() { [ "$(sentinel_field "$1" num-slaves)" = 1 ] && [ "$(sentinel_field "$1" num-other-sentinels)" = 2 ]; }
master_port() { redis-cli -p "${SENTINEL_PORTS[0]}" sentinel get-master-addr-by-name "$NAME" 2>/dev/null | sed -n 2p; }
master_is_not() {
  local port
  port=$(master_port) && [ -n "$port" ] && [ "$port" != "$1" ]
}
all_sentinels_say() {
  local port
  for port in "${SENTINEL_PORTS[@]}"; do
    [ "$(redis-cli -p "$port" sentinel get-master-addr-by-name "$NAME" 2>/dev/null | sed -n 2p)" = "$1" ] || return 1
  done
}

start_data() {
  local port=$1
  shift
  mkdir -p "$DIR/$port"
  # Nothing on disk, like the development Redis.
  redis-server --port "$port" --bind 127.0.0.1 --dir "$DIR/$port" --save '' --appendonly no --daemonize yes \
    --pidfile "$DIR/$port/redis.pid" --logfile "$DIR/$port/redis.log" "$@"
}

start() {
  local master=${DATA_PORTS[0]} replica=${DATA_PORTS[1]} port
  for port in "${DATA_PORTS[@]}" "${SENTINEL_PORTS[@]}"; do
    if answers "$port"; then
      echo "redis-sentinel: something answers on $port already (a setup left running? \`$0 stop\`)" >&2
      exit 1
    fi
  done
  start_data "$master"
  start_data "$replica" --replicaof 127.0.0.1 "$master"
  wait_until "the master on $master" answers "$master"
  wait_until "the replica on $replica to sync" replica_linked "$replica"
  for port in "${SENTINEL_PORTS[@]}"; do
    mkdir -p "$DIR/$port"
    # Sentinel rewrites its configuration file: one of its own per Sentinel.
    cat >"$DIR/$port/sentinel.conf" <<EOF
port $port
bind 127.0.0.1
dir $DIR/$port
daemonize yes
pidfile $DIR/$port/sentinel.pid
logfile $DIR/$port/sentinel.log
sentinel monitor $NAME 127.0.0.1 $master 2
sentinel down-after-milliseconds $NAME 1000
sentinel failover-timeout $NAME 3000
sentinel parallel-syncs $NAME 1
EOF
    redis-server "$DIR/$port/sentinel.conf" --sentinel
  done
  for port in "${SENTINEL_PORTS[@]}"; do
    wait_until "the Sentinel on $port" answers "$port"
    wait_until "the Sentinel on $port to see the replica and the other Sentinels" sentinel_ready "$port"
  done
  echo "sentinel ok: redis+sentinel://$(printf '127.0.0.1:%s,' "${SENTINEL_PORTS[@]}" | sed 's/,$//')/$NAME"
}

# Once every Sentinel names the new master, and it is one.
promoted() {
  local old=$1 new
  wait_until "the Sentinels to name a new master" master_is_not "$old"
  new=$(master_port)
  wait_until "every Sentinel to name $new" all_sentinels_say "$new"
  wait_until "$new to be a master" is_master "$new"
  echo "$new"
}

failover() {
  local old new
  old=$(master_port)
  redis-cli -p "${SENTINEL_PORTS[0]}" sentinel failover "$NAME" | grep -q OK
  new=$(promoted "$old")
  # The old master stays a master until the Sentinels reconfigure it (up to 10 s, their INFO period); its
  # clients were told to leave (+switch-master). kill-master waits for it to replicate.
  echo "failover ok: master $old -> $new"
}

synced() {
  local master
  master=$(master_port)
  wait_until "a replica in sync with $master" replica_online "$master"
  echo "synced ok: master $master has a replica in sync"
}

# SIGKILL of the master: its unreplicated writes are lost.
kill_master() {
  local old new
  old=$(master_port)
  wait_until "a replica in sync with $old" replica_online "$old"
  kill -9 "$(cat "$DIR/$old/redis.pid")"
  new=$(promoted "$old")
  echo "kill-master ok: master $old killed, $new promoted"
}

stop() {
  local port pidfile pid
  for port in "${SENTINEL_PORTS[@]}" "${DATA_PORTS[@]}"; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
  # One that did not answer (stopped with SIGSTOP, say) is killed by its pid file, if that pid is still a Redis.
  for pidfile in "$DIR"/*/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    case "$(ps -p "$pid" -o comm= 2>/dev/null)" in
      redis-server | redis-sentinel) kill -9 "$pid" 2>/dev/null || true ;;
    esac
  done
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  failover) failover ;;
  kill-master) kill_master ;;
  synced) synced ;;
  master) master_port ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|failover|kill-master|synced|master|stop" >&2
    exit 2
    ;;
esac
