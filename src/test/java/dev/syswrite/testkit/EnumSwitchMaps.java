package dev.syswrite.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds compiled classes that switch on an enum, which neither artifact may hold. javac compiles
 * such a switch into a class of its own ({@code Outer$1}, holding a {@code $SwitchMap$}),
 * initialized by the first call that reaches the switch; a caller out of stack there (a deep
 * recursion that logs) fails that initializer, and the JVM then refuses the class for good: every
 * later call throws {@code NoClassDefFoundError}. That broke the async mode's full-ring path, the
 * text layout and the fluent API's levels for the rest of a run. Comparisons do the same with no
 * class.
 */
public final class EnumSwitchMaps {
    private EnumSwitchMaps() {}

    /**
     * The class files under {@code classes} that hold an enum switch map.
     *
     * @throws IllegalStateException if there are fewer than {@code atLeast} class files: the path is wrong
     */
    public static List<String> under(Path classes, int atLeast) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        if (files.size() < atLeast) {
            throw new IllegalStateException("expected the compiled classes at " + classes + ", found " + files.size());
        }
        return files.stream().filter(EnumSwitchMaps::holdsSwitchMap).map(Path::toString).sorted().toList();
    }

    private static boolean holdsSwitchMap(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("$SwitchMap$");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
