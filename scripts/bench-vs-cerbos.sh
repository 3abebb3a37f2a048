#!/usr/bin/env bash
# Clearance and Cerbos 0.55 side by side on this machine, in one run: the same shape of policy (a
# jurisdiction ban, and a denial above 50% banned ownership; Cerbos is handed the share precomputed, our
# ownership work is counted on our side only), the same organisations, wrk at 1, 8 and 64 connections.
# Prints decisions/s, p50/p99/p99.9 (ms) and server CPU per decision per point, and the ratios Clearance / Cerbos.
#
#   scripts/bench-vs-cerbos.sh                 (after ./mvnw -B -q package -DskipTests)
#
# Settings (environment): ORGS organisations (100000), DURATION seconds per point (10), WARMUP seconds (5),
# SAMPLE_SIZE organisations asked about, in turn (10000; a few hundred measure answers from the memo), CONNECTIONS
# ("1 8 64"), THREADS for wrk (2), HEAP for Clearance (-Xmx2g), AUTH_HEADER ("Name: value", sent to
# Clearance; by default the script gives the server an admin key of its own and sends it), REUSE=1 to keep the registry and database of the previous run,
# BEFORE_APP a folder holding another build's quarkus-run.jar (say a copy of target/quarkus-app made before a
# change): it is measured in the same run, on the same registry imported by that build into a database of its own
# (db-before, kept across REUSE=1 runs while the build is the same), and printed as "before" beside Clearance.
# Loopback only, free ports, bounded in time; stops what it started.
# Needs java, npm (the Cerbos binary comes from the npm registry), wrk, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ORGS=${ORGS:-100000}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
SAMPLE_SIZE=${SAMPLE_SIZE:-10000}
CONNECTIONS=${CONNECTIONS:-"1 8 64"}
THREADS=${THREADS:-2}
HEAP=${HEAP:--Xmx2g}
WORK="$ROOT/target/bench-vs-cerbos"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
PEERS=${PEERS:-/work/shared/peers/cerbos}
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
for tool in wrk npm curl python3 java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
[ -d "$PEERS/policies" ] || { echo "no Cerbos policies under $PEERS (set PEERS)" >&2; exit 2; }

# Authentication stays on, as in production: a key of the script's own unless one is given.
if [ -z "${AUTH_HEADER:-}" ]; then
  ADMIN_KEY="clr_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
  AUTH_HEADER="Authorization: Bearer $ADMIN_KEY"
fi
REUSE=${REUSE:-0}
[ -f "$WORK/db/clearance.mv.db" ] && [ -f "$WORK/sample-10k.csv" ] || REUSE=0
# The before build imports the registry itself, so it has to be still there.
[ -z "${BEFORE_APP:-}" ] || [ -f "$WORK/registry.csv" ] || REUSE=0
if [ "$REUSE" != 1 ]; then
  rm -rf "$WORK/db" "$WORK/db-before" "$WORK/registry.csv" "$WORK"/sample*.csv "$WORK"/audit-*
fi
rm -f "$WORK"/*.txt "$WORK"/*.log && mkdir -p "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PIDS=()
stop_all() { for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done; true; }
trap stop_all EXIT

if [ "$REUSE" != 1 ]; then
echo "== registry: $ORGS organisations, each held through a chain from a CN company"
python3 - "$ORGS" "$WORK" <<'PY'
import random, sys
orgs, work = int(sys.argv[1]), sys.argv[2]
random.seed(42)
roots = max(1, orgs // 100)
countries = ["DE", "FR", "US", "GB", "JP", "SG", "BR", "IN", "CA", "NL"]
with open(f"{work}/registry.csv", "w") as out, open(f"{work}/samples.csv", "w") as samples:
    out.write("record,id,name,kind,country,nationality,owned,owner,percent\n")
    for r in range(roots):
        out.write(f"party,cn-{r},CN Holding {r},COMPANY,CN,,,,\n")
    stakes = []
    for i in range(orgs):
        country = countries[i % len(countries)]
        out.write(f"party,hold-{i},Holding {i},COMPANY,SG,,,,\n")
        out.write(f"party,org-{i},Organisation {i},COMPANY,{country},,,,\n")
        top = random.choice([20, 40, 55, 70, 90])    # CN root -> holding
        mid = random.choice([30, 45, 60, 80, 100])   # holding -> organisation
        stakes.append(f"stake,,,,,,hold-{i},cn-{i % roots},{top}\n")
        stakes.append(f"stake,,,,,,org-{i},hold-{i},{mid}\n")
        # What Cerbos is handed: the banned share by extension (the holding counts whole when CN holds > 50%).
        share = mid / 100 if top > 50 else 0.0
        samples.write(f"org-{i},{share},{country}\n")
    out.writelines(stakes)
PY
shuf -n 10000 --random-source=<(yes) "$WORK/samples.csv" >"$WORK/sample-10k.csv"
echo "== Clearance: import into its own H2 database, then serve"
DB_URL="jdbc:h2:file:$WORK/db/clearance;DB_CLOSE_ON_EXIT=FALSE"
java -jar "$JAR" import "$WORK/registry.csv" --db-url "$DB_URL" >"$WORK/import.log" 2>&1
else
echo "== reusing the registry and database of the previous run"
DB_URL="jdbc:h2:file:$WORK/db/clearance;DB_CLOSE_ON_EXIT=FALSE"
fi
start_clearance() { # name, jar, database folder: serves on a free port; sets PORT_<name> and PID_<name>
  local port; port=$(free_port)
  mkdir -p "$WORK/audit-$1"
  (cd "$WORK" && CLEARANCE_RULES_DIR="$ROOT/rules" CLEARANCE_POLICIES_DIR="$ROOT/policies" \
    CLEARANCE_DB_URL="jdbc:h2:file:$3/clearance;DB_CLOSE_ON_EXIT=FALSE" CLEARANCE_AUDIT_DATA_DIR="$WORK/audit-$1" \
    CLEARANCE_DEMO_REGISTRY_ENABLED=false CLEARANCE_WATCH_ENABLED=false QUARKUS_HTTP_PORT="$port" CLEARANCE_ADMIN_KEY="${ADMIN_KEY:-}" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT=600s \
    QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60s \
    exec java $HEAP -jar "$2" >>"$WORK/clearance-$1.log" 2>&1) &
  PIDS+=("$!")
  printf -v "PID_$1" '%s' "$!"
  printf -v "PORT_$1" '%s' "$port"
}

echo "== Cerbos 0.55 from the npm registry"
CERBOS_DIR="$WORK/cerbos"
mkdir -p "$CERBOS_DIR"
[ -x "$CERBOS_DIR/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64" ] \
  || npm install --prefix "$CERBOS_DIR" --no-audit --no-fund --silent @cerbos/cerbos-linux-x64@0.55.0
CERBOS_BIN="$CERBOS_DIR/node_modules/@cerbos/cerbos-linux-x64/cerbos-linux-x64"
CERBOS_HTTP=$(free_port)
CERBOS_GRPC=$(free_port)
cat >"$CERBOS_DIR/conf.yaml" <<YAML
server:
  httpListenAddr: "127.0.0.1:$CERBOS_HTTP"
  grpcListenAddr: "127.0.0.1:$CERBOS_GRPC"
storage:
  driver: disk
  disk:
    directory: $PEERS/policies
audit:
  enabled: false
telemetry:
  disabled: true
YAML

wait_ready() { # url, name, [pid, log]: a server that exits is said at once, with the end of its log
  for _ in $(seq 1 600); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    if [ -n "${3:-}" ] && ! kill -0 "$3" 2>/dev/null; then
      echo "$2 exited before it was ready; the end of ${4:-its log}:" >&2; tail -n 20 "${4:-/dev/null}" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "$2 did not start" >&2; exit 1
}

# CPU time the server used (user + system, in clock ticks), from /proc.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run_points() { # name, url, lua, server pid
  for c in $CONNECTIONS; do
    local t=$THREADS
    [ "$c" -lt "$t" ] && t=$c
    local before_ticks; before_ticks=$(cpu_ticks "$4")
    SAMPLES="$WORK/sample-used.csv" AUTH_HEADER="${AUTH_HEADER:-}" \
      wrk -t"$t" -c"$c" -d"${DURATION}s" --timeout 10s -s "$3" "$2" >"$WORK/$1-$c.txt" 2>&1 || true
    local used=$(( $(cpu_ticks "$4") - before_ticks ))
    local requests; requests=$(awk '/requests in/ {print $1}' "$WORK/$1-$c.txt")
    # Server CPU per decision: on a loaded machine throughput says little, CPU spent per answer much more.
    local cpu_us; cpu_us=$(python3 -c "print(round($used * 1e6 / $(getconf CLK_TCK) / max(1, ${requests:-0})))")
    echo "$1 c=$c $(grep '^RESULT' "$WORK/$1-$c.txt" || echo 'RESULT failed') cpu_us=$cpu_us"
  done
}

: >"$WORK/results.txt"
head -n "$SAMPLE_SIZE" "$WORK/sample-10k.csv" >"$WORK/sample-used.csv"
# With BEFORE_APP, both builds serve at once (the other build on a copy of the database) and take the points
# in turn, so that both meet the same load from the rest of the machine.
NAMES=(clearance)
if [ -n "${BEFORE_APP:-}" ]; then
  # A database of its own, imported by the before build: a copy of ours would be migrated further than that build
  # knows, and Flyway's validation refuses it at start. Its audit journal starts afresh with it (a journal holds
  # the chain of the database it ships to).
  BEFORE_BUILD=$(cat "$BEFORE_APP"/app/*.jar "$BEFORE_APP/quarkus-run.jar" | sha256sum | cut -c1-16)
  if [ "$REUSE" != 1 ] || [ "$(cat "$WORK/db-before/build" 2>/dev/null)" != "$BEFORE_BUILD" ]; then
    echo "== before: import into its own H2 database with the before build"
    rm -rf "$WORK/db-before" "$WORK/audit-before" && mkdir -p "$WORK/db-before"
    java -jar "$BEFORE_APP/quarkus-run.jar" import "$WORK/registry.csv" \
      --db-url "jdbc:h2:file:$WORK/db-before/clearance;DB_CLOSE_ON_EXIT=FALSE" >"$WORK/import-before.log" 2>&1 \
      || { echo "the before build could not import the registry: see $WORK/import-before.log" >&2; exit 1; }
    echo "$BEFORE_BUILD" >"$WORK/db-before/build"
  fi
  NAMES=(before clearance)
  start_clearance before "$BEFORE_APP/quarkus-run.jar" "$WORK/db-before"
fi
start_clearance clearance "$JAR" "$WORK/db"
for name in "${NAMES[@]}"; do
  port_var="PORT_$name"
  pid_var="PID_$name"
  wait_ready "http://127.0.0.1:${!port_var}/q/health/ready" "Clearance ($name)" "${!pid_var}" "$WORK/clearance-$name.log"
done
echo "== ${NAMES[*]}: warm-up (not counted), then the points"
for name in "${NAMES[@]}"; do
  port_var="PORT_$name"
  SAMPLES="$WORK/sample-used.csv" AUTH_HEADER="${AUTH_HEADER:-}" wrk -t2 -c8 -d"${WARMUP}s" -s scripts/bench-clearance.lua \
    "http://127.0.0.1:${!port_var}" >/dev/null 2>&1 || true
done
for c in $CONNECTIONS; do
  for name in "${NAMES[@]}"; do
    port_var="PORT_$name"
    pid_var="PID_$name"
    CONNECTIONS=$c run_points "$name" "http://127.0.0.1:${!port_var}" scripts/bench-clearance.lua "${!pid_var}" \
      | tee -a "$WORK/results.txt"
  done
done
for name in "${NAMES[@]}"; do
  pid_var="PID_$name"
  kill "${!pid_var}" && wait "${!pid_var}" 2>/dev/null || true
done

(cd "$CERBOS_DIR" && exec "$CERBOS_BIN" server --config="$CERBOS_DIR/conf.yaml" >"$WORK/cerbos.log" 2>&1) &
CERBOS_PID=$!
PIDS+=("$CERBOS_PID")
wait_ready "http://127.0.0.1:$CERBOS_HTTP/_cerbos/health" Cerbos
SAMPLES="$WORK/sample-used.csv" wrk -t2 -c8 -d"${WARMUP}s" -s scripts/bench-cerbos.lua "http://127.0.0.1:$CERBOS_HTTP" >/dev/null 2>&1 || true
run_points cerbos "http://127.0.0.1:$CERBOS_HTTP" scripts/bench-cerbos.lua "$CERBOS_PID" | tee -a "$WORK/results.txt"
kill "$CERBOS_PID" && wait "$CERBOS_PID" 2>/dev/null || true

echo "== Clearance / Cerbos ($ORGS organisations, ${DURATION}s per point, wrk -t$THREADS)"
python3 - "$WORK/results.txt" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\w+) c=(\d+) RESULT rps=(\d+) p50=([\d.]+) p99=([\d.]+) p999=([\d.]+) non2xx=(\d+) errors=(\d+) cpu_us=(\d+)", line)
    if m:
        rows[(m[1], int(m[2]))] = m.groups()[2:]
print(f"{'conn':>11} | {'Clearance/s':>11} {'p50':>7} {'p99':>7} {'p99.9':>7} {'cpu µs':>6} | {'Cerbos/s':>9} {'p50':>7} {'p99':>7} {'p99.9':>7} {'cpu µs':>6} | ratio  cpu ratio")
for c in sorted({k[1] for k in rows}):
    for name in ("before", "clearance"):
        a, b = rows.get((name, c)), rows.get(("cerbos", c))
        if not a or not b:
            continue
        ratio = int(a[0]) / max(1, int(b[0]))
        cpu_ratio = int(b[6]) / max(1, int(a[6]))
        label = f"{c:>4}" + (" before" if name == "before" else "       ")
        print(f"{label} | {a[0]:>11} {a[1]:>7} {a[2]:>7} {a[3]:>7} {a[6]:>6} | {b[0]:>9} {b[1]:>7} {b[2]:>7} {b[3]:>7} {b[6]:>6} | {ratio:.2f}x  {cpu_ratio:.2f}x"
              + (f"  (non-2xx: {a[4]}/{b[4]}, errors: {a[5]}/{b[5]})" if a[4] != "0" or b[4] != "0" or a[5] != "0" or b[5] != "0" else ""))
print("latencies in ms; cpu µs = server CPU time per decision; ratio = Clearance decisions/s over Cerbos's;"
      " cpu ratio = Cerbos CPU per decision over Clearance's (above 1: Clearance spends less)")
PY
