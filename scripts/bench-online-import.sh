#!/usr/bin/env bash
# Issue 15's online import at full size: one instance with -Xmx2g (HEAP) serves decisions on a GLEIF-size
# registry while `clearance import --server` streams the GLEIF golden copy (both JSON files, the LEI-CDF
# entities then the RR-CDF relationships) into it. Prints the date and machine, then RESULT lines: the time to
# ready on that registry, each upload's and import's time and rate, the decisions answered during the imports
# (rate, latency, non-2xx), and the instance's heap (peak used, peak old generation after a collection) read by
# jstat every second. Asserts nothing. Bounded: every step has a timeout, and the instance is stopped at exit.
#
#   BENCH_DATABASES=postgresql BENCH_FORMATS=json scripts/bench-import.sh 3400000 500000   # files and registry
#   CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests && scripts/bench-online-import.sh
#
# Settings (environment): DB (import: the database bench-import.sh filled), FILES (the synthetic golden copy
# folder, target/bench-import/json-3400000-500000), HEAP (2g), CONNECTIONS of decisions during the import (8),
# PORT (18500; the instance listens on PORT+1), IMPORT_TIMEOUT per file in seconds (900). Needs wrk, psql,
# nginx (scripts/cluster.sh starts the instance), jstat.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB=${DB:-import}
FILES=${FILES:-$ROOT/target/bench-import/json-3400000-500000}
HEAP=${HEAP:-2g}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-18500}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-900}
WORK="$ROOT/target/bench-online-import"
JAR=${CLEARANCE_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "build first: CLEARANCE_DB_KIND=postgresql ./mvnw -B -q package -DskipTests" >&2; exit 2; }
for tool in wrk psql jstat java curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
LEI_FILE=$(ls "$FILES"/*lei*.json 2>/dev/null | head -1 || true)
RR_FILE=$(ls "$FILES"/*rr*.json 2>/dev/null | head -1 || true)
[ -n "$LEI_FILE" ] && [ -n "$RR_FILE" ] || {
  echo "no golden copy JSON in $FILES: run BENCH_DATABASES=postgresql BENCH_FORMATS=json scripts/bench-import.sh first" >&2
  exit 2
}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-}
parties=$(psql -d "$DB" -tAc "select count(*) from party")
[ "$parties" -gt 0 ] || { echo "database $DB holds no party: run scripts/bench-import.sh first" >&2; exit 2; }
scripts/machine.sh
uptime
rm -rf "$WORK" && mkdir -p "$WORK"

CLUSTER_PID=
JSTAT_PID=
stop_all() {
  [ -n "$JSTAT_PID" ] && kill "$JSTAT_PID" 2>/dev/null || true
  if [ -n "$CLUSTER_PID" ]; then
    kill "$CLUSTER_PID" 2>/dev/null || true
    wait "$CLUSTER_PID" 2>/dev/null || true
  fi
}
trap stop_all EXIT

started=$SECONDS
scripts/cluster.sh --instances 1 --db "$DB" --port "$PORT" --work "$WORK/cluster" --heap "$HEAP" \
  --duration $((IMPORT_TIMEOUT * 2 + 600)) >"$WORK/cluster.log" 2>&1 &
CLUSTER_PID=$!
for _ in $(seq 1 1200); do
  [ -f "$WORK/cluster/cluster.env" ] && break
  kill -0 "$CLUSTER_PID" 2>/dev/null || { echo "the instance did not start: $WORK/cluster.log" >&2; tail -20 "$WORK/cluster.log" >&2; exit 1; }
  sleep 0.5
done
# shellcheck disable=SC1091
. "$WORK/cluster/cluster.env"
PID=${CLUSTER_PIDS//\"/}
echo "RESULT ready on $parties parties in $((SECONDS - started)) s (-Xmx$HEAP)"

# The heap, every second, for the whole run: used (eden, survivors, old) and the old generation.
jstat -gc "$PID" 1000 >"$WORK/jstat.log" 2>&1 &
JSTAT_PID=$!

# Decisions on imported parties (a thousand of those that hold a stake), round robin, all through the import.
psql -d "$DB" -tAc "select distinct owned_id from stake order by owned_id limit 1000" >"$WORK/parties.txt"
export AUTH_HEADER="Authorization: Bearer $CLUSTER_ADMIN_KEY" PARTIES_FILE="$WORK/parties.txt"
wrk -t1 -c"$CONNECTIONS" -d10s --timeout 10s -s scripts/bench-online-import.lua "$CLUSTER_INSTANCE_1" >/dev/null 2>&1 || true
wrk -t1 -c"$CONNECTIONS" -d$((IMPORT_TIMEOUT * 2))s --timeout 10s -s scripts/bench-online-import.lua \
  "$CLUSTER_INSTANCE_1" >"$WORK/wrk.log" 2>&1 &
WRK_PID=$!
sleep 5

import_file() { # format, file
  local size begin
  size=$(stat -c %s "$2")
  begin=$(date +%s.%N)
  CLEARANCE_KEY="$CLUSTER_ADMIN_KEY" timeout "$IMPORT_TIMEOUT" java -jar "$JAR" import \
    --server "$CLUSTER_INSTANCE_1" --format "$1" "$2" >"$WORK/import-$1.log" 2>&1 || { echo "import of $2 failed:" >&2; tail -5 "$WORK/import-$1.log" >&2; }
  awk -v b="$begin" -v e="$(date +%s.%N)" -v s="$size" -v f="$1" 'BEGIN {
    printf "RESULT import %s, %.0f MB, uploaded and committed in %.1f s (%.0f MB/s end to end)\n", f, s / 1e6, e - b, s / 1e6 / (e - b) }'
  grep -E "^(succeeded|failed)" "$WORK/import-$1.log" | sed 's/^/RESULT   /' || true
}
import_file gleif-lei-json "$LEI_FILE"
import_file gleif-rr-json "$RR_FILE"

sleep 2
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" 2>/dev/null || true
grep RESULT "$WORK/wrk.log" | sed "s/^RESULT/RESULT decisions during the imports (wrk -c$CONNECTIONS):/" \
  || { echo "wrk printed no result:" >&2; tail -5 "$WORK/wrk.log" >&2; }
kill "$JSTAT_PID" 2>/dev/null || true
JSTAT_PID=
# Peak heap used, and the old generation's peak: what stays alive (graph, import state) beside the young churn.
awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
     $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]; if (used > peak) peak = used
                        if ($col["OU"] > old) old = $col["OU"] }
     END { printf "RESULT heap of the instance (-Xmx'"$HEAP"'): peak used %.0f MB, old generation peak %.0f MB\n", peak / 1024, old / 1024 }' \
  "$WORK/jstat.log"
grep -E "graph (loaded|switched)|import .* committed" "$WORK/cluster/instance-1/server.log" | tail -5 || true
uptime
