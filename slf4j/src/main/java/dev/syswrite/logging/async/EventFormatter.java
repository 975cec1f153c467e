package dev.syswrite.logging.async;

import java.nio.ByteBuffer;

/**
 * Turns a captured event's record into its line, for the drain ({@link RingDrain}): on whichever
 * thread drains, under the drain lock, one event at a time, so an implementation may keep its
 * working memory in fields. The same record always gives the same bytes, so a line a drain that
 * died had written part of is continued where it stopped.
 */
public interface EventFormatter {
    /**
     * Decodes the event in {@code memory[offset, offset + length)} and lays its line out.
     *
     * @param memory the ring's memory
     * @param offset where the record's bytes start
     * @param length how many there are
     * @return the bytes the encoded line needs, or -1 if the record could not be formatted (the
     *     formatter counted it as lost)
     */
    int prepare(ByteBuffer memory, int offset, int length);

    /**
     * Encodes the line {@link #prepare} laid out.
     *
     * @param out where it goes, with the room {@link #prepare} said from {@code at}
     * @param at its first byte
     * @return the index after its last byte, its newline
     */
    int encode(ByteBuffer out, int at);
}
