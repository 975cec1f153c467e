package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.syswrite.testkit.PureJava;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bridge registers no service of any kind: on a class path or a module path it never takes
 * over anything, an application's logging least of all. The SLF4J backend is the other artifact,
 * syswrite-slf4j, which registers its provider.
 */
@PureJava
class NoServiceTest {
    @Test
    void theBridgeRegistersNoService() throws Exception {
        Path classes = Path.of(SysWrite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertFalse(Files.exists(classes.resolve("META-INF/services")), classes + " registers a service");
        try (InputStream descriptor = Files.newInputStream(classes.resolve("module-info.class"))) {
            assertEquals(Set.of(), ModuleDescriptor.read(descriptor).provides(), "the module dev.syswrite provides a service");
        }
    }
}
