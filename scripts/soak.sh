#!/usr/bin/env bash
# Soak: decisions at a steady rate for a long while, with the server's resident memory (RSS) and Java heap
# sampled as it goes; prints the samples, the trend (first third against last third) and a verdict.
#
#   scripts/soak.sh                    (after ./mvnw -B -q package -DskipTests)
#   DURATION=180 RATE=100 scripts/soak.sh
#
# Settings (environment): DURATION seconds (600), RATE decisions per second (200), CONNECTIONS (8),
# SAMPLE_EVERY seconds (10), PORT (a free one), HEAP (-Xmx, 512m). Loopback only; bounded in time; the
# server it starts is stopped on exit. Needs wrk, curl, jstat and the packaged app in target/quarkus-app.
# The heap figure is the old generation after the most recent collection's promotions (jstat OU): what
# stays; the young generation comes and goes with every request.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-600}
RATE=${RATE:-200}
CONNECTIONS=${CONNECTIONS:-8}
SAMPLE_EVERY=${SAMPLE_EVERY:-10}
HEAP=${HEAP:-512m}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK="$ROOT/target/soak"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q package -DskipTests" >&2; exit 2; }
for tool in wrk curl jstat; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 2; }; done
[ "$CONNECTIONS" -le "$RATE" ] || { echo "CONNECTIONS must not exceed RATE" >&2; exit 2; }
DELAY_MS=$((CONNECTIONS * 1000 / RATE))

# Authentication stays on, as in production: the script gives the server an admin key and uses it.
ADMIN_KEY="clr_$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40)"
export AUTH_HEADER="Authorization: Bearer $ADMIN_KEY"
rm -rf "$WORK" && mkdir -p "$WORK"
SERVER_PID=
SAMPLER_PID=
stop() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
}
trap stop EXIT

echo "== start the server on 127.0.0.1:$PORT (H2 file database under $WORK/db, -Xmx$HEAP)"
(cd "$WORK" && CLEARANCE_RULES_DIR="$ROOT/rules" CLEARANCE_POLICIES_DIR="$ROOT/policies" \
  CLEARANCE_DB_URL="jdbc:h2:file:$WORK/db/clearance;DB_CLOSE_ON_EXIT=FALSE" QUARKUS_HTTP_PORT="$PORT" CLEARANCE_ADMIN_KEY="$ADMIN_KEY" \
  QUARKUS_HTTP_HOST=127.0.0.1 CLEARANCE_WATCH_ENABLED=false exec java -Xmx"$HEAP" -jar "$JAR" >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; see $WORK/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "server not ready; see $WORK/server.log" >&2; exit 1; }
# The JVM is the java process the subshell exec'd into.
JVM=$SERVER_PID

sample() {
  # A failed read must not end the sampler: errexit stays off in here.
  set +e
  local t=0
  echo "seconds rss_mb heap_used_mb old_gen_mb" >"$WORK/samples.txt"
  while kill -0 "$JVM" 2>/dev/null; do
    local rss heap old
    rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$JVM/status" 2>/dev/null || echo 0)
    # jstat -gc columns: S0C S1C S0U S1U EC EU OC OU ... (KB)
    read -r heap old < <(jstat -gc "$JVM" 2>/dev/null | awk 'NR == 2 { printf "%.1f %.1f\n", ($3 + $4 + $6 + $8) / 1024, $8 / 1024 }')
    echo "$t $rss ${heap:-0} ${old:-0}" >>"$WORK/samples.txt"
    sleep "$SAMPLE_EVERY"
    t=$((t + SAMPLE_EVERY))
  done
}
sample &
SAMPLER_PID=$!

echo "== load: about $RATE decisions/s for ${DURATION}s (wrk -t2 -c$CONNECTIONS, each connection every ${DELAY_MS} ms)"
DELAY_MS=$DELAY_MS wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s scripts/soak.lua \
  "http://127.0.0.1:$PORT" >"$WORK/wrk.txt" 2>&1 || true
sleep 1
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=
READY=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/q/health/ready" || true)
ERRORS=$(grep -c ' ERROR ' "$WORK/server.log" || true)

echo "--- wrk"
cat "$WORK/wrk.txt"
echo "--- samples (every ${SAMPLE_EVERY}s)"
column -t "$WORK/samples.txt"
echo "--- trend"
awk -v errors="$ERRORS" -v ready="$READY" '
  NR > 1 { t[n] = $1; rss[n] = $2; old[n] = $4; n++ }
  END {
    if (n < 6) { print "too few samples for a trend"; exit 1 }
    third = int(n / 3)
    for (i = 0; i < third; i++) { r1 += rss[i]; o1 += old[i] }
    for (i = n - third; i < n; i++) { r3 += rss[i]; o3 += old[i] }
    r1 /= third; r3 /= third; o1 /= third; o3 /= third
    printf "RSS      first third %.0f MB, last third %.0f MB (%+.1f%%)\n", r1, r3, (r3 - r1) * 100 / r1
    printf "old gen  first third %.0f MB, last third %.0f MB\n", o1, o3
    printf "server log lines at ERROR: %d; readiness after the run: %s\n", errors, ready
    # Growth beyond 10% and 32 MB of resident memory between the first and last third is a leak to chase.
    grows = (r3 - r1 > 32 && r3 > r1 * 1.10)
    if (grows || errors > 0 || ready != "200") { print "VERDICT: NOT STABLE"; exit 1 }
    print "VERDICT: STABLE (resident memory flat within 10% or 32 MB, no ERROR, ready)"
  }' "$WORK/samples.txt"
