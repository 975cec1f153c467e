package dev.syswrite.bench.logging.latency;

import com.google.gson.Gson;
import dev.syswrite.bench.logging.LoggingBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One cell of the fixed-rate test, in a JVM of its own that {@link FixedRateLatency} started with
 * the backend's fork arguments: starts the backend as its JMH class does, runs a warm-up phase
 * (discarded) and a measured phase at the cell's rate, writes a {@link CellResult} as JSON, and
 * stops the backend.
 *
 * <p>usage: {@code FixedRateChild BACKEND EVENTS_PER_SECOND THREADS WARM_UP_MILLIS MEASURED_MILLIS RESULT_JSON}
 */
public final class FixedRateChild {
    /** Time for the producer threads to start before their schedule does. */
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private FixedRateChild() {}

    /** Runs one cell; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: FixedRateChild BACKEND EVENTS_PER_SECOND THREADS WARM_UP_MILLIS MEASURED_MILLIS RESULT_JSON");
            System.exit(2);
        }
        Cell cell = new Cell(args[0], Long.parseLong(args[1]), Integer.parseInt(args[2]));
        long warmUpMillis = Long.parseLong(args[3]);
        long measuredMillis = Long.parseLong(args[4]);

        LoggingBackend backend = (LoggingBackend) Class.forName(cell.backendClassName()).getDeclaredConstructor().newInstance();
        backend.start();
        FixedRateProducer[] producers = new FixedRateProducer[cell.threads()];
        for (int i = 0; i < producers.length; i++) {
            producers[i] = new FixedRateProducer(backend, i, cell.threads(), cell.eventsPerSecond());
        }
        runPhase(producers, warmUpMillis);
        long warmUpEvents = issued(producers);
        long start = runPhase(producers, measuredMillis);

        Histogram fromIntendedStart = FixedRateProducer.newHistogram();
        Histogram fromActualStart = FixedRateProducer.newHistogram();
        long lastReturn = start;
        for (FixedRateProducer producer : producers) {
            fromIntendedStart.add(producer.fromIntendedStart());
            fromActualStart.add(producer.fromActualStart());
            lastReturn = Math.max(lastReturn, producer.lastReturn());
        }
        CellResult result = new CellResult(cell, warmUpMillis, measuredMillis,
                cell.eventsPerSecond() * measuredMillis / 1000, issued(producers), warmUpEvents, lastReturn - start,
                HistogramCodec.encode(fromIntendedStart), HistogramCodec.encode(fromActualStart),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        Files.writeString(Path.of(args[5]), new Gson().toJson(result));
        backend.finish();
    }

    /** Runs every producer on its own thread through one phase; returns the phase's start. */
    private static long runPhase(FixedRateProducer[] producers, long millis) throws InterruptedException {
        long start = System.nanoTime() + START_LEAD_NANOS;
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
        Thread[] threads = new Thread[producers.length];
        for (int i = 0; i < producers.length; i++) {
            FixedRateProducer producer = producers[i];
            threads[i] = new Thread(() -> producer.run(start, deadline), "producer-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return start;
    }

    private static long issued(FixedRateProducer[] producers) {
        long sum = 0;
        for (FixedRateProducer producer : producers) {
            sum += producer.issued();
        }
        return sum;
    }
}
