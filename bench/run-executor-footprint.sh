#!/usr/bin/env bash
# Executor memory (GitHub issue 14): one real Cassandra node on 127.0.0.11 per launch, through the local Mesos and
# the real executor tarball, per executor JVM option set; VmRSS after the node API was used, and one launch each with
# Native Memory Tracking for the committed memory per region. Writes bench/results/executor-footprint-table.md (the
# commentary is in bench/results/executor-footprint.md).
# Usage: bench/run-executor-footprint.sh [launches per option set, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mvn -B -q -o -pl bench,executor,cassandra-dist -am package -DskipTests
work=bench/target/executor-footprint-work
rm -rf "$work"
mkdir -p bench/results
# before: the launcher's options until issue 14 (G1, C1 + C2, the glibc default of 8 malloc arenas per core);
# after: the launcher's defaults now
java -cp bench/target/benchmarks.jar org.cassandramesos.bench.launch.ExecutorFootprintBench \
  "$(ls executor/target/executor-*-dist.tar.gz)" "$(ls cassandra-dist/target/cassandra-dist-*.tar.gz)" "$runs" "$work" \
  bench/results/executor-footprint-table.md \
  before "-Xms64m -Xmx256m -XX:+ExitOnOutOfMemoryError" \
  after launcher-default
rm -rf "$work"
