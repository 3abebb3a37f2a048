#!/usr/bin/env bash
# Impact analysis on a synthetic registry (default 1M parties, 3M stakes): prints figures.
#   scripts/bench-impact.sh [parties] [stakes]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh   # the date and machine README's Figures quote with each figure
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx8g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.clearance.bench.ImpactBenchmark "$@"
