#!/usr/bin/env bash
# The ownership graph at scale on a synthetic registry (default 1M parties, 3M stakes), in a 4 GB heap:
# build time and heap, full recompute, evaluation and decision latency, stake changes. Prints figures.
#   scripts/bench-ownership.sh [parties] [stakes] [banned-fraction] [samples]
# Extra JVM options through BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS=-Xlog:gc.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh   # the date and machine README's Figures quote with each figure
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx4g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    io.clearance.bench.OwnershipBenchmark "$@"
