package dev.syswrite.logging.output;

/**
 * One holder's use of the output: which {@link OpenFile} it is writing to or syncing now, and
 * whether it is inside a sync window. A holder is owned by one thread at a time (an event's slot,
 * the holder of a lock), and {@link OutputFile} knows every holder there is, so a file switch can
 * wait for the holders still using the file it switches out.
 *
 * <p>Both fields are cleared by a plain store, written in the {@code finally} of the frame that
 * set them: a store cannot run out of stack, where a call (a counter's decrement, a lock's
 * {@code unlock()}) can, and a thread that overflowed its stack inside a logging call would then
 * hold the file for good and stop every later switch.
 */
public final class Pin {
    /** The file this holder uses now, or null. Set by {@link OutputFile#pin}; cleared by its user. */
    public volatile OpenFile file;
    /** Whether this holder is between the write and the sync of an event at {@code fsync.level}. */
    public volatile boolean inSyncWindow;
}
