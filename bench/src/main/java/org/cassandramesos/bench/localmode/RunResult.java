package org.cassandramesos.bench.localmode;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One timed run.
 *
 * @param seconds   start to cluster ready
 * @param rss       the processes' RSS while the cluster was up
 * @param leftovers processes that outlived the mode's own shutdown (the harness then killed them); should be empty
 * @param apiUpSeconds local mode only: start until the scheduler's API first answered the plan
 */
record RunResult(double seconds, List<ProcessSample> rss, List<String> leftovers, OptionalDouble apiUpSeconds) {
    RunResult {
        rss = List.copyOf(rss);
        leftovers = List.copyOf(leftovers);
    }
}
