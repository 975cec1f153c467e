package dev.syswrite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;

/**
 * Copies a bundled library out of the jar so that {@link System#load} can map it, the way the
 * bug reports of netty, JNA, snappy-java, sqlite-jdbc and zstd-jni taught: a fresh file with a
 * random name, created exclusively (a planted file or symlink is never opened, let alone
 * followed), readable by its owner only, checked against the SHA-256 recorded at build time
 * after it is written and before it is loaded; and our own leftovers from crashed runs swept.
 */
final class LibraryExtractor {
    /** A file of ours this old was left by a JVM that died between writing and loading it. */
    static final Duration STALE = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    private LibraryExtractor() {}

    /**
     * The directory to extract into: {@code -Dsyswrite.tmpdir}, which must be a writable
     * directory (an explicit choice is never silently replaced), else {@code java.io.tmpdir}.
     */
    static Path directory() throws IOException {
        String explicit = System.getProperty("syswrite.tmpdir");
        // Absolute, so a relative setting means what it meant at start-up wherever it is used.
        Path dir = Path.of(explicit != null ? explicit : System.getProperty("java.io.tmpdir")).toAbsolutePath();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException((explicit != null ? "-Dsyswrite.tmpdir=" : "java.io.tmpdir=") + dir + " is not a writable directory");
        }
        return dir;
    }

    /**
     * Writes {@code resource} to a new file in {@code dir} and checks its digest.
     *
     * @return the file, ready for {@link System#load}
     * @throws IOException if it cannot be written, or does not match {@code sha256}
     */
    static Path extract(URL resource, String sha256, Path dir, String release, String platform) throws IOException {
        sweep(dir);
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path file = dir.resolve("libsyswrite-" + release + "-" + platform + "-" + HexFormat.of().formatHex(random) + ".so");
        try (SeekableByteChannel out = Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                InputStream in = open(resource)) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            deleteQuietly(file); // a full disk must not leave a part of the library behind
            throw new IOException("cannot write the library into " + dir + ": " + e, e);
        }
        String actual = sha256(file);
        if (!actual.equals(sha256)) {
            Files.deleteIfExists(file);
            throw new IOException("SHA-256 of the extracted " + file + " is " + actual + ", the build recorded " + sha256 + ": refusing to load it");
        }
        return file;
    }

    /** The digest the build recorded next to a resource ({@code <resource>.sha256}). */
    static String recordedSha256(URL digest) throws IOException {
        try (InputStream in = open(digest)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Whether {@code dir} lies on a mount with {@code noexec}, where no library can be mapped
     * executable whatever its mode: the first thing to check when {@link System#load} fails.
     */
    static boolean onNoexecMount(Path dir) {
        try {
            String real = dir.toRealPath().toString();
            String best = "";
            boolean noexec = false;
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length >= 4 && (real.equals(f[1]) || real.startsWith(f[1].endsWith("/") ? f[1] : f[1] + "/")) && f[1].length() >= best.length()) {
                    best = f[1];
                    noexec = (',' + f[3] + ',').contains(",noexec,");
                }
            }
            return noexec;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Deletes our files (or links) left by crashed runs, past any it cannot delete; never follows
     * a link, and never touches a file another user owns, even when run as root.
     */
    private static void sweep(Path dir) {
        Instant staleBefore = Instant.now().minus(STALE);
        Object me;
        try {
            me = Files.getAttribute(Path.of("/proc/self"), "unix:uid"); // owned by this process's user
        } catch (IOException | RuntimeException unknown) {
            return; // without knowing who we are, nothing is ours to delete
        }
        try (DirectoryStream<Path> ours = Files.newDirectoryStream(dir, "libsyswrite-*.so")) {
            for (Path leftover : ours) {
                try {
                    FileTime modified = Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS);
                    if (modified.toInstant().isBefore(staleBefore) && me.equals(Files.getAttribute(leftover, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                        Files.deleteIfExists(leftover);
                    }
                } catch (IOException | RuntimeException skipped) {
                    // This one stays; the others are still swept.
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // Sweeping is housekeeping: a directory we cannot list costs a leftover, not the load.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | RuntimeException ignored) {
            // the error being reported matters more
        }
    }

    private static InputStream open(URL resource) throws IOException {
        URLConnection connection = resource.openConnection();
        connection.setUseCaches(false); // a cached JarFile may be closed under us (JDK-8205976)
        return connection.getInputStream();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no SHA-256 in this JDK", e);
        }
    }
}
