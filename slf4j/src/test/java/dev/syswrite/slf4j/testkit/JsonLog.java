package dev.syswrite.slf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON Lines file read back strictly: each line one whole JSON object, parsed by Jackson with
 * duplicate keys and trailing text refused, no raw control byte anywhere, and nothing but complete
 * lines.
 */
public final class JsonLog {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLog() {}

    /** Every line of {@code file}, as objects. */
    public static List<JsonNode> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length == 0 || bytes[bytes.length - 1] == '\n', "the file ends inside a line");
        List<JsonNode> objects = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                objects.add(parse(Arrays.copyOfRange(bytes, start, i)));
                start = i + 1;
            } else {
                int b = bytes[i] & 0xff;
                assertTrue(b >= 0x20 && b != 0x7f, () -> "a raw control byte in " + new String(bytes));
            }
        }
        return objects;
    }

    /** One line, without its newline. */
    public static JsonNode parse(byte[] line) {
        try {
            JsonNode node = STRICT.readTree(line);
            assertTrue(node.isObject(), () -> new String(line, StandardCharsets.UTF_8));
            return node;
        } catch (IOException e) {
            throw new AssertionError("not one JSON object: " + new String(line, StandardCharsets.UTF_8), e);
        }
    }

    /** The one line of {@code file}. */
    public static JsonNode only(Path file) throws IOException {
        List<JsonNode> lines = read(file);
        assertEquals(1, lines.size(), lines::toString);
        return lines.get(0);
    }
}
