#!/usr/bin/env bash
# A local Redis Cluster of three masters (no replicas) for running the tests against:
#   apps/cli/src/bench/redis-cluster.sh start   # ports 7001-7003 (REDIS_CLUSTER_PORTS), data in /tmp
#   apps/cli/src/bench/redis-cluster.sh stop
# Then: TEST_REDIS_URL='redis://127.0.0.1:7001/?cluster=true' npx jest apps/worker
set -euo pipefail

PORTS=(${REDIS_CLUSTER_PORTS:-7001 7002 7003})
DIR=${REDIS_CLUSTER_DIR:-/tmp/orchestrator-redis-cluster}

start() {
  for port in "${PORTS[@]}"; do
    mkdir -p "$DIR/$port"
    # Nothing on disk, like the development Redis: the cluster's state lives in nodes.conf only.
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$DIR/$port/nodes.conf" \
      --cluster-node-timeout 5000 --dir "$DIR/$port" --save '' --appendonly no --daemonize yes \
      --pidfile "$DIR/$port/redis.pid" --logfile "$DIR/$port/redis.log"
  done
  for port in "${PORTS[@]}"; do
    until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
  done
  if [ "$(redis-cli -p "${PORTS[0]}" cluster info | tr -d '\r' | awk -F: '$1 == "cluster_state" {print $2}')" != ok ]; then
    redis-cli --cluster create $(printf '127.0.0.1:%s ' "${PORTS[@]}") --cluster-replicas 0 --cluster-yes >/dev/null
  fi
  until [ "$(redis-cli -p "${PORTS[0]}" cluster info | tr -d '\r' | awk -F: '$1 == "cluster_state" {print $2}')" = ok ]; do
    sleep 0.2
  done
  echo "cluster ok: redis://127.0.0.1:${PORTS[0]}/?cluster=true"
}

stop() {
  for port in "${PORTS[@]}"; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
