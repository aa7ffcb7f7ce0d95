#!/usr/bin/env bash
# Runs one JMH benchmark class and writes its result table to bench/results/<name>.md.
# Usage: bench/run-jmh.sh <BenchmarkClassSimpleName> <title> <what one op is, e.g. events> [extra JMH args]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1; title=$2; op=$3; shift 3
mvn -B -q -pl bench -am package -DskipTests
mkdir -p bench/results
json=bench/target/$name.json
java -jar bench/target/benchmarks.jar "$name" -rf json -rff "$json" "$@"
java -cp bench/target/benchmarks.jar org.cassandramesos.bench.JmhTable "$json" "bench/results/$name.md" "$title" "$op"
cat "bench/results/$name.md"
