package dev.syswrite.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Loads syswrite's native library, once per class loader.
 *
 * <p>Where from, in order: {@code -Dsyswrite.native=false} turns the native path off on purpose;
 * {@code -Dsyswrite.library.path=/abs/libsyswrite.so} loads exactly that file or fails, with no
 * fallback; otherwise the jar's {@code META-INF/native/linux-<arch>/libsyswrite.so} is extracted
 * by {@link LibraryExtractor} into a private directory in {@code -Dsyswrite.tmpdir} (else
 * {@code java.io.tmpdir}; refused if other users could swap the library there), verified
 * against the SHA-256 the build recorded, unlinked, and given to {@link System#load} as the open
 * descriptor it was verified through, so exactly those bytes are mapped; the private directory is
 * removed at once, and nothing is left on disk. Either way the library binds its entry points to
 * this copy's {@link NativeWrite}, whatever a shading tool renamed it to, and must answer the ABI
 * handshake of this release, so a stale copy from another is refused.
 *
 * <p>The work happens in this class's static initializer, which the JVM runs once and
 * thread-safely; each JVM and each class loader extracts its own file under a random name, so
 * any number of them can load at once. Every failure is caught there and kept as the
 * {@link #unavailabilityCause()}, naming the os, the architecture, what was tried and, in its own
 * message, the underlying failure (and a {@code noexec} mount, if that is why): nothing escapes
 * the initializer, so a machine without the library gets a clear
 * {@link UnsupportedOperationException} from each write, never a {@code NoClassDefFoundError}.
 */
public final class NativeLibrary {
    private static final String LIBRARY = "libsyswrite.so";

    /**
     * What {@link #load()} found: where the library came from, the file it was written to (or
     * named by {@code -Dsyswrite.library.path}) and what {@link System#load} was given, or why it
     * failed; and {@code held}, the descriptor of an extracted library, open for as long as this
     * class (and so the library) is loaded, so that no other copy is handed its number.
     */
    private record Outcome(String origin, Path file, String loaded, Closeable held, Throwable cause) {}

    /**
     * The class the library's JNI symbols name. Joined at run time, so that a shading tool that
     * relocates string constants along with the classes leaves it as the library has it; declared
     * before {@link #OUTCOME}, whose initializer reads it.
     */
    private static final String BOUND_CLASS = String.join(".", "dev", "syswrite", "internal", "NativeWrite");

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
     *     os, the architecture, what was tried and why it failed, with the underlying failure as
     *     its cause
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
     * @return the resource and what it was loaded from (for the bundled library, the descriptor
     *     and the deleted file it was extracted to), or {@code "unavailable"}
     */
    public static String source() {
        return OUTCOME.cause == null ? OUTCOME.origin + " (loaded from " + OUTCOME.loaded + ")" : "unavailable";
    }

    /**
     * Returns the file the library came from: the extracted copy, already deleted (it was loaded
     * through its open descriptor), or the file {@code -Dsyswrite.library.path} named.
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
    public static String platform(String osName, String osArch) {
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

    /**
     * Never throws: a class initializer that did would leave this class, and so all of syswrite,
     * failing with NoClassDefFoundError for good. An Error of the JDK's own (descriptors or memory
     * exhausted while failing) becomes the cause as it is.
     */
    private static Outcome load() {
        // Resolved first: out of descriptors, loading a class from a directory fails as well, and
        // the catch below must not be the first to need the record's class.
        Class<Outcome> failure = Outcome.class;
        try {
            return loadOrExplain();
        } catch (Throwable t) {
            return failure.cast(new Outcome(null, null, null, null, t));
        }
    }

    private static Outcome loadOrExplain() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        String where = "os.name=" + os + ", os.arch=" + arch;
        if ("false".equalsIgnoreCase(System.getProperty("syswrite.native"))) {
            return unavailable("turned off with -Dsyswrite.native=false (" + where + ")", null);
        }
        String explicit = System.getProperty("syswrite.library.path");
        if (explicit != null) {
            return loadExplicit(explicit, where);
        }
        String platform = platform(os, arch);
        if (platform == null) {
            return unavailable(where + " is not supported: syswrite bundles linux-x86_64 and linux-aarch64", null);
        }
        String resource = "/META-INF/native/" + platform + "/" + LIBRARY;
        URL url = NativeLibrary.class.getResource(resource);
        URL digest = NativeLibrary.class.getResource(resource + ".sha256");
        if (url == null || digest == null) {
            return unavailable("the jar has no " + resource + (url == null ? "" : ".sha256") + " for " + where, null);
        }
        Path dir = null;
        LibraryExtractor.Extracted library = null;
        boolean loaded = false;
        List<LibraryExtractor.Extracted> refused = new ArrayList<>();
        try {
            dir = LibraryExtractor.directory();
            while (true) {
                library = LibraryExtractor.extract(url, LibraryExtractor.recordedSha256(digest), dir, release(), platform);
                try {
                    loadAndBind(library.descriptor());
                    loaded = true;
                    break;
                } catch (UnsatisfiedLinkError e) {
                    if (!nameStillRegistered(e) || refused.size() == 2) {
                        throw e;
                    }
                    refused.add(library); // kept open until the end, so the next copy gets another number
                } finally {
                    library.removeDirectory(); // only now: until loaded, no one else may create a name in it
                }
            }
            checkAbi();
            String from = library.descriptor() + ", the verified copy extracted to " + library.file() + ", since deleted";
            return new Outcome(url.toString(), library.file(), from, library, null);
        } catch (Throwable t) {
            String tried = "could not load " + url + (library == null ? "" : " extracted to " + library.file()) + " on " + where + reason(t);
            if (dir != null && LibraryExtractor.onNoexecMount(dir)) {
                tried += "; " + dir + " is on a noexec mount, where no library can be mapped: choose another with -Dsyswrite.tmpdir";
            }
            if (library != null && !loaded) {
                library.close(); // once loaded, its number stays taken, as with a success
            }
            return new Outcome(null, null, null, loaded ? library : null, unavailableError(tried + hints(t), t));
        } finally {
            refused.forEach(LibraryExtractor.Extracted::close);
        }
    }

    /**
     * The JDK keeps each library under the path it was loaded by, {@code /proc/<pid>/fd/N}, until
     * its class loader is collected; a copy of a loader collected meanwhile may have closed its
     * descriptor first, so that a new copy gets the same N and is refused as loaded elsewhere.
     */
    private static boolean nameStillRegistered(UnsatisfiedLinkError e) {
        return String.valueOf(e.getMessage()).contains("already loaded in another classloader");
    }

    /** {@code -Dsyswrite.library.path}: exactly that file, or nothing; the bundled one is not tried. */
    private static Outcome loadExplicit(String path, String where) {
        try {
            Path file = Path.of(path);
            if (!file.isAbsolute()) {
                throw new IllegalArgumentException("not an absolute path");
            }
            loadAndBind(file.toString());
            checkAbi();
            return new Outcome(file.toUri().toString(), file, file.toString(), null, null);
        } catch (Throwable t) {
            return unavailable("-Dsyswrite.library.path=" + path + " could not be loaded on " + where + " (no fallback to the bundled library)"
                    + reason(t) + hints(t), t);
        }
    }

    /**
     * Why it failed, {@code t} itself, in the message: the SLF4J provider shows only that, and a
     * tmpdir refused as not sticky says there what to do. Never itself a failure, as {@link #hints}.
     */
    private static String reason(Throwable t) {
        try {
            return ": " + t;
        } catch (Throwable e) {
            return "";
        }
    }

    /** What the cause adds about {@code t}: never itself a failure, since it runs in the class initializer. */
    private static String hints(Throwable t) {
        try {
            return nativeAccessHint(t) + (relocated() ? "; " + relocation() : "");
        } catch (Throwable e) {
            return ""; // a hint is never worth a second failure
        }
    }

    /**
     * JDK 24+ under {@code --illegal-native-access=deny}: {@link System#load} is a restricted method
     * and throws IllegalCallerException unless native access is enabled for this module. Names the
     * exact flag, which differs on the class path and on the module path.
     */
    private static String nativeAccessHint(Throwable t) {
        if (!(t instanceof IllegalCallerException)) {
            return "";
        }
        Module module = NativeLibrary.class.getModule();
        String grant = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "; native access is denied to " + (module.isNamed() ? "module " + grant : "the class path")
                + ": start the JVM with --enable-native-access=" + grant;
    }

    /**
     * {@link System#load}, telling the library's {@code JNI_OnLoad} which class to bind its entry
     * points to: this copy's {@code NativeWrite}, under whatever name a shading tool gave it. The
     * property is keyed by the loading thread, on which {@code JNI_OnLoad} runs (see syswrite.c).
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, and the same number
    private static void loadAndBind(String path) {
        String key = "syswrite.bind." + Thread.currentThread().getId();
        System.setProperty(key, NativeWrite.class.getName());
        try {
            System.load(path);
        } finally {
            System.clearProperty(key);
        }
    }

    /** Whether these classes were moved to another package, as maven-shade-plugin's relocation does. */
    private static boolean relocated() {
        return !NativeWrite.class.getName().equals(BOUND_CLASS);
    }

    /** What a relocated copy must be told: why it cannot load, and what to do. */
    private static String relocation() {
        return "syswrite's classes were relocated (NativeWrite is " + NativeWrite.class.getName()
                + ") and its native library could not bind its entry points to that class, as it binds a relocated copy's;"
                + " the exported names need none of that: keep "
                + BOUND_CLASS.substring(0, BOUND_CLASS.indexOf(".internal")) + " out of the relocation (for maven-shade-plugin, an"
                + " <exclude> of that package in the <relocation>)";
    }

    /** Refuses a library from another release: its ABI number is compiled in from NativeWrite. */
    private static void checkAbi() {
        int found;
        try {
            found = NativeWrite.abiVersion();
        } catch (UnsatisfiedLinkError e) {
            throw new UnsatisfiedLinkError(relocated() ? relocation() : "the library has no ABI handshake: it is from another release of syswrite");
        }
        if (found != NativeWrite.ABI_VERSION) {
            throw new UnsatisfiedLinkError("the library speaks ABI " + found + ", this release needs " + NativeWrite.ABI_VERSION
                    + ": it is from another release of syswrite");
        }
    }

    /** This jar's version, for the names of extracted files. */
    private static String release() throws IOException {
        Properties release = new Properties();
        try (InputStream in = NativeLibrary.class.getResourceAsStream("release.properties")) {
            if (in != null) {
                release.load(in);
            }
        }
        return release.getProperty("version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Outcome unavailable(String message, Throwable cause) {
        return new Outcome(null, null, null, null, unavailableError(message, cause));
    }

    private static UnsatisfiedLinkError unavailableError(String message, Throwable cause) {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("syswrite's native library is unavailable: " + message);
        if (cause != null) {
            error.initCause(cause);
        }
        return error;
    }
}
