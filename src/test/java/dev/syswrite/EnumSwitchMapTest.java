package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of the library switches on an enum. javac compiles such a switch into a class of its
 * own ({@code Outer$1}, holding a {@code $SwitchMap$}), initialized by the first call that reaches
 * the switch; a caller out of stack there (a deep recursion that logs) fails that initializer,
 * and the JVM then refuses the class for good: every later call throws
 * {@code NoClassDefFoundError}. That broke the async mode's full-ring path, the text layout and
 * the fluent API's levels for the rest of a run. Comparisons do the same with no class.
 */
@PureJava
class EnumSwitchMapTest {
    private static final Path CLASSES = Path.of("target", "classes", "dev", "syswrite");

    @Test
    void noClassHoldsAnEnumSwitchMap() throws IOException {
        List<Path> classes;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 50, "the compiled library is at " + CLASSES + ": " + classes.size() + " classes");
        List<String> switching = classes.stream().filter(EnumSwitchMapTest::holdsSwitchMap).map(Path::toString).sorted().toList();
        assertEquals(List.of(), switching);
    }

    private static boolean holdsSwitchMap(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("$SwitchMap$");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
