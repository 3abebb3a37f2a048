#!/usr/bin/env bash
# Several Clearance instances on one PostgreSQL database behind an nginx load balancer, on loopback, for
# trying a cluster by hand (README "Running several instances"). Prints the URLs and the admin key, and stops
# everything it started on Ctrl-C (or after --duration).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

usage() {
  cat <<'EOF'
usage: scripts/cluster.sh [options]

Starts N instances of the packaged jar (target/quarkus-app, built for PostgreSQL:
CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests) on one PostgreSQL database, and nginx in
front of them, all on 127.0.0.1. Stops them all on Ctrl-C.

  -n, --instances N     instances to start (default 3, at most 20)
  --port PORT           nginx's port (default 18300); instance i listens on PORT+i
  --db NAME             database on PGHOST:PGPORT, created if missing (default clearance_cluster)
  --work DIR            working folder: one data folder per instance, nginx's files, logs
                        (default target/cluster; emptied at start)
  --duration SECONDS    stop by itself after that long (default: run until Ctrl-C)
  --fresh               empty the database first (Flyway clean), then load the demo registry
  --heap SIZE           -Xmx of each instance (default 384m)
  -h, --help            this text

Environment: CLEARANCE_JAR (target/quarkus-app/quarkus-run.jar), PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (empty);
CLEARANCE_ADMIN_KEY, CLEARANCE_AUDIT_CHAIN_KEY (generated once per database into
target/cluster-keys/DB when unset, with the audit signing key pair, and reused by the next run).
Writes WORK/cluster.env (URLs, key, pids) once every instance is ready, for scripts that drive the cluster.
Needs java, curl, psql, openssl and nginx (apt-get install -y nginx; it is not run as a system service).
EOF
}

INSTANCES=3
PORT=18300
DB=clearance_cluster
WORK="$ROOT/target/cluster"
DURATION=
FRESH=false
HEAP=384m
while [ $# -gt 0 ]; do
  case "$1" in
    -n|--instances) INSTANCES=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --fresh) FRESH=true; shift ;;
    --heap) HEAP=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$INSTANCES" in ''|*[!0-9]*) echo "--instances takes a number" >&2; exit 2 ;; esac
[ "$INSTANCES" -ge 1 ] && [ "$INSTANCES" -le 20 ] || { echo "--instances: 1 to 20" >&2; exit 2; }

JAR=${CLEARANCE_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "build first: CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 2; }
for tool in java curl psql openssl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-}
pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null || { echo "no PostgreSQL at $PGHOST:$PGPORT" >&2; exit 2; }
case "$DB" in *[!a-z0-9_]*|'') echo "--db: lower-case letters, digits and _ only" >&2; exit 2 ;; esac
psql -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -d postgres -qc "create database $DB"

rm -rf "$WORK" && mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

# What every instance of one deployment shares: the database, the admin key, the audit keys (so that any
# instance verifies and exports every chain). Generated once per database when not given, and kept (mode
# 0600) in KEYS, outside WORK: the chains already in the database hold only under the keys that wrote them.
KEYS="$ROOT/target/cluster-keys/$DB"
( umask 077
  mkdir -p "$KEYS"
  [ -s "$KEYS/admin.key" ] || echo "clr_$(openssl rand -hex 24)" >"$KEYS/admin.key"
  [ -s "$KEYS/chain.key" ] || openssl rand -base64 32 >"$KEYS/chain.key"
  if [ ! -s "$KEYS/signing.der" ]; then
    openssl genpkey -algorithm ed25519 -outform DER -out "$KEYS/signing.der" 2>/dev/null
    openssl pkey -inform DER -in "$KEYS/signing.der" -pubout -outform DER -out "$KEYS/signing.pub.der"
  fi )
ADMIN_KEY=${CLEARANCE_ADMIN_KEY:-$(cat "$KEYS/admin.key")}
CHAIN_KEY=${CLEARANCE_AUDIT_CHAIN_KEY:-$(cat "$KEYS/chain.key")}
SIGNING_KEY=$(base64 -w0 "$KEYS/signing.der")
SIGNING_PUBLIC_KEY=$(base64 -w0 "$KEYS/signing.pub.der")

PIDS=()
NGINX_PID=
stop_all() {
  trap - INT TERM EXIT
  echo "stopping..."
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}" $NGINX_PID; do wait "$pid" 2>/dev/null || true; done
  echo "stopped; logs in $WORK"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start_instance() { # index, extra JVM option
  local i=$1 dir="$WORK/instance-$1"
  mkdir -p "$dir"
  # Its own start script, so that one instance can be started again by hand (or by a benchmark) as it was.
  cat >"$dir/start.sh" <<EOF
#!/bin/sh
cd "$dir" && exec env \\
  CLEARANCE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CLEARANCE_DB_USERNAME="$PGUSER" \\
  CLEARANCE_DB_PASSWORD="$PGPASSWORD" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$((PORT + i)) \\
  CLEARANCE_INSTANCE_ID="node-$i" \\
  CLEARANCE_ADMIN_KEY="$ADMIN_KEY" CLEARANCE_AUDIT_CHAIN_KEY="$CHAIN_KEY" \\
  CLEARANCE_AUDIT_SIGNING_KEY="$SIGNING_KEY" CLEARANCE_AUDIT_SIGNING_PUBLIC_KEY="$SIGNING_PUBLIC_KEY" \\
  CLEARANCE_RULES_DIR="$ROOT/rules" CLEARANCE_POLICIES_DIR="$ROOT/policies" \\
  java "-Xmx$HEAP" ${2:-} -jar "$JAR"
EOF
  chmod 700 "$dir/start.sh"
  "$dir/start.sh" >"$dir/server.log" 2>&1 &
  PIDS+=($!)
}

await_ready() { # index
  local i=$1
  for _ in $(seq 1 600); do # up to 5 minutes: a loaded machine compiles the rules slowly
    curl -fs "http://127.0.0.1:$((PORT + i))/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || break
    sleep 0.5
  done
  echo "instance $i did not become ready; the end of $WORK/instance-$i/server.log:" >&2
  tail -n 30 "$WORK/instance-$i/server.log" >&2
  exit 1
}

# The first instance migrates the schema (and, on an empty registry, loads the demo); the others join after,
# together, so that two never race to create the schema.
echo "== instance 1 of $INSTANCES on 127.0.0.1:$((PORT + 1)) (database $DB)"
if [ "$FRESH" = true ]; then start_instance 1 -Dquarkus.flyway.clean-at-start=true; else start_instance 1; fi
await_ready 1
for i in $(seq 2 "$INSTANCES"); do
  echo "== instance $i of $INSTANCES on 127.0.0.1:$((PORT + i))"
  start_instance "$i"
done
for i in $(seq 2 "$INSTANCES"); do await_ready "$i"; done

# nginx in the foreground of its own process (not a system service), with every file under WORK.
location() { # path, proxy_next_upstream conditions, extra directives...
  echo "    location $1 {"
  echo "      proxy_pass http://clearance;"
  echo "      proxy_http_version 1.1;"
  echo "      proxy_set_header Connection \"\";"
  echo "      proxy_set_header Host \$host:\$server_port;"
  echo "      proxy_set_header X-Forwarded-For \$remote_addr;"
  echo "      proxy_next_upstream $2;"
  echo "      proxy_next_upstream_tries $INSTANCES;"
  echo "      proxy_read_timeout 60s;"
  echo "      proxy_buffering off;"
  for directive in "${@:3}"; do echo "      $directive"; done
  echo "    }"
}
mkdir -p "$WORK/nginx/logs"
{
  echo "worker_processes 1;"
  echo "pid $WORK/nginx/nginx.pid;"
  echo "error_log $WORK/nginx/logs/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $WORK/nginx/$t;"; done
  echo "  upstream clearance {"
  echo "    least_conn;"
  # Passive health (open-source nginx has no active checks; an orchestrator uses /q/health/ready instead): an
  # instance that refuses connections, times out or answers 503 (starting, or draining after SIGTERM) twice
  # within 2 s is left out for 2 s.
  for i in $(seq 1 "$INSTANCES"); do echo "    server 127.0.0.1:$((PORT + i)) max_fails=2 fail_timeout=2s;"; done
  echo "    keepalive 64;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$PORT;"
  # Everything but decisions: a refused connection, a timeout or a 503 goes to the next instance, except for a
  # request nginx holds non-idempotent (a POST registry write, import or release), which a timeout may have
  # reached after it was handled: that one is never sent twice.
  location "/" "error timeout http_503"
  # Decisions are POSTs but idempotent to retry (they change no state: one sent twice is at worst audited
  # twice, each under its own decision id, and the client sees one answer), so they are retried too.
  location "~ ^/v1/decisions(/batch)?\$" "error timeout http_503 non_idempotent"
  # Registry imports stream files of gigabytes: nginx's 1 MB body limit is lifted for them (the server has its
  # own, clearance.import.max-body-size), and the body goes on to the instance as it arrives instead of being
  # buffered to nginx's disk first.
  location "~ ^/v1/(registry/)?imports\$" "error timeout http_503" "client_max_body_size 0;" "proxy_request_buffering off;"
  echo "  }"
  echo "}"
} >"$WORK/nginx/nginx.conf"
"$NGINX" -t -q -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;'
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 1 40); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.25
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "nginx does not answer on $PORT" >&2; exit 1; }

{
  echo "CLUSTER_URL=http://127.0.0.1:$PORT"
  echo "CLUSTER_INSTANCES=$INSTANCES"
  echo "CLUSTER_ADMIN_KEY=$ADMIN_KEY"
  echo "CLUSTER_DB_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB"
  echo "CLUSTER_PIDS=\"${PIDS[*]}\""
  for i in $(seq 1 "$INSTANCES"); do echo "CLUSTER_INSTANCE_$i=http://127.0.0.1:$((PORT + i))"; done
} >"$WORK/cluster.env"
chmod 600 "$WORK/cluster.env"

echo
echo "load balancer: http://127.0.0.1:$PORT"
for i in $(seq 1 "$INSTANCES"); do
  echo "instance $i:    http://127.0.0.1:$((PORT + i))  (instance id node-$i, pid ${PIDS[$((i - 1))]})"
done
echo "admin key:     $ADMIN_KEY"
echo "try:           curl -s http://127.0.0.1:$PORT/v1/decisions -H \"Authorization: Bearer $ADMIN_KEY\" \\"
echo "                 -H 'content-type: application/json' -d '{\"subject\": {\"partyId\": \"spree-analytics\"}, \"action\": \"api.access\"}'"
echo "logs:          $WORK/instance-*/server.log, $WORK/nginx/logs"
echo "one again:     $WORK/instance-<i>/start.sh (after it stopped)"
echo "READY (Ctrl-C stops everything)"

if [ -n "$DURATION" ]; then
  # Bounded: stop after DURATION seconds, or earlier when an instance or nginx stops.
  end=$((SECONDS + DURATION))
  while [ "$SECONDS" -lt "$end" ]; do
    sleep 1
    kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx stopped" >&2; exit 1; }
  done
else
  wait "$NGINX_PID"
fi
