#!/usr/bin/env bash
# REST under load (GitHub issue 14): the real scheduler (the distribution's launcher, as bench/run-failover.sh starts
# it) on a real ZooKeeper and a local Mesos with N nodes run by test executors, with its API token on.
# GET /v1/plan and GET /v1/nodes/node-0/info against the same JVM's admin GET /ping (the baseline), open-loop at a fixed
# rate and closed-loop at the maximum, loopback only, bounded in count and time; then the scheduler's RSS with the
# launcher's defaults and with the options before issue 14, and its memory per region (NMT).
# Writes bench/results/rest-load-table.md (the commentary is in bench/results/rest-load.md).
# Usage: bench/run-rest-load.sh [nodes, default 3] [rate req/s, default 1000] [seconds per phase, default 20] [clients, default 4]
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-3}
rate=${2:-1000}
seconds=${3:-20}
clients=${4:-4}
mvn -B -q -o -pl java-runtime,bench -am package -DskipTests
root=$(pwd)
work=bench/target/rest-load-work
rm -rf "$work"
mkdir -p bench/results "$work/classpath" "$work/sandbox"
# as bench/run-failover.sh: an absolute copy of the classpath (the test executors run from it) and the scheduler
# distribution as Marathon unpacks it in a sandbox (cp -p keeps the jars' times, which the class-data archive checks)
cp -r bench/target/classes bench/target/failover-lib "$work/classpath/"
cp=$root/$work/classpath
cp -rp scheduler/target/cassandra-scheduler/cassandra-scheduler "$work/sandbox/"
java -Xmx512m -Dlogback.configurationFile="$root/bench/failover-logback.xml" \
  -Dfailover.schedulerParent="$root/$work/sandbox" -Dfailover.javaHome="$root/java-runtime/target/java-runtime" \
  -cp "$cp/classes:$cp/failover-lib/*" \
  org.cassandramesos.bench.failover.RestLoadBench "$nodes" "$rate" "$seconds" "$clients" "$work" bench/results/rest-load-table.md
