#!/usr/bin/env bash
# Scheduler failover with REAL Cassandra (GitHub issue 12, "at 3 real nodes"): ./cassandra-mesos local with 3 nodes,
# then per run kill -9 of the scheduler until its log says RECONCILED again (local mode's supervisor restarts it in
# place, as Marathon does). Starts Cassandra on 127.0.0.2–4 (ports 9042/7000/7199/9001 — keep them free); a few
# minutes. Writes bench/results/scheduler-failover-local-mode.md; copy its table into scheduler-failover.md.
# Usage: bench/run-failover-local-mode.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mvn -B -q -DskipTests package -pl scheduler,executor,cassandra-dist,s3proxy-dist,local-mode,cli,bench -am
root=$(pwd)
work=bench/target/failover-local-mode-work
rm -rf "$work"
mkdir -p bench/results "$work"
java -Dlogback.configurationFile="$root/bench/failover-logback.xml" \
  -cp "$root/bench/target/classes:$root/bench/target/failover-lib/*" \
  org.cassandramesos.bench.failover.LocalModeFailover . "$runs" "$root/$work/data" \
  bench/results/scheduler-failover-local-mode.md
