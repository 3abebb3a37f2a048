#!/usr/bin/env bash
# Single-party latencies with JMH (sampled: p50, p90, p99, p99.9 per benchmark) on a synthetic registry,
# default 1M parties / 3M stakes, in a 4 GB heap. Arguments go to JMH; BENCH picks benchmarks (a regex), e.g.
#   scripts/bench-jmh.sh                                          # every benchmark, 1M parties
#   BENCH='OwnershipJmh.extension' scripts/bench-jmh.sh -p parties=5000000   # 5M parties, extension only
# JMH_RUN sets forks and iterations (default below), e.g. JMH_RUN='-f 1 -wi 1 -w 3s -i 2 -r 5s' for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh   # the date and machine README's Figures quote with each figure
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    org.openjdk.jmh.Main ${JMH_RUN:--f 1 -wi 2 -w 5s -i 3 -r 10s} -jvmArgs -Xmx4g "$@" "${BENCH:-OwnershipJmh}"
