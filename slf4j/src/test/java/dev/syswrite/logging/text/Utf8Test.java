package dev.syswrite.logging.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.PureJava;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder against a character-by-character reference, on random text of every kind of
 * character (printable ASCII runs, controls, two- and three-byte characters, pairs, lone
 * surrogates) with random byte limits, escaping on and off: the same bytes, stopped before the
 * same character. Seeded, so a failure repeats.
 */
@PureJava
class Utf8Test {
    @Test
    void agreesWithAReferenceAtEveryLimit() {
        Random random = new Random(20261127L);
        Utf8 encoder = new Utf8();
        ByteBuffer out = ByteBuffer.allocateDirect(16_384);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder text = randomText(random, random.nextInt(10) == 0 ? 3_000 : 60);
            boolean escape = random.nextBoolean();
            int at = 1 + random.nextInt(8);
            int limit = at + random.nextInt(4 * text.length() + 8);
            long done = encoder.encode(text, 0, text.length(), escape, out, at, limit);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int taken = reference(text, escape, limit - at, expected);
            String what = "trial " + trial + ", escape " + escape + ", limit " + (limit - at) + ": " + text;
            assertEquals(taken, (int) (done >>> 32), what);
            byte[] actual = new byte[(int) done - at];
            out.get(at, actual);
            assertArrayEquals(expected.toByteArray(), actual, what);
        }
    }

    /** Encodes one character (or pair) at a time while it fits in {@code room}; returns the characters taken. */
    private static int reference(CharSequence text, boolean escape, int room, ByteArrayOutputStream out) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            String escaped = escape ? ControlEscapes.of(c) : null;
            byte[] bytes = escaped != null ? escaped.getBytes(StandardCharsets.US_ASCII)
                    : Character.isSurrogate(c) && !pair ? new byte[] {'?'}
                    : text.subSequence(i, i + (pair ? 2 : 1)).toString().getBytes(StandardCharsets.UTF_8);
            if (out.size() + bytes.length > room) {
                break;
            }
            out.writeBytes(bytes);
            i += pair ? 2 : 1;
        }
        return i;
    }

    private static StringBuilder randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> text.append("printable ascii run ".repeat(3), 0, 1 + random.nextInt(60));
                case 3 -> text.append((char) random.nextInt(0x20)); // a control
                case 4 -> text.append((char) (0x80 + random.nextInt(0x780))); // two bytes
                case 5 -> text.append((char) (0x800 + random.nextInt(0xd000))); // three bytes
                case 6 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a pair
                default -> text.append((char) (0xd800 + random.nextInt(0x800))); // a lone surrogate
            }
        }
        return text;
    }
}
