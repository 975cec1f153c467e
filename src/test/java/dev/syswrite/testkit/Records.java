package dev.syswrite.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Numbered records whose length varies with their number, so a torn or interleaved record can
 * never pass for a whole one: "id index payload\n", the payload a run of one letter.
 */
public final class Records {
    private Records() {}

    public static byte[] of(String id, int index) {
        int size = index % 100 == 0 ? 9_000 : index % 7 * 40; // now and then one past the 8 KiB stack copy
        return (id + " " + index + " " + "r".repeat(size) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks that every line of {@code file} is a whole record, once; returns the records seen. */
    public static Set<String> readWhole(Path file) throws IOException {
        Set<String> seen = new HashSet<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String[] parts = line.split(" ", 3);
                assertEquals(3, parts.length, "torn record: " + line);
                assertEquals(new String(of(parts[0], Integer.parseInt(parts[1])), StandardCharsets.US_ASCII), line + "\n", "torn record");
                assertTrue(seen.add(parts[0] + " " + parts[1]), "duplicate record " + parts[0] + " " + parts[1]);
            }
        }
        return seen;
    }
}
