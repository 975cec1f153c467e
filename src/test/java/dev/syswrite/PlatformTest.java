package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Fds;
import dev.syswrite.testkit.Isolated;
import dev.syswrite.internal.NativeLibrary;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JVM runs the suite, which library it loaded, and how loading fails elsewhere. */
class PlatformTest {
    @TempDir
    Path dir;

    /** The build runs this suite once per architecture; a run on the wrong JVM must fail. */
    @Test
    void runsOnTheArchitectureTheBuildAskedFor() {
        String expected = System.getProperty("syswrite.test.expectedArch");
        assertNotNull(expected, "the build sets syswrite.test.expectedArch for each run");
        assertEquals(expected, System.getProperty("os.arch"));
    }

    @Test
    void bundledLibraryForThisArchitectureIsLoaded() {
        assertTrue(SysWrite.isAvailable(), () -> String.valueOf(SysWrite.unavailabilityCause()));
        assertNull(SysWrite.unavailabilityCause());
        SysWrite.ensureAvailable();
        String platform = NativeLibrary.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertTrue(NativeLibrary.source().contains("/META-INF/native/" + platform + "/libsyswrite.so"), NativeLibrary.source());
    }

    @Test
    void extractedFileIsDeletedAfterLoading() throws Exception {
        Path extracted = NativeLibrary.extractedFile();
        assertFalse(Files.exists(extracted), "left behind: " + extracted);
        // Linux keeps the deleted file mapped: the library is there, its file is not.
        assertTrue(Files.readString(Path.of("/proc/self/maps")).contains(extracted + " (deleted)"), "no mapping of " + extracted);
    }

    @Test
    void eachClassLoaderLoadsItsOwnCopy() throws Exception {
        Path file = dir.resolve("out");
        try (Isolated copy = Isolated.load(Map.of()); FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertTrue(copy.isAvailable());
            assertEquals("Ok[bytesWritten=2]", copy.write(Fds.of(out.getFD()), new byte[] {7, 8}));
        }
        assertEquals(2, Files.size(file));
    }

    @Test
    void unsupportedArchitectureIsReportedNotThrownFromAnInitializer() throws Exception {
        assertUnavailableOn("Linux", "sparcv9", "os.arch=sparcv9");
    }

    @Test
    void unsupportedOsIsReportedNotThrownFromAnInitializer() throws Exception {
        assertUnavailableOn("Mac OS X", "aarch64", "os.name=Mac OS X");
    }

    /** Loads a fresh copy of the classes while the JVM claims another platform. */
    private static void assertUnavailableOn(String osName, String osArch, String named) throws Exception {
        try (Isolated copy = Isolated.load(Map.of("os.name", osName, "os.arch", osArch))) {
            assertFalse(copy.isAvailable());
            Throwable cause = copy.cause();
            assertInstanceOf(UnsatisfiedLinkError.class, cause);
            assertTrue(cause.getMessage().contains(named), cause.getMessage());
            assertTrue(cause.getMessage().contains("linux-x86_64 and linux-aarch64"), cause.getMessage());
            UnsupportedOperationException thrown = assertThrows(UnsupportedOperationException.class, () -> copy.write(1, new byte[1]));
            assertSame(cause, thrown.getCause());
            thrown = assertThrows(UnsupportedOperationException.class, () -> copy.call("ensureAvailable", new Class<?>[0]));
            assertSame(cause, thrown.getCause());
        }
    }
}
