package org.cassandramesos.executor.backup;

import java.io.IOException;

/** A downloaded file is not what the manifest says it is: the restore refuses it. */
public final class ChecksumMismatchException extends IOException {
    public ChecksumMismatchException(String path, String expectedSha256, String actualSha256) {
        super("checksum mismatch for " + path + ": expected sha256 " + expectedSha256 + ", got " + actualSha256);
    }
}
