package org.cassandramesos.local.master;

/** The HTTP answer to a non-streaming call. */
record CallResult(int code, String message) {
    static final CallResult ACCEPTED = new CallResult(202, "");
    static final CallResult OK = new CallResult(200, "");

    static CallResult badRequest(String message) {
        return new CallResult(400, message);
    }
}
