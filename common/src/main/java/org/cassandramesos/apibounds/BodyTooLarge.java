package org.cassandramesos.apibounds;

/**
 * A request body went past its limit while it was being read (a chunked body, or one longer than its
 * Content-Length said). The APIs answer it with 413; nothing the request asked for was done.
 */
public final class BodyTooLarge extends RuntimeException {
    private final long limitBytes;

    public BodyTooLarge(String message, long limitBytes) {
        super(message);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
