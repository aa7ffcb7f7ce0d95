#!/usr/bin/env bash
# Local-mode deploy benchmark (GitHub issue 6): `./cassandra-mesos local` until its deploy plan is COMPLETE vs. a
# plain bash script starting the same 3 Cassandra nodes one after another, plus each process's RSS.
# Builds what local mode and the harness need, then runs the harness (runs × ~3 minutes: it starts Cassandra on
# 127.0.0.2–4 with ports 9042/7000/7199/9001 — keep them free) and writes bench/results/local-mode-deploy.md.
# Usage: bench/run-local-mode.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mvn -B -q -DskipTests package -pl scheduler,executor,cassandra-dist,s3proxy-dist,local-mode,cli,bench -am
cassandra_tarball=$(ls cassandra-dist/target/cassandra-dist-*.tar.gz)
work=bench/target/local-mode-work
rm -rf "$work"
mkdir -p bench/results
java -cp bench/target/benchmarks.jar org.cassandramesos.bench.localmode.LocalModeDeployBench \
  . "$cassandra_tarball" "$runs" "$work" bench/results/local-mode-deploy.md
