#!/usr/bin/env bash
# Issue 11.5: the bottom of a 100,000-company chain of majority stakes from a CN seed, decided with the bundled
# rules and written as JSON; prints decision times, answer size and the process's RSS. Heap as the server's
# container default would give it: BENCH_JAVA_OPTS overrides (e.g. -Xmx1g).
#   scripts/bench-deep-chain.sh [hops] [samples]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.clearance.bench.DeepChainBenchmark "$@"
