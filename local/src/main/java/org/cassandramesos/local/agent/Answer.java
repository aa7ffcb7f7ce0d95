package org.cassandramesos.local.agent;

/** The HTTP answer to an executor call. */
record Answer(int code, String message) {
    static final Answer ACCEPTED = new Answer(202, "");
    static final Answer STREAMING = new Answer(200, "");

    static Answer badRequest(String message) {
        return new Answer(400, message);
    }
}
