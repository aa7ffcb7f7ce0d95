#!/usr/bin/env bash
# Launch-to-running benchmark: local Mesos + executor vs. the same Cassandra started by hand.
# Builds the executor and Cassandra tarballs and the bench jar, runs the harness (a few minutes: it starts
# 2 × runs Cassandra nodes, one at a time, on 127.0.0.2 with ports 9042/7000/7199 — keep them free), and
# writes bench/results/launch-to-running.md.
# Usage: bench/run-launch.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mvn -B -q -pl bench,executor,cassandra-dist -am package -DskipTests
executor_tarball=$(ls executor/target/executor-*-dist.tar.gz)
cassandra_tarball=$(ls cassandra-dist/target/cassandra-dist-*.tar.gz)
work=bench/target/launch-work
rm -rf "$work"
mkdir -p bench/results
java -cp bench/target/benchmarks.jar org.cassandramesos.bench.launch.LaunchToRunningBench \
  "$executor_tarball" "$cassandra_tarball" "$runs" "$work" bench/results/launch-to-running.md
