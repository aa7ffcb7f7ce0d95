package org.cassandramesos.bench.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.cassandramesos.backup.BackupLocation;
import org.cassandramesos.backup.FileDigest;
import org.cassandramesos.backup.S3Clients;
import org.cassandramesos.bench.backup.BackupTable.Mode;
import org.cassandramesos.bench.backup.BackupTable.Sample;
import org.cassandramesos.bench.launch.LoadAverage;
import org.cassandramesos.executor.backup.BenchTransfers;
import org.cassandramesos.executor.backup.BenchTransfers.SnapshotFile;
import org.cassandramesos.protocol.jobs.BackupTarget;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.protocol.jobs.JobRequest;
import org.cassandramesos.s3proxy.S3ProxyServer;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Backup and restore transfers of a node's SSTable files against a real S3Proxy, each set against its raw baseline in
 * the same run: the backup's blob upload (hashing, skipping what is stored, manifest) against plain {@code putObject}s
 * of the same files, the restore's verified download against plain {@code getObject}s of the same objects. No
 * Cassandra: the files are SSTable-shaped (sizes and components of a flushed table), the backup and restore run the
 * executor's own classes through {@link BenchTransfers}.
 *
 * <p>Usage: {@code BackupTransferBench <runs> <work dir> <table.md> [data MB, default 200]}
 */
public final class BackupTransferBench {
    private static final long MB = 1024 * 1024;
    static final int PARALLEL_FILES = 4;
    private static final String NODE = "node-0";
    private static final String KEYSPACE = "bench";
    private static final String TABLE = "blobs";
    private static final int SSTABLES = 11;

    private BackupTransferBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: BackupTransferBench <runs> <work dir> <table.md> [data MB, default 200]");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        Path workDir = Path.of(args[1]).toAbsolutePath();
        Path table = Path.of(args[2]);
        long dataMb = args.length == 4 ? Long.parseLong(args[3]) : 200;
        Files.createDirectories(workDir);
        // Ctrl-C or kill: stop S3Proxy (and Cassandra) too
        try (StartedResources started = StartedResources.closedOnExit("backup-bench-cleanup")) {
            String markdown = measure(runs, workDir, dataMb, started);
            Files.createDirectories(table.toAbsolutePath().getParent());
            Files.writeString(table, markdown);
            System.out.println(markdown);
        }
    }

    private static String measure(int runs, Path workDir, long dataMb, StartedResources started) throws Exception {
        S3ProxyServer s3proxy = S3ProxyServer.start(
                S3ProxyServer.buildLib(),
                workDir.resolve("s3proxy"),
                UUID.randomUUID().toString(),
                Duration.ofSeconds(60));
        started.push(s3proxy);
        BackupTarget.StaticKeys keys = new BackupTarget.StaticKeys(s3proxy.accessKey(), s3proxy.secretKey());
        // As many connections as the backup's client opens (4 files at a time, 2 connections each).
        S3AsyncClient s3 = S3Clients.create(
                BackupLocation.parse(s3proxy.endpoint() + "/" + BackupRuns.BUCKET),
                Optional.of(keys),
                PARALLEL_FILES * 2);
        started.push(s3);
        s3.createBucket(b -> b.bucket(BackupRuns.BUCKET)).join();
        List<SnapshotFile> files = sstableFiles(workDir.resolve("snapshot"), dataMb * MB);
        long dataBytes = files.stream().mapToLong(SnapshotFile::size).sum();
        List<String> originals = new ArrayList<>();
        for (SnapshotFile file : files) {
            originals.add(FileDigest.of(file.path()).sha256());
        }

        warmUp(s3, keys, s3proxy.endpoint() + "/" + BackupRuns.BUCKET + "/warm-up", workDir.resolve("warm-up"));
        String profile = profile(s3, files);
        System.out.print(profile);

        String loadBefore = LoadAverage.now();
        List<Sample> plainUp = new ArrayList<>();
        List<Sample> full = new ArrayList<>();
        List<Sample> unchanged = new ArrayList<>();
        List<Sample> plainDown = new ArrayList<>();
        List<Sample> restore = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            boolean plainFirst = run % 2 == 1;
            String location = s3proxy.endpoint() + "/" + BackupRuns.BUCKET + "/backup-" + run;
            String plainPrefix = "plain-" + run + "/";
            if (plainFirst) {
                plainUp.add(report(run, "plain upload", plainUpload(s3, files, plainPrefix, dataBytes)));
            }
            Sample fullBackup = backup(s3, keys, location, "full", files, dataBytes);
            full.add(report(run, "full backup", fullBackup));
            if (fullBackup.uploadedBytes() < dataBytes * 0.99) {
                throw new IllegalStateException("a first backup to an empty location uploaded only "
                        + fullBackup.uploadedBytes() + " of " + dataBytes + " bytes");
            }
            if (!plainFirst) {
                plainUp.add(report(run, "plain upload", plainUpload(s3, files, plainPrefix, dataBytes)));
            }
            Sample same = backup(s3, keys, location, "unchanged", files, dataBytes);
            unchanged.add(report(run, "incremental, nothing changed", same));
            if (same.uploadedBytes() > 64 * 1024) { // only its manifest and schema.cql
                throw new IllegalStateException("an unchanged incremental uploaded " + same.uploadedBytes() + " bytes");
            }

            Path plainDir = workDir.resolve("download-plain-" + run);
            Path restoreDir = workDir.resolve("restore-" + run);
            if (plainFirst) {
                plainDown.add(report(run, "plain download", plainDownload(s3, plainPrefix, plainDir, dataBytes)));
            }
            restore.add(report(run, "restore", restore(keys, location, restoreDir, dataBytes)));
            if (!plainFirst) {
                plainDown.add(report(run, "plain download", plainDownload(s3, plainPrefix, plainDir, dataBytes)));
            }
            verify(files, originals, plainDir.resolve(KEYSPACE).resolve(TABLE), "plain download");
            verify(files, originals, restoreDir.resolve(KEYSPACE).resolve(TABLE), "restore");
            deleteRecursively(plainDir);
            deleteRecursively(restoreDir);
        }
        Mode plainUpMode = new Mode("plain putObject upload", plainUp);
        Mode fullMode = new Mode("backup, full (empty location)", full);
        Mode unchangedMode = new Mode("backup, incremental, nothing changed", unchanged);
        Mode plainDownMode = new Mode("plain getObject download", plainDown);
        Mode restoreMode = new Mode("restore (verified download)", restore);
        return header(runs, dataMb, files.size(), loadBefore, LoadAverage.now())
                + "## Full backup vs. a plain upload of the same files\n\n"
                + BackupTable.throughput(plainUpMode, List.of(plainUpMode, fullMode))
                + "\n## Restore vs. a plain download of the same files\n\n"
                + BackupTable.throughput(plainDownMode, List.of(plainDownMode, restoreMode))
                + "\n## Incremental backup vs. the full backup\n\n"
                + BackupTable.incremental(fullMode, List.of(fullMode, unchangedMode))
                + "\n" + BackupTable.runs(List.of(plainUpMode, fullMode, unchangedMode, plainDownMode, restoreMode))
                + "\n## Where a backup's time goes (the parts measured alone, same files, after the runs' warm-up)\n\n"
                + profile;
    }

    /** One untimed round of every step on a small file set, so no timed step pays for the JIT or the first connections. */
    private static void warmUp(S3AsyncClient s3, BackupTarget.StaticKeys keys, String location, Path dir)
            throws Exception {
        List<SnapshotFile> files = sstableFiles(dir.resolve("snapshot"), 22 * MB);
        long bytes = files.stream().mapToLong(SnapshotFile::size).sum();
        for (int round = 0; round < 2; round++) {
            plainUpload(s3, files, "warm-up-plain-" + round + "/", bytes);
            backup(s3, keys, location + "-" + round, "full", files, bytes);
            plainDownload(s3, "warm-up-plain-" + round + "/", dir.resolve("plain-" + round), bytes);
            restore(keys, location + "-" + round, dir.resolve("restore-" + round), bytes);
        }
        deleteRecursively(dir);
    }

    /**
     * The work a backup does besides the upload, each part alone over all files ({@value #PARALLEL_FILES} at a time):
     * reading and hashing (sha256 + sha1, as the manifest keeps both), sha256 alone, and one HEAD per file.
     */
    private static String profile(S3AsyncClient s3, List<SnapshotFile> files) throws Exception {
        long bytes = files.stream().mapToLong(SnapshotFile::size).sum();
        double both = timed(files, f -> FileDigest.of(f.path()));
        double sha256 = timed(files, f -> {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(f.path())) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    md.update(buffer, 0, n);
                }
            }
            md.digest();
        });
        double read = timed(files, f -> {
            try (var in = Files.newInputStream(f.path())) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        });
        double heads = timed(files, f -> {
            try {
                s3.headObject(r -> r.bucket(BackupRuns.BUCKET)
                                .key("absent/" + f.path().getFileName()))
                        .join();
            } catch (java.util.concurrent.CompletionException expected) {
                // 404: what a HEAD of a blob not yet stored answers
            }
        });
        return String.format(
                Locale.ROOT,
                """
                | part (%d files, %.1f MB, %d at a time) | s | MB/s |
                |---|---:|---:|
                | read only (page cache) | %.2f | %.0f |
                | read + sha256 | %.2f | %.0f |
                | read + sha256 + sha1 (FileDigest.of) | %.2f | %.0f |
                | one HEAD per file (404) | %.2f | |
                """,
                files.size(),
                bytes / (double) MB,
                PARALLEL_FILES,
                read,
                bytes / (double) MB / read,
                sha256,
                bytes / (double) MB / sha256,
                both,
                bytes / (double) MB / both,
                heads);
    }

    @FunctionalInterface
    private interface FileWork {
        void run(SnapshotFile file) throws Exception;
    }

    private static double timed(List<SnapshotFile> files, FileWork work) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_FILES);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (SnapshotFile file : files) {
                done.add(pool.submit(() -> {
                    work.run(file);
                    return null;
                }));
            }
            for (var future : done) {
                future.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * SSTable-shaped files of one table: {@value #SSTABLES} SSTables, each a large Data.db (incompressible), an
     * Index.db of a twentieth of it and the small components; the TOC.txt is the same in each (as in Cassandra).
     */
    static List<SnapshotFile> sstableFiles(Path dir, long dataBytes) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        long dataPerSstable = dataBytes / SSTABLES * 20 / 21;
        List<SnapshotFile> files = new ArrayList<>();
        String toc =
                "Data.db\nIndex.db\nStatistics.db\nFilter.db\nSummary.db\nCompressionInfo.db\nDigest.crc32\nTOC.txt\n";
        for (int i = 1; i <= SSTABLES; i++) {
            String prefix = "nb-" + i + "-big-";
            files.add(write(dir, prefix + "Data.db", random, dataPerSstable));
            files.add(write(dir, prefix + "Index.db", random, dataPerSstable / 20));
            files.add(write(dir, prefix + "Statistics.db", random, 10_000 + random.nextInt(2000)));
            files.add(write(dir, prefix + "Filter.db", random, 60_000 + random.nextInt(10_000)));
            files.add(write(dir, prefix + "Summary.db", random, 4_000 + random.nextInt(1000)));
            files.add(write(dir, prefix + "CompressionInfo.db", random, 1_000 + random.nextInt(1000)));
            Path digest = Files.writeString(
                    dir.resolve(prefix + "Digest.crc32"), Long.toString(random.nextInt() & 0xffffffffL));
            files.add(new SnapshotFile(KEYSPACE, TABLE, digest, Files.size(digest)));
            Path tocFile = Files.writeString(dir.resolve(prefix + "TOC.txt"), toc);
            files.add(new SnapshotFile(KEYSPACE, TABLE, tocFile, Files.size(tocFile)));
        }
        return files;
    }

    private static SnapshotFile write(Path dir, String name, Random random, long size) throws IOException {
        Path file = dir.resolve(name);
        byte[] chunk = new byte[1024 * 1024];
        try (var out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        return new SnapshotFile(KEYSPACE, TABLE, file, size);
    }

    /** The baseline: one {@code putObject} per file, {@value #PARALLEL_FILES} at a time; no hashing, no manifest. */
    private static Sample plainUpload(S3AsyncClient s3, List<SnapshotFile> files, String prefix, long dataBytes)
            throws InterruptedException {
        long before = StoredBytes.under(s3, BackupRuns.BUCKET, prefix);
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(PARALLEL_FILES);
        List<CompletableFuture<?>> uploads = new ArrayList<>();
        for (SnapshotFile file : files) {
            String key = prefix + file.keyspace() + "/" + file.table() + "/"
                    + file.path().getFileName();
            slots.acquire();
            uploads.add(s3.putObject(r -> r.bucket(BackupRuns.BUCKET).key(key), AsyncRequestBody.fromFile(file.path()))
                    .whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(seconds, dataBytes, StoredBytes.under(s3, BackupRuns.BUCKET, prefix) - before);
    }

    /** The baseline: one {@code getObject} to a file per object the plain upload stored, {@value #PARALLEL_FILES} at a time. */
    private static Sample plainDownload(S3AsyncClient s3, String prefix, Path dir, long dataBytes) throws Exception {
        long start = System.nanoTime();
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BackupRuns.BUCKET).prefix(prefix))
                .contents()
                .subscribe(o -> {
                    if (!o.key().endsWith("/")) {
                        keys.add(o.key());
                    }
                })
                .join();
        Semaphore slots = new Semaphore(PARALLEL_FILES);
        List<CompletableFuture<?>> downloads = new ArrayList<>();
        for (String key : keys) {
            Path target = dir.resolve(key.substring(prefix.length()));
            Files.createDirectories(target.getParent());
            slots.acquire();
            downloads.add(
                    s3.getObject(r -> r.bucket(BackupRuns.BUCKET).key(key), AsyncResponseTransformer.toFile(target))
                            .whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(seconds, dataBytes, dataBytes);
    }

    private static Sample backup(
            S3AsyncClient s3,
            BackupTarget.StaticKeys keys,
            String location,
            String backup,
            List<SnapshotFile> files,
            long dataBytes)
            throws Exception {
        String prefix = BackupLocation.parse(location).prefix() + "/";
        BackupTarget target = new BackupTarget(backup, location, keys.accessKey(), keys.secretKey());
        BenchJobContext context = new BenchJobContext(
                new JobRequest("backup-" + backup, JobKind.BACKUP, List.of(), List.of(), target), null);
        if (backup.equals("full")) {
            BenchTransfers.forgetDigests(); // a full backup reads and hashes every file, as a new executor's first does
        }
        long before = StoredBytes.under(s3, BackupRuns.BUCKET, prefix);
        long start = System.nanoTime();
        BenchTransfers.Phases phases = BenchTransfers.backUp(context, target, NODE, files);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "  backup %s phases: open + checks %.2f s, blobs %.2f s (%d uploaded), schema + manifest %.2f s%n",
                backup,
                phases.open(),
                phases.blobs(),
                phases.uploadedFiles(),
                phases.complete());
        return new Sample(seconds, dataBytes, StoredBytes.under(s3, BackupRuns.BUCKET, prefix) - before);
    }

    private static Sample restore(BackupTarget.StaticKeys keys, String location, Path dir, long dataBytes)
            throws Exception {
        BackupTarget target = new BackupTarget("full", location, keys.accessKey(), keys.secretKey());
        BenchJobContext context = new BenchJobContext(
                new JobRequest("restore-full", JobKind.RESTORE, List.of(), List.of(), target), null);
        long start = System.nanoTime();
        long moved = BenchTransfers.restore(context, target, NODE, dir);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sample(seconds, dataBytes, moved);
    }

    /** Every file came back with the sha256 of its original (outside the timing). */
    private static void verify(List<SnapshotFile> files, List<String> sha256, Path dir, String what)
            throws IOException {
        for (int i = 0; i < files.size(); i++) {
            Path got = dir.resolve(files.get(i).path().getFileName());
            String actual = FileDigest.of(got).sha256();
            if (!actual.equals(sha256.get(i))) {
                throw new IllegalStateException(
                        what + " of " + got + " has sha256 " + actual + ", not " + sha256.get(i));
            }
        }
    }

    private static Sample report(int run, String step, Sample sample) {
        System.out.printf(
                Locale.ROOT,
                "run %d %s: %.2f s, %.1f MB of data, %.1f MB moved, %.1f MB/s%n",
                run,
                step,
                sample.seconds(),
                sample.dataBytes() / (double) MB,
                sample.uploadedBytes() / (double) MB,
                sample.mbPerSecond());
        return sample;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String header(int runs, long dataMb, int files, String loadBefore, String loadAfter) {
        return "# Backup and restore: the executor's transfers vs. plain S3 uploads and downloads\n\n"
                + "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; " + runs
                + " runs, baseline and job alternating (baseline first in odd runs). " + dataMb
                + " MB of SSTable-shaped"
                + " files of one table (" + files + " files: " + SSTABLES
                + " SSTables, random Data.db and Index.db, the small"
                + " components), on local disk; a real S3Proxy (filesystem store, its own JVM, 256 MB heap) on 127.0.0.1,"
                + " same machine and disk. Load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAfter
                + ".\n\n";
    }
}
