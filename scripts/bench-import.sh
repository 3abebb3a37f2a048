#!/usr/bin/env bash
# Import benchmark: a synthetic GLEIF golden copy (default 3.4M entities, 0.5M relationships, CSV), parsed
# (records/s) and committed through the import's writer (rows/s) with -Xmx2g; prints figures and peak heap.
#   scripts/bench-import.sh [entities] [relationships] [jdbc-url] [user] [password]
# PostgreSQL: scripts/bench-import.sh 3400000 500000 jdbc:postgresql://127.0.0.1:5432/clearance_data_formats postgres ''
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh
uptime
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.clearance.bench.ImportBenchmark "$@"
