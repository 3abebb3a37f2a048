#!/usr/bin/env bash
# Issue 17's figures for several instances on one PostgreSQL, on loopback (README "Running several instances"):
#   1. propagation delay p50/p99 from a registry write on one instance to a decision reflecting it on another,
#      while wrk keeps LOAD_CONNECTIONS (8) connections of decisions busy through nginx on every instance;
#   2. decisions/s through nginx with 1, 2 and 3 instances (they share this machine's cores: the figure
#      shows what coordination costs, not how it scales);
#   3. on a PARTIES (1,000,000) party registry, how long an instance that was down (SIGSTOP) during CHANGES
#      (10,000) registry changes takes to catch up once it runs again, and how long a restart takes to ready.
#   0. activation propagation p50/max: from a POST /v1/policy/versions/{v}/activate on instance 1 returning to
#      GET /v1/policy showing v on instances 2 and 3, over ACTIVATIONS (10) activations back and forth between
#      two stored versions; side by side with the listener off (CLEARANCE_REGISTRY_FOLLOW_LISTEN=false: the
#      1 s poll alone, as before NOTIFY woke the release follower). ONLY_ACTIVATION=1 runs this part alone;
#      ACTIVATION_INSTANCES=2 measures on one other instance (a loaded machine).
# Prints the date and machine (scripts/machine.sh) and RESULT lines; asserts nothing.
#
#   CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests && scripts/bench-cluster.sh
#
# Settings (environment): DB (clearance_bench_cluster, created and emptied), DURATION of each wrk run (20),
# LOAD_CONNECTIONS (8), WRITES for the propagation (200), PARTIES (1000000), STAKES (PARTIES), CHANGES (10000),
# SKIP_CATCHUP=1 to leave out part 3 (the 1M import takes minutes). Ports PORT (18300) to PORT+99. Needs wrk, nginx, psql.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=${DB:-clearance_bench_cluster}
PORT=${PORT:-18300}
DURATION=${DURATION:-20}
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-8}
WRITES=${WRITES:-200}
PARTIES=${PARTIES:-1000000}
STAKES=${STAKES:-$PARTIES}
CHANGES=${CHANGES:-10000}
WORK="$ROOT/target/bench-cluster"
JAR=${CLEARANCE_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "build first: CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests" >&2; exit 2; }
for tool in wrk nginx psql curl java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-}
scripts/machine.sh
rm -rf "$WORK" && mkdir -p "$WORK"
probe() { java "$ROOT/scripts/ClusterProbe.java" "$@"; }

CLUSTER_PID=
stop_cluster() {
  if [ -n "$CLUSTER_PID" ]; then
    kill "$CLUSTER_PID" 2>/dev/null || true
    wait "$CLUSTER_PID" 2>/dev/null || true
    CLUSTER_PID=
  fi
}
trap stop_cluster EXIT

start_cluster() { # instances, work folder, cluster.sh options...
  local n=$1 dir=$2
  shift 2
  scripts/cluster.sh --instances "$n" --db "$DB" --port "$PORT" --work "$dir" --duration 3600 "$@" >"$dir.log" 2>&1 &
  CLUSTER_PID=$!
  for _ in $(seq 1 1200); do # up to 10 minutes: a shared, loaded machine starts three JVMs slowly
    [ -f "$dir/cluster.env" ] && break
    kill -0 "$CLUSTER_PID" 2>/dev/null || { echo "the cluster did not start: $dir.log" >&2; tail -20 "$dir.log" >&2; exit 1; }
    sleep 0.5
  done
  # shellcheck disable=SC1091
  . "$dir/cluster.env"
  export AUTH_HEADER="Authorization: Bearer $CLUSTER_ADMIN_KEY"
}

throughput() { # instances
  echo "== decisions/s through nginx, $1 instance(s), wrk -t2 -c16 -d${DURATION}s after a ${DURATION}s warm-up"
  # Just started, an instance compiles its hot paths: the warm-up is not counted.
  wrk -t2 -c16 -d"${DURATION}s" --timeout 10s -s scripts/bench-decisions.lua "$CLUSTER_URL" >/dev/null 2>&1 || true
  wrk -t2 -c16 -d"${DURATION}s" --timeout 10s -s scripts/bench-decisions.lua "$CLUSTER_URL" | grep RESULT \
    | sed "s/^RESULT/RESULT $1 instance(s):/"
}

activation() { # label
  local a b
  a=$(curl -fs -H "$AUTH_HEADER" "$CLUSTER_INSTANCE_1/v1/policy" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
  # A second version: the bundled rules with a comment added, installed as the shadow and promoted on instance 1.
  python3 - "$ROOT/rules" "$SECONDS" >"$WORK/candidate.json" <<'PY'
import json, pathlib, sys
files = {p.name: p.read_text() for p in sorted(pathlib.Path(sys.argv[1]).glob("*.drl"))}
first = sorted(files)[0]
files[first] += "\n// bench-cluster activation " + sys.argv[2] + "\n"
print(json.dumps({"files": files}))
PY
  local status
  # No 'Expect: 100-continue' (curl's default for a large body): the server answers the body, not a wait for it.
  status=$(curl -s -o "$WORK/shadow.json" -w '%{http_code}' -X PUT -H "$AUTH_HEADER" -H 'Expect:' \
    -H 'Content-Type: application/json' --data @"$WORK/candidate.json" "$CLUSTER_INSTANCE_1/v1/policy/shadow")
  [ "$status" = 201 ] || { echo "installing the shadow answered $status: $(cat "$WORK/shadow.json")" >&2; exit 1; }
  b=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$WORK/shadow.json")
  curl -fs -X POST -H "$AUTH_HEADER" "$CLUSTER_INSTANCE_1/v1/policy/shadow/promote" >/dev/null
  local readers=$CLUSTER_INSTANCE_2
  [ "$ACTIVATION_INSTANCES" -ge 3 ] && readers="$readers,$CLUSTER_INSTANCE_3"
  echo "== activation propagation ($1): $ACTIVATIONS activations on instance 1 between $a and $b"
  probe activation "$CLUSTER_ADMIN_KEY" "$CLUSTER_INSTANCE_1" "$readers" "$ACTIVATIONS" "$a" "$b" \
    | sed "s/^RESULT/RESULT ($1)/"
}
ACTIVATIONS=${ACTIVATIONS:-10}
# The candidate's compile on a shared, loaded machine may take longer than the authoring budget (120 s).
export CLEARANCE_AUTHORING_TIME_BUDGET=${CLEARANCE_AUTHORING_TIME_BUDGET:-600s}
ACTIVATION_INSTANCES=${ACTIVATION_INSTANCES:-3}
echo "== activation propagation: $ACTIVATION_INSTANCES instances, the listener off (poll alone), then on (NOTIFY)"
CLEARANCE_REGISTRY_FOLLOW_LISTEN=false start_cluster "$ACTIVATION_INSTANCES" "$WORK/poll" --fresh
activation "poll alone"
stop_cluster
start_cluster "$ACTIVATION_INSTANCES" "$WORK/notify" --fresh
activation "NOTIFY"
stop_cluster
[ "${ONLY_ACTIVATION:-0}" = 1 ] && exit 0

echo "== three instances on a fresh database $DB (demo registry)"
start_cluster 3 "$WORK/three" --fresh
echo "== propagation: $WRITES writes on instance 1, read on 2 and 3, under wrk -c$LOAD_CONNECTIONS through nginx"
wrk -t1 -c"$LOAD_CONNECTIONS" -d600s --timeout 10s -s scripts/bench-decisions.lua "$CLUSTER_URL" >"$WORK/load.txt" 2>&1 &
LOAD=$!
sleep 3
probe propagation "$CLUSTER_ADMIN_KEY" "$CLUSTER_INSTANCE_1" "$CLUSTER_INSTANCE_2,$CLUSTER_INSTANCE_3" "$WRITES"
kill "$LOAD" 2>/dev/null; wait "$LOAD" 2>/dev/null || true
throughput 3
stop_cluster
for n in 2 1; do
  start_cluster "$n" "$WORK/n$n"
  throughput "$n"
  stop_cluster
done

# One instance's memory under load, for deploy/kubernetes/deployment.yaml's resources.
start_cluster 1 "$WORK/memory"
wrk -t2 -c16 -d"${DURATION}s" --timeout 10s -s scripts/bench-decisions.lua "$CLUSTER_URL" >/dev/null 2>&1 &
LOAD=$!
sleep $((DURATION / 2))
PID=${CLUSTER_PIDS%% *}
# The value is the line's last field: pool names carry spaces (id="G1 Eden Space"), so $2 is part of a label.
HEAP=$(curl -fs -H "$AUTH_HEADER" "$CLUSTER_INSTANCE_1/q/metrics" \
  | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ { s += $NF; n++ }
         END { if (n) printf "%.0f", s / 1048576; else printf "unknown (no heap figure in /q/metrics)" }')
echo "RESULT one instance under wrk -c16 (-Xmx384m, demo registry): RSS $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$PID/status"), heap used ${HEAP} MB"
wait "$LOAD" 2>/dev/null || true
stop_cluster

if [ "${SKIP_CATCHUP:-0}" = 1 ]; then
  echo "catch-up: skipped (SKIP_CATCHUP=1)"
  exit 0
fi
echo "== catch-up: a $PARTIES-party registry ($STAKES stakes), generated and imported"
java -jar "$JAR" generate --parties "$PARTIES" --stakes "$STAKES" --seed 42 --out "$WORK/registry.csv" >/dev/null
psql -d postgres -qc "drop database if exists $DB" && psql -d postgres -qc "create database $DB"
start_cluster 1 "$WORK/schema"   # creates the schema (and the demo registry, replaced next)
stop_cluster
IMPORT_START=$SECONDS
CLEARANCE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CLEARANCE_DB_USERNAME="$PGUSER" CLEARANCE_DB_PASSWORD="$PGPASSWORD" \
  java -Xmx2g -jar "$JAR" import "$WORK/registry.csv" --empty >"$WORK/import.log" 2>&1
echo "imported in $((SECONDS - IMPORT_START)) s"
start_cluster 2 "$WORK/large" --heap 2g
read -r _ PID2 <<<"$CLUSTER_PIDS"
echo "== instance 2 stopped (SIGSTOP) during $CHANGES changes on instance 1"
kill -STOP "$PID2"
OUT=$(probe changes "$CLUSTER_ADMIN_KEY" "$CLUSTER_INSTANCE_1" "$CHANGES" 8)
echo "$OUT" | grep RESULT
read -r _ VERSION PARTY <<<"$(echo "$OUT" | grep '^VERSION')"
kill -CONT "$PID2"
probe await-version "$CLUSTER_ADMIN_KEY" "$CLUSTER_INSTANCE_2" "$VERSION" "$PARTY" 300
echo "== instance 2 killed and started again on the $PARTIES-party registry"
kill -9 "$PID2"
START=$(date +%s%N)
"$WORK/large/instance-2/start.sh" >"$WORK/large/instance-2/restart.log" 2>&1 &
RESTARTED=$!
for _ in $(seq 1 1200); do
  curl -fs "$CLUSTER_INSTANCE_2/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.1
done
echo "RESULT restart to ready on $PARTIES parties: $((($(date +%s%N) - START) / 1000000)) ms"
kill "$RESTARTED" 2>/dev/null; wait "$RESTARTED" 2>/dev/null || true
