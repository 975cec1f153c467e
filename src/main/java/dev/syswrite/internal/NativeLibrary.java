package dev.syswrite.internal;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the bundled {@code libsyswrite.so} for this machine, once per class loader.
 *
 * <p>The jar carries {@code META-INF/native/linux-<arch>/libsyswrite.so} for every supported
 * architecture. The one for this JVM is copied to a fresh private file in {@code java.io.tmpdir},
 * given to {@link System#load}, and deleted at once: Linux keeps a loaded library mapped after its
 * file is gone, so nothing is left behind.
 *
 * <p>The work happens in this class's static initializer, which the JVM runs once and
 * thread-safely. Every failure is caught there and kept as the {@link #unavailabilityCause()}:
 * nothing escapes the initializer, so a machine without the library gets a clear
 * {@link UnsupportedOperationException} from each write, never a {@code NoClassDefFoundError}.
 */
public final class NativeLibrary {
    private static final String LIBRARY = "libsyswrite.so";

    /** What {@link #load()} found: the resource and the file loaded, or why it failed. */
    private record Outcome(URL resource, Path file, Throwable cause) {}

    private static final Outcome OUTCOME = load();

    private NativeLibrary() {}

    /**
     * Tells whether the native library is loaded and the write methods work.
     *
     * @return {@code true} once the library for this os and architecture is loaded
     */
    public static boolean isAvailable() {
        return OUTCOME.cause == null;
    }

    /**
     * Returns why the native library is unavailable.
     *
     * @return {@code null} if it is available; otherwise an {@link UnsatisfiedLinkError} naming the
     *     os, the architecture and what was tried, with the underlying failure as its cause
     */
    public static Throwable unavailabilityCause() {
        return OUTCOME.cause;
    }

    /**
     * Throws unless the native library is available.
     *
     * @throws UnsupportedOperationException with {@link #unavailabilityCause()} as its cause
     */
    public static void ensureAvailable() {
        Throwable cause = OUTCOME.cause;
        if (cause != null) {
            throw new UnsupportedOperationException(cause.getMessage(), cause);
        }
    }

    /**
     * Describes where the loaded library came from, for diagnostics.
     *
     * @return the resource and the file it was loaded from, or {@code "unavailable"}
     */
    public static String source() {
        return OUTCOME.cause == null ? OUTCOME.resource + " (loaded from " + OUTCOME.file + ")" : "unavailable";
    }

    /**
     * Returns the temporary file the library was loaded from; it no longer exists.
     *
     * @return the path, or {@code null} if the library is unavailable
     */
    public static Path extractedFile() {
        return OUTCOME.cause == null ? OUTCOME.file : null;
    }

    /**
     * Names this JVM's platform as the jar's resource folders do.
     *
     * @param osName the {@code os.name} system property
     * @param osArch the {@code os.arch} system property
     * @return {@code linux-x86_64} or {@code linux-aarch64}, or {@code null} if unsupported
     */
    static String platform(String osName, String osArch) {
        if (osName == null || !osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        switch (osArch == null ? "" : osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return "linux-x86_64";
            case "aarch64":
            case "arm64":
                return "linux-aarch64";
            default:
                return null;
        }
    }

    private static Outcome load() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        String where = "os.name=" + os + ", os.arch=" + arch;
        String platform = platform(os, arch);
        if (platform == null) {
            return unavailable(where + " is not supported: syswrite bundles linux-x86_64 and linux-aarch64", null);
        }
        String resource = "/META-INF/native/" + platform + "/" + LIBRARY;
        URL url = NativeLibrary.class.getResource(resource);
        if (url == null) {
            return unavailable("the jar has no " + resource + " for " + where, null);
        }
        Path file = null;
        try {
            file = Files.createTempFile("libsyswrite-" + platform + "-", ".so"); // random name, mode 0600
            try (InputStream in = url.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(file.toString());
            return new Outcome(url, file, null);
        } catch (Throwable t) {
            return unavailable("could not load " + url + (file == null ? "" : " from " + file) + " on " + where, t);
        } finally {
            deleteQuietly(file);
        }
    }

    private static Outcome unavailable(String message, Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("syswrite's native library is unavailable: " + message);
        if (cause != null) {
            error.initCause(cause);
        }
        return new Outcome(null, null, error);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (Throwable ignored) {
            // Only a leftover temp file; the load outcome is what matters.
        }
    }
}
