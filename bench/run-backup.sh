#!/usr/bin/env bash
# Backup/restore benchmark without Cassandra: the executor's backup upload and restore download (its own classes,
# through BenchTransfers) against plain S3 putObjects / getObjects of the same SSTable-shaped files, on a real S3Proxy
# (127.0.0.1, free port). Builds what it needs, runs the harness (a few minutes; ~2 GB of disk under bench/target,
# removed afterwards) and writes bench/results/backup.md. The harness stops S3Proxy itself, also on failure or Ctrl-C.
# Usage: bench/run-backup.sh [runs, default 3] [data MB, default 200]
# (bench/run-backup-cassandra.sh runs the older end-to-end BackupJob bench on a real Cassandra node.)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
data_mb=${2:-200}
mvn -B -q -pl bench,s3proxy-dist -am package -DskipTests
work=bench/target/backup-work
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p bench/results
# slf4j-simple (INFO), not logback's DEBUG default: the benchmarks jar holds both
java -Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider -cp bench/target/benchmarks.jar \
  org.cassandramesos.bench.backup.BackupTransferBench "$runs" "$work" bench/results/backup.md "$data_mb"
