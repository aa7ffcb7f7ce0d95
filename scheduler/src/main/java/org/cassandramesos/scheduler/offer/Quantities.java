package org.cassandramesos.scheduler.offer;

import java.math.BigDecimal;

/** Scalar arithmetic the way Mesos does it: fixed point with three decimals. */
final class Quantities {
    private static final double EPSILON = 0.0005;

    private Quantities() {}

    static boolean covers(double offered, double needed) {
        return offered + EPSILON >= needed;
    }

    /** {@code 2048} rather than {@code 2048.0}, {@code 1.1} rather than {@code 1.1000000000000001}. */
    static String format(double value) {
        return BigDecimal.valueOf(Math.round(value * 1000) / 1000.0)
                .stripTrailingZeros()
                .toPlainString();
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
