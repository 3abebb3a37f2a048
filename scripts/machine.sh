#!/usr/bin/env sh
# Prints when and where a figure was measured, for README's Figures: every figure script calls it first.
echo "measured: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(uname -sm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo 2>/dev/null)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1, 5, 15 min; other work on the machine lowers the figures)"
echo "java: $(java -version 2>&1 | head -1)"
