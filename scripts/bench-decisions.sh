#!/usr/bin/env bash
# README's first figure: decisions over HTTP, audit log included, on the packaged server with the demo
# registry (an H2 file of its own under target/), wrk with 16 connections for DURATION seconds.
# Prints the date and machine (scripts/machine.sh), then one RESULT line.
#
#   scripts/bench-decisions.sh          (after ./mvnw -B -q package -DskipTests)
#
# Settings (environment): DURATION (20), CONNECTIONS (16), THREADS (2). Loopback only, a free port; stops
# the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
WORK="$ROOT/target/bench-decisions"
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
for tool in wrk curl java python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
scripts/machine.sh
rm -rf "$WORK" && mkdir -p "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
KEY="clr_bench-$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
CLEARANCE_ADMIN_KEY="$KEY" java -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$WORK/db;DB_CLOSE_ON_EXIT=FALSE" \
  -Dclearance.audit.data-dir="$WORK/audit" -jar "$JAR" > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; do
  kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped: see $WORK/server.log" >&2; exit 1; }
  sleep 1
done
echo "command: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s scripts/bench-decisions.lua (README's first decision)"
AUTH_HEADER="Authorization: Bearer $KEY" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s scripts/bench-decisions.lua "http://127.0.0.1:$PORT/v1/decisions" | grep RESULT
