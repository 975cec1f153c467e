package dev.syswrite.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.internal.EngineAccess;
import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine and the SLF4J binding reach the bridge's internals through one door,
 * {@link EngineAccess}, and name nothing else of {@code dev.syswrite.internal} (the bridge's
 * {@code EngineAccessTest} checks what the door's members do).
 */
@PureJava
class EngineDoorTest {
    @Test
    void theEngineAndTheBindingUseNoOtherInternalClass() throws IOException {
        Pattern use = Pattern.compile("dev\\.syswrite\\.internal\\.(\\w+|\\*)");
        List<String> others = new ArrayList<>();
        int doors = 0;
        for (String root : new String[] {"src/main/java/dev/syswrite/logging", "src/main/java/dev/syswrite/slf4j"}) {
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(Path.of(root))) {
                sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            assertTrue(!sources.isEmpty(), root + " has no sources: not run from the project's directory?");
            for (Path source : sources) {
                Matcher m = use.matcher(Files.readString(source));
                while (m.find()) {
                    if (m.group(1).equals(EngineAccess.class.getSimpleName())) {
                        doors++;
                    } else {
                        others.add(source + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), others);
        assertTrue(doors > 0, "no use of the door at all: was it renamed?");
    }
}
