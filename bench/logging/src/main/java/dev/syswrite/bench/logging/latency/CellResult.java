package dev.syswrite.bench.logging.latency;

import org.HdrHistogram.Histogram;

/**
 * What one child JVM measured in its measured phase, as it hands it to the launcher (in JSON).
 *
 * @param scheduledEvents events the schedule held for the measured phase: rate × duration
 * @param issuedEvents events actually logged in it; fewer when the backend could not keep up
 * @param warmUpEvents events logged in the discarded warm-up phase
 * @param elapsedNanos from the measured phase's start to its last call's return
 * @param fromIntendedStart response times from each event's intended start, as {@link HistogramCodec} text
 * @param fromActualStart response times from each call's actual start, likewise
 * @param jvm the child's JVM name and version
 */
record CellResult(
        Cell cell,
        long warmUpMillis,
        long measuredMillis,
        long scheduledEvents,
        long issuedEvents,
        long warmUpEvents,
        long elapsedNanos,
        String fromIntendedStart,
        String fromActualStart,
        String jvm) {

    /** Events per second the backend actually took in the measured phase. */
    double achievedRate() {
        return issuedEvents * 1e9 / elapsedNanos;
    }

    Histogram fromIntendedStartHistogram() {
        return HistogramCodec.decode(fromIntendedStart);
    }

    Histogram fromActualStartHistogram() {
        return HistogramCodec.decode(fromActualStart);
    }
}
