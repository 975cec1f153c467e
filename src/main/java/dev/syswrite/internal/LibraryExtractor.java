package dev.syswrite.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies a bundled library out of the jar so that {@link System#load} maps exactly the bytes that
 * were verified, whoever else can write to the directory.
 *
 * <p>The directory must be one that no other user can rearrange: not writable by group or others
 * unless sticky, and owned by root or by us; any other is refused with a cause that says why. In
 * it, a fresh private directory ({@code 0700}, created exclusively) holds a fresh file under a
 * secret random name ({@code 0600}, created exclusively: a planted file or symlink is never
 * opened). The library is written, and its SHA-256 checked against the digest recorded at build
 * time, through one open descriptor, which then stays open; the file is unlinked, and
 * {@link System#load} is given {@code /proc/self/fd/N}, so the kernel maps the inode that was
 * verified, whatever happens to names. Two details of the JDK and glibc, checked on JDK 17 and 25,
 * shape this: the JDK canonicalizes the path with {@code realpath}, which for a file still linked
 * gives back its name (so the file is unlinked first: {@code realpath} then fails and the JDK keeps
 * {@code /proc/<pid>/fd/N}), and which would follow the link's text, {@code "<name> (deleted)"},
 * to any file of that name (so the private directory, where no one else can create one, is removed
 * only after loading). The JDK also registers the library under that path: the descriptor is kept
 * open for as long as the library is loaded, so that no other copy in this JVM is handed the same
 * number. Our own leftovers from crashed runs are swept.
 */
final class LibraryExtractor {
    /** A file of ours this old was left by a JVM that died between writing and loading it. */
    static final Duration STALE = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int STICKY = 01000;

    private LibraryExtractor() {}

    /**
     * A verified copy of the library, already unlinked and open: load it through
     * {@link #descriptor()}, then {@link #removeDirectory()}; {@link #close()} only when it is not
     * (or no longer) loaded.
     */
    static final class Extracted implements Closeable {
        private final Path directory;
        private final Path file;
        private final FileChannel channel; // null if it could not be created
        private final String descriptor;

        private Extracted(Path directory, Path file, FileChannel channel, String descriptor) {
            this.directory = directory;
            this.file = file;
            this.channel = channel;
            this.descriptor = descriptor;
        }

        /** Where the library was written, for diagnostics: its name is already gone. */
        Path file() {
            return file;
        }

        /** {@code /proc/self/fd/N}: the open descriptor of the verified inode, for {@link System#load}. */
        String descriptor() {
            return descriptor;
        }

        /** Removes the private directory: only once loaded, as until then it must stay ours. */
        void removeDirectory() {
            deleteQuietly(directory);
        }

        @Override
        public void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // nothing is written through it after the digest was checked
            }
            deleteQuietly(file);
            removeDirectory();
        }
    }

    /**
     * The directory to extract into: {@code -Dsyswrite.tmpdir}, which must name a writable
     * directory (an explicit choice, even an empty one, is never silently replaced), else
     * {@code java.io.tmpdir}; and one where no other user can swap the library, else refused with
     * the reason.
     */
    static Path directory() throws IOException {
        String explicit = System.getProperty("syswrite.tmpdir");
        if (explicit != null && explicit.isEmpty()) {
            // Path.of("") is the working directory: a place nobody chose.
            throw new IOException("-Dsyswrite.tmpdir= is empty, not a writable directory");
        }
        // Absolute, so a relative setting means what it meant at start-up wherever it is used.
        Path dir = Path.of(explicit != null ? explicit : System.getProperty("java.io.tmpdir")).toAbsolutePath();
        String setting = (explicit != null ? "-Dsyswrite.tmpdir=" : "java.io.tmpdir=") + dir;
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException(setting + " is not a writable directory");
        }
        // Resolved once: a symbolic link on the way, re-pointed by its owner after the checks below,
        // must not move the extraction elsewhere.
        dir = dir.toRealPath();
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
            throw new IOException(setting + " is writable by other users and not sticky (mode " + Integer.toOctalString(mode & 07777)
                    + "), so another user could replace the library between its check and its loading: make it sticky (chmod +t),"
                    + " or choose another with -Dsyswrite.tmpdir");
        }
        Object owner = Files.getAttribute(dir, "unix:uid");
        if (!owner.equals(0) && !owner.equals(currentUser())) {
            throw new IOException(setting + " belongs to user " + owner + ", who could replace the library between its check and its"
                    + " loading: choose a directory of your own, or root's, with -Dsyswrite.tmpdir");
        }
        return dir;
    }

    /**
     * Writes {@code resource} into a new private directory in {@code dir}, checks its digest
     * through the same descriptor and unlinks it.
     *
     * @return the open, verified copy, ready for {@link System#load}
     * @throws IOException if it cannot be written, does not match {@code sha256}, or has no
     *     {@code /proc/self/fd} entry
     */
    static Extracted extract(URL resource, String sha256, Path dir, String release, String platform) throws IOException {
        sweep(dir);
        Path directory = dir.resolve("libsyswrite-" + release + "-" + platform + "-" + random());
        Path file = directory.resolve(random() + ".so"); // secret: no other user can list the directory
        FileChannel channel = null;
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (InputStream in = open(resource)) {
                ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            new Extracted(directory, file, channel, "").close(); // a full disk leaves nothing behind
            throw new IOException("cannot write the library into " + dir + ": " + e, e);
        }
        Extracted extracted = new Extracted(directory, file, channel, "");
        try {
            String actual = sha256(channel);
            if (!actual.equals(sha256)) {
                throw new IOException("SHA-256 of the extracted " + file + " is " + actual + ", the build recorded " + sha256 + ": refusing to load it");
            }
            extracted = new Extracted(directory, file, channel, descriptorOf(file));
            Files.delete(file); // now only the descriptor leads to it, and the JDK cannot canonicalize it back to a name
            return extracted;
        } catch (IOException | RuntimeException e) {
            extracted.close();
            throw e;
        }
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
        } catch (Throwable e) { // only a hint, asked while failing: descriptors may be exhausted
            return false;
        }
    }

    /**
     * {@code /proc/self/fd/N} for the one descriptor of this process open on {@code file}, found by
     * its unique random name, since the JDK does not tell a channel's number. Without {@code /proc}
     * there is no way to load through a descriptor, and loading by name is what this class avoids.
     */
    private static String descriptorOf(Path file) throws IOException {
        String name = "/" + file.getParent().getFileName() + "/" + file.getFileName();
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(DESCRIPTORS)) {
            for (Path descriptor : descriptors) {
                try {
                    if (Files.readSymbolicLink(descriptor).toString().endsWith(name)) {
                        found.add(descriptor);
                    }
                } catch (IOException closedMeanwhile) {
                    // another thread's descriptor, gone while we looked
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(DESCRIPTORS + " does not exist (is /proc mounted?): syswrite loads the verified library through it,"
                    + " never by a name that could be swapped; mount /proc, or load a file of yours with -Dsyswrite.library.path", e);
        }
        if (found.size() != 1) {
            throw new IOException(found.size() + " descriptors in " + DESCRIPTORS + " lead to " + file + ", expected one: " + found);
        }
        return found.get(0).toString();
    }

    /**
     * Deletes what crashed runs of ours left: a file (or link), or one of our private directories
     * with what it holds; past any it cannot delete; never follows a link, and never touches what
     * another user owns, even when run as root.
     */
    private static void sweep(Path dir) {
        Instant staleBefore = Instant.now().minus(STALE);
        Object me;
        try {
            me = currentUser();
        } catch (IOException | RuntimeException unknown) {
            return; // without knowing who we are, nothing is ours to delete
        }
        try (DirectoryStream<Path> ours = Files.newDirectoryStream(dir, "libsyswrite-*")) {
            for (Path leftover : ours) {
                try {
                    if (Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(staleBefore)
                            && me.equals(Files.getAttribute(leftover, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                        if (!leftover.toString().endsWith(".so") && Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS)) {
                            emptyPrivateDirectory(leftover);
                        }
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

    /** Unlinks what one of our private directories holds: only we could have put it there. */
    private static void emptyPrivateDirectory(Path directory) throws IOException {
        try (DirectoryStream<Path> inside = Files.newDirectoryStream(directory)) {
            for (Path file : inside) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** This process's user: the owner of {@code /proc/self}. */
    private static Object currentUser() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static String random() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
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

    /** The digest of what {@code channel} holds, read through it: the bytes that will be mapped. */
    private static String sha256(FileChannel channel) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = 0;
            for (int n; (n = channel.read(buffer, position)) >= 0; position += n, buffer.clear()) {
                digest.update(buffer.flip());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no SHA-256 in this JDK", e);
        }
    }
}
