package org.cassandramesos.bench.localmode;

/** One process's resident set size at one moment. */
record ProcessSample(long pid, ProcessKind kind, long rssKb) {}
