package dev.syswrite.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The logging engine's packages stand in layers, drawn from their imports: each imports only the
 * layers below it, so no edge points back up; none imports SLF4J or the binding above them all,
 * so another front end could reuse the engine unchanged; and the bridge is reached through its
 * public API and the one internal door ({@code EngineDoorTest}). A new
 * package must take its place here.
 */
@PureJava
class EngineLayersTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)\\.[A-Z*][\\w.*]*;", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    /** What each engine package may import from dev.syswrite; the bridge's API and door are open to all. */
    private static final Map<String, Set<String>> MAY_IMPORT = Map.of(
            "dev.syswrite.logging.event", Set.of(),
            "dev.syswrite.logging.concurrent", Set.of(),
            "dev.syswrite.logging.text", Set.of(),
            "dev.syswrite.logging.output", Set.of("dev.syswrite.logging.event", "dev.syswrite.logging.concurrent",
                    "dev.syswrite.logging.text"),
            "dev.syswrite.logging.layout", Set.of("dev.syswrite.logging.event", "dev.syswrite.logging.text",
                    "dev.syswrite.logging.output"),
            "dev.syswrite.logging.async", Set.of("dev.syswrite.logging.event", "dev.syswrite.logging.concurrent",
                    "dev.syswrite.logging.output"),
            "dev.syswrite.logging.capture", Set.of("dev.syswrite.logging.event", "dev.syswrite.logging.text",
                    "dev.syswrite.logging.output", "dev.syswrite.logging.layout", "dev.syswrite.logging.async"),
            "dev.syswrite.logging", Set.of("dev.syswrite.logging.event", "dev.syswrite.logging.concurrent",
                    "dev.syswrite.logging.text", "dev.syswrite.logging.output", "dev.syswrite.logging.layout",
                    "dev.syswrite.logging.async", "dev.syswrite.logging.capture"));
    private static final Set<String> BRIDGE = Set.of("dev.syswrite", "dev.syswrite.internal");

    @Test
    void everyEngineImportPointsDown() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> files = engineSources();
        assertTrue(files.size() > 30, files.size() + " engine sources: not the tree this test knows");
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher declared = PACKAGE.matcher(text);
            assertTrue(declared.find(), file.toString());
            String from = declared.group(1);
            Set<String> allowed = MAY_IMPORT.get(from);
            if (allowed == null) {
                wrong.add(file + ": package " + from + " has no layer");
                continue;
            }
            for (Matcher m = IMPORT.matcher(text); m.find(); ) {
                String to = m.group(1);
                if (to.equals(from) || !to.startsWith("dev.syswrite") && !to.startsWith("org.slf4j")) {
                    continue;
                }
                if (!allowed.contains(to) && !BRIDGE.contains(to)) {
                    wrong.add(file + ": " + from + " imports " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theRuleCatchesAnEdgeBackUp() {
        assertFalse(MAY_IMPORT.get("dev.syswrite.logging.output").contains("dev.syswrite.logging.layout"));
        assertFalse(MAY_IMPORT.get("dev.syswrite.logging.text").contains("dev.syswrite.logging"));
        for (Set<String> allowed : MAY_IMPORT.values()) {
            assertFalse(allowed.stream().anyMatch(p -> p.startsWith("org.slf4j") || p.equals("dev.syswrite.slf4j")));
        }
        Matcher m = IMPORT.matcher("import dev.syswrite.logging.layout.Layout;\nimport static org.slf4j.event.Level.INFO;\n");
        assertTrue(m.find());
        assertEquals("dev.syswrite.logging.layout", m.group(1));
        assertTrue(m.find());
        assertEquals("org.slf4j.event", m.group(1));
    }

    private static List<Path> engineSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve("dev/syswrite/logging"))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
