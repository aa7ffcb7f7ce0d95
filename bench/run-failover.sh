#!/usr/bin/env bash
# Scheduler failover benchmark (GitHub issue 12): a local Mesos with N agents, the real scheduler as a child process
# deploying N nodes run by test executors (no Cassandra; a JVM of ~40 MB each), then per run every way a leader goes
# (kill -9 with an in-place restart, kill -9 with a standby at the new and the old ZooKeeper session timeout, SIGTERM
# with a standby) against a plain SUBSCRIBE + RECONCILE baseline. Clock: kill → the new leader's /healthcheck says
# reconciled. Writes bench/results/scheduler-failover.md.
# Usage: bench/run-failover.sh [runs, default 3] [node counts, default 3,100]
#
# With real Cassandra (3 nodes, ./cassandra-mesos local): see "Real Cassandra" in bench/results/scheduler-failover.md;
# that one is run by hand, not by this script.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
sizes=${2:-3,100}
# java-runtime too: the schedulers run on it, through the distribution's launcher and its class-data archive
mvn -B -q -o -pl java-runtime,bench -am package -DskipTests
root=$(pwd)
work=bench/target/failover-work
rm -rf "$work"
mkdir -p bench/results "$work/classpath" "$work/sandbox"
# a copy of the classpath, absolute (the executors run it from their sandboxes), so a rebuild meanwhile changes nothing
cp -r bench/target/classes bench/target/failover-lib "$work/classpath/"
cp=$root/$work/classpath
# the scheduler distribution as Marathon unpacks it in a sandbox (cp -p keeps the jars' times, which the archive checks)
cp -rp scheduler/target/cassandra-scheduler/cassandra-scheduler "$work/sandbox/"
java -Xmx512m -Dlogback.configurationFile="$root/bench/failover-logback.xml" \
  -Dfailover.schedulerParent="$root/$work/sandbox" -Dfailover.javaHome="$root/java-runtime/target/java-runtime" \
  -cp "$cp/classes:$cp/failover-lib/*" \
  org.cassandramesos.bench.failover.FailoverBench "$sizes" "$runs" "$work" bench/results/scheduler-failover.md
