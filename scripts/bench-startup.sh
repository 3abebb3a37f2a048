#!/usr/bin/env bash
# Start-up benchmark: launches the packaged server N times on the demo registry (embedded H2) and prints the
# time from launch to /q/health/ready answering UP (median, min, max), the CPU seconds the JVM spent by then
# and its RSS, for each way of starting, round-robin in one run so that the machine's load falls on all alike:
#   no-cache   restart without the compiled rule-set cache (CLEARANCE_RULE_CACHE_DIR empty): as before the cache
#   cache      restart reloading the compiled rule set from data/rule-cache
#   cache+cds  the same with an AppCDS archive of the application's classes (Java 17 dynamic archive of one
#              whole start, as scripts/clearance and the Docker image make it)
#   cache+static-cds  the same with the archive Quarkus makes at package time (quarkus.package.jar.appcds:
#              the classes of its static init only, made by -Dquarkus.appcds.generate=true)
#   launcher   scripts/clearance as a user runs it (its first start makes the archive; not timed)
#   cache+aot  the same on Java 25 with its ahead-of-time cache (-XX:AOTCache), when JAVA25 names a Java 25
# The machine's load is printed before and after (uptime): on a loaded machine compare the ways with each
# other (they run round-robin), not with figures of another run; CPU seconds vary less with load than time.
#   launcher25 scripts/clearance as a user runs it with Java 25 (JAVA25) first on the PATH: its AOT cache
# With --million it then imports a synthetic registry of 1,000,000 parties and times restarts on it.
#   scripts/bench-startup.sh [runs] [--million]       (runs: default 5; BUILD=1 packages the jar first;
#   MILLION_RUNS: restarts per way on the million, default runs; ONLY_MILLION=1 skips the demo registry;
#   WAYS="launcher launcher25": only these ways (and the trainings they need);
#   BASE=/path/to/another/checkout: the same ways on that checkout's packaged jar and scripts/clearance too,
#   round-robin with this one's (labels end in @base), each on a data folder of its own: before/after in one run)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=5
million=false
for arg in "$@"; do
    case "$arg" in
        --million) million=true ;;
        *) runs=$arg ;;
    esac
done
port=${PORT:-18400}
java25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
jar=$root/target/quarkus-app/quarkus-run.jar
work=$root/target/bench-startup
scripts/machine.sh
if [ "${BUILD:-0}" = 1 ] || [ ! -f "$jar" ]; then
    started=$(date +%s)
    ./mvnw -B -q package -DskipTests
    echo "packaged in $(($(date +%s) - started)) s"
fi

# A loaded machine can take longer than the pool's 5 s to open the H2 file: every way waits longer alike.
slow="-Dquarkus.datasource.jdbc.acquisition-timeout=60s"

# launch DIR LABEL [java [options...]]: starts the server in DIR, waits for readiness, prints one line, stops it.
# A LABEL ending in @base runs the BASE checkout's jar and launcher.
launch() {
    local dir=$1 label=$2
    shift 2
    local java_cmd=(java)
    [ $# -gt 0 ] && java_cmd=("$@")
    local from=$root
    [ "${label%@base}" != "$label" ] && from=$BASE
    local begin pid ready code ticks rss
    begin=$(date +%s%N)
    case "${label%@base}" in
        launcher)
            (cd "$dir" && JAVA_OPTS="-Dquarkus.http.port=$port $slow" exec "$from/scripts/clearance" >>"$dir/server.log" 2>&1) & ;;
        launcher25)
            (cd "$dir" && PATH="$(dirname "$java25"):$PATH" JAVA_OPTS="-Dquarkus.http.port=$port $slow" \
                exec "$from/scripts/clearance" >>"$dir/server.log" 2>&1) & ;;
        *)
            (cd "$dir" && exec "${java_cmd[@]}" -Dquarkus.http.port="$port" $slow \
                -jar "$from/target/quarkus-app/quarkus-run.jar" >>"$dir/server.log" 2>&1) & ;;
    esac
    pid=$!
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true)
        [ "$code" = 200 ] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$label: the server stopped before it was ready; see $dir/server.log" >&2
            return 1
        fi
        sleep 0.02
    done
    ready=$((($(date +%s%N) - begin) / 1000000))
    # utime + stime of the JVM, in clock ticks
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$label $ready $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}') $rss"
}

# summary FILE: one line per label: median, min and max of the ready time, median CPU and RSS.
summary() {
    printf '%-17s %5s %22s %8s %8s\n' way runs "ready ms median (min–max)" "cpu s" "rss MB"
    for label in $(awk '{print $1}' "$1" | awk '!seen[$0]++'); do
        awk -v l="$label" '$1 == l' "$1" | sort -n -k2 | awk -v l="$label" '
            { ms[NR] = $2; cpu[NR] = $3; rss[NR] = $4 }
            END {
                m = int((NR + 1) / 2); n = asort(cpu, c); asort(rss, r)
                printf "%-17s %5d %8d (%d–%d) %8.1f %8d\n", l, NR, ms[m], ms[1], ms[NR], c[m], r[m]
            }'
    done
}

prepare() {
    rm -rf "$1"
    mkdir -p "$1"
    cp -r rules policies "$1"/
}

# want WAY: whether WAYS (default: all) asks for it.
want() {
    [ -z "${WAYS:-}" ] && return 0
    case " $WAYS " in *" $1 "*) return 0 ;; esac
    return 1
}

if [ "${ONLY_MILLION:-0}" != 1 ]; then
echo "== demo registry (H2), $runs restarts per way =="
mkdir -p "$work"
results=$work/demo.txt
: >"$results"
sides=("")
[ -n "${BASE:-}" ] && sides+=("@base")
ways=()
for side in "${sides[@]}"; do
    # Each side has a data folder of its own: the two builds may differ in their schema.
    demo=$work/demo${side:+-base}
    from=$root
    [ -n "$side" ] && from=$BASE
    prepare "$demo"
    echo "-- ${side:-this checkout} ($from)"
    # The first start creates the database, seeds the demo registry and releases rules/ through the gate.
    launch "$demo" "first-start$side" | tee -a "$results"
    want no-cache && ways+=("no-cache$side")
    want cache && ways+=("cache$side")
    if want cache+cds; then
        echo "AppCDS archive (Java 17 dynamic archive of one start):"
        started=$(date +%s)
        launch "$demo" "cds-training$side" java -XX:ArchiveClassesAtExit="$demo/app.jsa" >/dev/null
        echo "  $demo/app.jsa, $(du -m "$demo/app.jsa" | cut -f1) MB, in $(($(date +%s) - started)) s"
        ways+=("cache+cds$side")
    fi
    if want cache+static-cds; then
        echo "AppCDS archive as Quarkus makes it at package time (static init only):"
        started=$(date +%s)
        (cd "$from/target/quarkus-app" && java -XX:ArchiveClassesAtExit="$demo/static.jsa" \
            -Dquarkus.appcds.generate=true -Dquarkus.datasource.jdbc.url="jdbc:h2:mem:appcds" \
            -jar quarkus-run.jar >"$demo/static-cds.log" 2>&1) || true
        if [ -f "$demo/static.jsa" ]; then
            echo "  $demo/static.jsa, $(du -m "$demo/static.jsa" | cut -f1) MB, in $(($(date +%s) - started)) s"
            ways+=("cache+static-cds$side")
        fi
    fi
    if want launcher; then
        echo "scripts/clearance (its first start makes the archive into data/startup-cache):"
        rm -rf "$demo/data/startup-cache"
        launch "$demo" "launcher$side" >/dev/null
        ls "$demo"/data/startup-cache/ | sed 's/^/  /'
        ways+=("launcher$side")
    fi
    if [ -x "$java25" ] && want launcher25; then
        echo "scripts/clearance on Java 25 (its first start makes the AOT cache into data/startup-cache):"
        started=$(date +%s)
        launch "$demo" "launcher25$side" >/dev/null
        ls "$demo"/data/startup-cache/ | sed 's/^/  /'
        echo "  trained in $(($(date +%s) - started)) s"
        ways+=("launcher25$side")
    fi
    if [ -x "$java25" ] && want cache+aot; then
        echo "Java 25 AOT cache (one training start):"
        started=$(date +%s)
        launch "$demo" "aot-training$side" "$java25" -XX:AOTCacheOutput="$demo/app.aot" >/dev/null
        echo "  $demo/app.aot, $(du -m "$demo/app.aot" | cut -f1) MB, in $(($(date +%s) - started)) s"
        ways+=("cache+aot$side")
    fi
done
for _ in $(seq "$runs"); do
    for way in "${ways[@]}"; do
        demo=$work/demo
        [ "${way%@base}" != "$way" ] && demo=$work/demo-base
        case "${way%@base}" in
            no-cache) CLEARANCE_RULE_CACHE_DIR= launch "$demo" "$way" ;;
            cache) launch "$demo" "$way" ;;
            cache+cds) launch "$demo" "$way" java -XX:SharedArchiveFile="$demo/app.jsa" ;;
            cache+static-cds) launch "$demo" "$way" java -XX:SharedArchiveFile="$demo/static.jsa" ;;
            launcher | launcher25) launch "$demo" "$way" ;;
            cache+aot) launch "$demo" "$way" "$java25" -XX:AOTCache="$demo/app.aot" ;;
        esac
    done | tee -a "$results"
done
summary "$results"
fi

if $million; then
    echo "== 1,000,000 parties (H2) =="
    big=$work/million
    # The same seed writes the same file, and the import takes minutes: both are kept for the next run
    # (rm -r target/bench-startup/million to import again). The import creates the schema.
    if [ ! -f "$big/data/clearance.mv.db" ]; then
        prepare "$big"
        [ -f "$work/million.csv" ] ||
            java -jar "$jar" generate --parties 1000000 --stakes 1200000 --out "$work/million.csv"
        started=$(date +%s)
        (cd "$big" && java -Xmx2g -jar "$jar" import "$work/million.csv")
        echo "imported in $(($(date +%s) - started)) s"
    fi
    # The first start on it releases rules/ through the gate and fills the cache.
    launch "$big" first-start java -Xmx2g | tee "$work/million.txt"
    million_runs=${MILLION_RUNS:-$runs}

    results=$work/million.txt
    launch "$big" cds-training java -Xmx2g -XX:ArchiveClassesAtExit="$work/million.jsa" >/dev/null
    for _ in $(seq "$million_runs"); do
        for way in cache cache+cds; do
            case "$way" in
                cache) launch "$big" "$way" java -Xmx2g ;;
                cache+cds) launch "$big" "$way" java -Xmx2g -XX:SharedArchiveFile="$work/million.jsa" ;;
            esac
        done | tee -a "$results"
    done
    summary "$results"
fi
echo "load after: $(uptime)"
