#!/usr/bin/env bash
# An all-parties watch over a synthetic registry (default 1M parties) and an import that flips k parties:
# the time to find what the import changed and fire its events, the baseline's heap, the old way side by side.
#   scripts/bench-watch.sh [parties] [k] [sample]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh   # the date and machine README's Figures quote with each figure
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx4g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.clearance.bench.WatchBenchmark "$@"
