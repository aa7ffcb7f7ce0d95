#!/usr/bin/env bash
# Backup benchmark: the executor's BackupJob (full, then incremental) against plain S3 putObjects of the same
# snapshot files, on one real Cassandra node (127.0.0.21, free ports) and a real S3Proxy (127.0.0.1).
# Builds what it needs, runs the harness (a few minutes; ~1.5 GB of disk under bench/target, removed afterwards) and
# writes bench/results/backup-cassandra.md. The harness stops Cassandra and S3Proxy itself, also on failure or Ctrl-C.
# Usage: bench/run-backup-cassandra.sh [runs, default 3] [data MB, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
data_mb=${2:-200}
mvn -B -q -pl bench,executor,cassandra-dist,s3proxy-dist -am package -DskipTests
work=bench/target/backup-work
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results
# slf4j-simple (INFO), not logback's DEBUG default: the benchmarks jar holds both
java -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -cp bench/target/benchmarks.jar org.cassandramesos.bench.backup.BackupBench \
  cassandra-dist/target/dist "$runs" "$work" bench/results/backup-cassandra.md "$data_mb"
