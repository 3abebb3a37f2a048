#!/usr/bin/env bash
# Answered implies logged, demonstrated: load the server with decisions, kill -9 it mid-load, restart it,
# (each record is in the local journal, data/audit/journal, before its answer leaves; the restarted server
# recovers the journal and ships what the database had not yet received),
# and check that every decision id a client received is in the audit log, and that the chain verifies.
#
#   scripts/audit-kill9.sh            (after ./mvnw -B -q package -DskipTests)
#
# Settings (environment): PORT (18090), THREADS (2), CONNECTIONS (64), KILL_AFTER seconds (8),
# DURATION of the load in seconds (12, must exceed KILL_AFTER), READY_SECONDS to wait for the server to start (60). Loopback only; bounded in time.
# Needs wrk (apt-get install wrk), curl and the packaged app in target/quarkus-app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh   # the date and machine README's Figures quote with each figure
ROOT=$(pwd)
PORT=${PORT:-18090}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
KILL_AFTER=${KILL_AFTER:-8}
DURATION=${DURATION:-12}
WORK="$ROOT/target/audit-kill9"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

# Authentication stays on, as in production: the script gives the server an admin key and uses it.
ADMIN_KEY="clr_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
export AUTH_HEADER="Authorization: Bearer $ADMIN_KEY"
rm -rf "$WORK" && mkdir -p "$WORK/ids"
SERVER_PID=
start_server() {
  (cd "$WORK" && CLEARANCE_RULES_DIR="$ROOT/rules" CLEARANCE_POLICIES_DIR="$ROOT/policies" \
    CLEARANCE_DB_URL="jdbc:h2:file:$WORK/db/clearance;DB_CLOSE_ON_EXIT=FALSE" QUARKUS_HTTP_PORT="$PORT" CLEARANCE_ADMIN_KEY="$ADMIN_KEY" \
    CLEARANCE_POLICY_WATCH=false exec java -Xmx512m -jar "$JAR" >>"$WORK/server.log" 2>&1) &
  SERVER_PID=$!
  # READY_SECONDS (60): a loaded machine can take minutes to start the server.
  for _ in $(seq 1 $(( ${READY_SECONDS:-60} * 2 ))); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not start; see $WORK/server.log" >&2; exit 1
}
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true; }
trap stop_server EXIT

echo "== start the server (H2 file database under $WORK/db)"
start_server
echo "== load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; kill -9 after ${KILL_AFTER}s"
IDS_DIR="$WORK/ids" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s scripts/audit-kill9.lua \
  "http://127.0.0.1:$PORT" >"$WORK/wrk.txt" 2>&1 &
WRK_PID=$!
sleep "$KILL_AFTER"
kill -9 "$SERVER_PID"
KILLED_AT=$(date +%s.%N)
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=
wait "$WRK_PID" || true
cat "$WORK/ids"/ids-*.txt | sort -u >"$WORK/received.txt"
RECEIVED=$(wc -l <"$WORK/received.txt")

echo "== restart and read the log back"
start_server
curl -fs -H "$AUTH_HEADER" "http://127.0.0.1:$PORT/v1/audit/decisions/export?format=csv" | awk -F, 'NR > 1 { print $2 }' | sort -u >"$WORK/logged.txt"
LOGGED=$(wc -l <"$WORK/logged.txt")
LOST=$(comm -23 "$WORK/received.txt" "$WORK/logged.txt" | tee "$WORK/lost.txt" | wc -l)
VERIFY=$(curl -fs -H "$AUTH_HEADER" "http://127.0.0.1:$PORT/v1/audit/verify")
REJECTED=$(curl -fs -H "$AUTH_HEADER" "http://127.0.0.1:$PORT/v1/audit/decisions/export?format=csv" | awk -F, 'NR > 1 && $7 == "REJECTED"' | wc -l)

echo "--- wrk (requests after the kill fail: that is the point)"
sed -n '1,12p' "$WORK/wrk.txt"
echo "--- result"
echo "decision ids received by clients:   $RECEIVED"
echo "records in the log after restart:   $LOGGED (of which REJECTED: $REJECTED; logged but never received: $((LOGGED - RECEIVED + LOST)))"
echo "received but missing from the log:  $LOST"
echo "received per second before the kill: $((RECEIVED / KILL_AFTER)) (approx.)"
echo "chain after restart:                 $VERIFY"
[ "$LOST" -eq 0 ] && echo "PASS: every decision a client received is in the log" || { echo "FAIL: see $WORK/lost.txt"; exit 1; }
