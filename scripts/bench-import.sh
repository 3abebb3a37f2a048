#!/usr/bin/env bash
# Import benchmark: a synthetic GLEIF golden copy (default 3.4M entities, 0.5M relationships) in each GLEIF
# distribution asked, parsed (records/s) and committed through the import's writer with -Xmx2g, into H2 and
# into PostgreSQL (COPY into staging tables, then set-based merges): prints, per format and database, records/s
# parsed per file, entities/s, stakes/s, the whole time and the peak heap. Each run is bounded by
# BENCH_TIMEOUT seconds (default 900).
#   scripts/bench-import.sh [entities] [relationships] [postgres-jdbc-url] [user] [password]
#   scripts/bench-import.sh 3400000 500000 jdbc:postgresql://127.0.0.1:5432/import postgres ''
# BENCH_DATABASES=postgresql (or h2) runs one of the two.
# BENCH_FORMATS="csv json" (the default) names the formats: csv and json are the GLEIF distributions, parsed
# and committed; psc (UK PSC), bods (BODS 0.4) and ftm (OpenSanctions FollowTheMoney) are parsed only, at the
# same size. The synthetic files are kept under target/bench-import/ and reused by the next run of that size.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/machine.sh
uptime
entities=${1:-3400000}
relationships=${2:-500000}
pg_url=${3:-jdbc:postgresql://127.0.0.1:5432/import}
pg_user=${4:-postgres}
pg_password=${5:-}
./mvnw -B -q test-compile -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
export BENCH_FORMATS=${BENCH_FORMATS:-csv json}
for database in ${BENCH_DATABASES:-h2 postgresql}; do
  echo "== $database: $entities entities, $relationships relationships, formats: $BENCH_FORMATS =="
  started=$(date +%s)
  if [ "$database" = h2 ]; then
    rm -rf target/bench-import/db.*
    timeout "${BENCH_TIMEOUT:-900}" java -Xmx2g -cp "$classpath" io.clearance.bench.ImportBenchmark \
      "$entities" "$relationships" "jdbc:h2:file:./target/bench-import/db;DB_CLOSE_ON_EXIT=FALSE" sa '' \
      || echo "H2 run ended with status $? (124: over ${BENCH_TIMEOUT:-900} s)"
  else
    timeout "${BENCH_TIMEOUT:-900}" java -Xmx2g -cp "$classpath" io.clearance.bench.ImportBenchmark \
      "$entities" "$relationships" "$pg_url" "$pg_user" "$pg_password" \
      || echo "PostgreSQL run ended with status $? (124: over ${BENCH_TIMEOUT:-900} s)"
  fi
  echo "== $database: $(( $(date +%s) - started )) s in all, with the parse runs and the generation =="
done
uptime
