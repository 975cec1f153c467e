package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.internal.NativeLibrary;
import java.io.FileOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String platform = System.getProperty("os.arch").equals("aarch64") ? "linux-aarch64" : "linux-x86_64";
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
        try (URLClassLoader loader = isolatedLoader(); FileOutputStream out = new FileOutputStream(file.toFile())) {
            Class<?> sysWrite = loader.loadClass(SysWrite.class.getName());
            assertFalse(sysWrite == SysWrite.class);
            assertEquals(true, sysWrite.getMethod("isAvailable").invoke(null));
            Object result = sysWrite.getMethod("write", int.class, byte[].class).invoke(null, Fds.of(out.getFD()), new byte[] {7, 8});
            assertEquals("Ok[bytesWritten=2]", result.toString());
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
        String realName = System.getProperty("os.name");
        String realArch = System.getProperty("os.arch");
        System.setProperty("os.name", osName);
        System.setProperty("os.arch", osArch);
        try (URLClassLoader loader = isolatedLoader()) {
            Class<?> sysWrite = loader.loadClass(SysWrite.class.getName());
            assertEquals(false, sysWrite.getMethod("isAvailable").invoke(null));
            Throwable cause = (Throwable) sysWrite.getMethod("unavailabilityCause").invoke(null);
            assertInstanceOf(UnsatisfiedLinkError.class, cause);
            assertTrue(cause.getMessage().contains(named), cause.getMessage());
            assertTrue(cause.getMessage().contains("linux-x86_64 and linux-aarch64"), cause.getMessage());

            Method write = sysWrite.getMethod("write", int.class, byte[].class);
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> write.invoke(null, 1, new byte[1]));
            assertInstanceOf(UnsupportedOperationException.class, thrown.getCause());
            assertSame(cause, thrown.getCause().getCause());
            Method ensure = sysWrite.getMethod("ensureAvailable");
            thrown = assertThrows(InvocationTargetException.class, () -> ensure.invoke(null));
            assertSame(cause, thrown.getCause().getCause());
        } finally {
            System.setProperty("os.name", realName);
            System.setProperty("os.arch", realArch);
        }
    }

    /** A loader that defines syswrite's classes itself instead of asking the test's loader. */
    private static URLClassLoader isolatedLoader() {
        URL classes = SysWrite.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }
}
