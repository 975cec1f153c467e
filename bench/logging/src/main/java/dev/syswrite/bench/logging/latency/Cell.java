package dev.syswrite.bench.logging.latency;

/**
 * One point of the matrix: a backend (the simple name of its JMH class in
 * {@code dev.syswrite.bench.logging}), a total rate, and the producer threads sharing it.
 */
record Cell(String backend, long eventsPerSecond, int threads) {
    /** The package of the JMH classes whose fork arguments choose each backend. */
    static final String BACKEND_PACKAGE = "dev.syswrite.bench.logging.";

    /** A name fit for files: {@code SysWriteProvider-400000-1t}. */
    String id() {
        return backend + "-" + eventsPerSecond + "-" + threads + "t";
    }

    String backendClassName() {
        return BACKEND_PACKAGE + backend;
    }

    /** The async backends say so in their names; the others return once the event is in the kernel. */
    String durability() {
        return backend.endsWith("Async") ? "async" : "durable";
    }
}
