package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.Fds;
import dev.syswrite.testkit.Isolated;
import dev.syswrite.internal.NativeLibrary;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's settings and its refusals, each seen through a fresh copy of the classes. A
 * refusal's reason is looked for in the cause's own message, which is all that the SLF4J
 * provider's line on stderr shows of it.
 */
class LoaderHardeningTest {
    @TempDir
    Path dir;

    private static String platform() {
        return NativeLibrary.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static Path classes() throws Exception {
        return Path.of(SysWrite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Path bundledLibrary() throws Exception {
        return classes().resolve("META-INF/native/" + platform() + "/libsyswrite.so");
    }

    @Test
    void nativeFalseTurnsTheNativePathOff() throws Exception {
        try (Isolated copy = Isolated.load(Map.of("syswrite.native", "false"))) {
            assertFalse(copy.isAvailable());
            assertTrue(copy.causeChain().contains("turned off with -Dsyswrite.native=false"), copy.causeChain());
        }
    }

    @Test
    void explicitLibraryPathLoadsExactlyThatFile() throws Exception {
        Path library = Files.copy(bundledLibrary(), dir.resolve("my-libsyswrite.so"));
        Path out = dir.resolve("out");
        try (Isolated copy = Isolated.load(Map.of("syswrite.library.path", library.toString()));
                FileOutputStream stream = new FileOutputStream(out.toFile())) {
            assertTrue(copy.isAvailable(), copy::causeChain);
            assertTrue(copy.source().contains(library.toString()), copy.source());
            assertEquals("Ok[bytesWritten=3]", copy.write(Fds.of(stream.getFD()), new byte[] {1, 2, 3}));
        }
        assertTrue(Files.exists(library), "the user's file is theirs: never deleted");
    }

    @Test
    void explicitLibraryPathThatFailsHasNoFallback() throws Exception {
        for (String path : new String[] {dir.resolve("missing.so").toString(), "relative/libsyswrite.so"}) {
            try (Isolated copy = Isolated.load(Map.of("syswrite.library.path", path))) {
                assertFalse(copy.isAvailable(), path);
                assertTrue(copy.causeChain().contains("-Dsyswrite.library.path=" + path) && copy.causeChain().contains("no fallback"), copy.causeChain());
            }
        }
        try (Isolated copy = Isolated.load(Map.of("syswrite.library.path", "relative/libsyswrite.so"))) {
            assertTrue(copy.message().contains("not an absolute path"), copy.message());
        }
    }

    @Test
    void explicitTmpdirIsUsedAndLeftEmpty() throws Exception {
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", dir.toString()))) {
            assertTrue(copy.isAvailable(), copy::causeChain);
            assertTrue(copy.source().contains(dir.toString()), copy.source());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * An empty setting too: it names no directory, so it is an error like any other, never
     * java.io.tmpdir nor the working directory (which {@code Path.of("")} would resolve to).
     */
    @Test
    void unusableTmpdirIsAnErrorNotASilentFallback() throws Exception {
        String missing = dir.resolve("no/such/dir").toString();
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", missing))) {
            assertFalse(copy.isAvailable());
            assertTrue(copy.message().contains("-Dsyswrite.tmpdir=" + missing + " is not a writable directory"), copy.message());
        }
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", ""))) {
            assertFalse(copy.isAvailable(), "an empty -Dsyswrite.tmpdir was used as a directory");
            assertTrue(copy.message().contains("-Dsyswrite.tmpdir= is empty, not a writable directory"), copy.message());
        }
    }

    /**
     * A directory others can write to without the sticky bit lets them rename their library over
     * ours: refused, with a cause that names it and says why, and nothing written into it; with
     * the sticky bit, as {@code /tmp}, it is used.
     */
    @Test
    void aDirectoryOthersCouldSwapTheLibraryInIsRefused() throws Exception {
        for (int mode : new int[] {0777, 0775, 0757}) {
            Path shared = Files.createDirectory(dir.resolve("shared-" + Integer.toOctalString(mode)));
            Files.setAttribute(shared, "unix:mode", mode);
            try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", shared.toString()))) {
                assertFalse(copy.isAvailable(), shared::toString);
                assertTrue(copy.message().contains("-Dsyswrite.tmpdir=" + shared + " is writable by other users and not sticky (mode "
                        + Integer.toOctalString(mode) + ")"), copy.message());
            }
            try (Stream<Path> left = Files.list(shared)) {
                assertEquals(List.of(), left.toList());
            }
            Files.setAttribute(shared, "unix:mode", 01000 | mode);
            try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", shared.toString()))) {
                assertTrue(copy.isAvailable(), copy::causeChain);
            }
        }
    }

    /** The owner of a directory can rename anything in it, sticky or not: only ours or root's is used. */
    @Test
    void aDirectoryOfAnotherUserIsRefused() throws Exception {
        Assumptions.assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))),
                "giving a directory to another user takes root (CI runs as root)");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.setAttribute(theirs, "unix:mode", 01777);
        Files.setAttribute(theirs, "unix:uid", 65534); // nobody
        try (Isolated copy = Isolated.load(Map.of("java.io.tmpdir", theirs.toString()))) {
            assertFalse(copy.isAvailable());
            assertTrue(copy.message().contains("java.io.tmpdir=" + theirs + " belongs to user 65534"), copy.message());
        }
    }

    @Test
    void tamperedLibraryIsRefusedBeforeLoading() throws Exception {
        Path copyOfClasses = dir.resolve("classes");
        try (Stream<Path> tree = Files.walk(classes())) {
            for (Path source : tree.toList()) {
                Path target = copyOfClasses.resolve(classes().relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path library = copyOfClasses.resolve("META-INF/native/" + platform() + "/libsyswrite.so");
        byte[] bytes = Files.readAllBytes(library);
        bytes[bytes.length / 2] ^= 1; // one bit: what a corrupted download or a planted copy looks like
        Files.write(library, bytes);
        Path extractTo = Files.createDirectory(dir.resolve("tmp"));
        try (Isolated copy = Isolated.from(copyOfClasses, Map.of("syswrite.tmpdir", extractTo.toString()))) {
            assertFalse(copy.isAvailable());
            assertTrue(copy.message().contains("SHA-256") && copy.message().contains("refusing to load it"), copy.message());
        }
        try (Stream<Path> left = Files.list(extractTo)) {
            assertEquals(List.of(), left.toList(), "the refused file is deleted");
        }
    }

    @Test
    void staleLeftoversAreSweptAndLinksNeverFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "not ours");
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path stale = Files.writeString(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-0123456789abcdef.so"), "crashed run");
        Path link = Files.createSymbolicLink(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-fedcba9876543210.so"), victim);
        Path fresh = Files.writeString(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-00000000000000aa.so"), "another JVM, mid-load");
        Path crashed = Files.createDirectory(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-00000000000000bb")); // a private directory
        Files.writeString(crashed.resolve("00000000000000cc.so"), "crashed run");
        Path victims = Files.createDirectory(dir.resolve("victims"));
        Path victimInside = Files.writeString(victims.resolve("00000000000000dd.so"), "not ours either");
        Path dirLink = Files.createSymbolicLink(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-00000000000000ee"), victims);
        for (Path old : new Path[] {stale, link, crashed, dirLink}) {
            Process touch = new ProcessBuilder("touch", "-h", "-d", "1 hour ago", old.toString()).inheritIO().start();
            assertEquals(0, touch.waitFor());
        }
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", tmp.toString()))) {
            assertTrue(copy.isAvailable(), copy::causeChain);
        }
        assertFalse(Files.exists(stale) || Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "stale files of ours are swept");
        assertFalse(Files.exists(crashed) || Files.exists(dirLink, java.nio.file.LinkOption.NOFOLLOW_LINKS), "stale directories of ours are swept");
        assertTrue(Files.exists(fresh), "a recent file may belong to a JVM that is loading it right now");
        assertEquals("not ours", Files.readString(victim), "a link is deleted, never followed");
        assertEquals("not ours either", Files.readString(victimInside), "a link to a directory is deleted, never followed");
    }

    /**
     * The sweep goes on past a leftover it cannot delete (here a directory with a file in it), and
     * leaves another user's files alone even when it runs as root.
     */
    @Test
    void theSweepGoesPastFailuresAndKeepsToItsOwnFiles() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<Path> stale = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stale.add(Files.writeString(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-000000000000000" + i + ".so"), "crashed run"));
        }
        Path stuck = Files.createDirectory(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-00000000000000ff.so"));
        Files.writeString(stuck.resolve("inside"), "keeps it from being deleted");
        Path theirs = Files.writeString(tmp.resolve("libsyswrite-0.0.1-" + platform() + "-00000000000000ee.so"), "another user's");
        boolean root = "0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid")));
        if (root) {
            Files.setAttribute(theirs, "unix:uid", 65534); // nobody
        }
        List<Path> old = new ArrayList<>(stale);
        old.add(stuck);
        old.add(theirs);
        for (Path path : old) {
            Process touch = new ProcessBuilder("touch", "-h", "-d", "1 hour ago", path.toString()).inheritIO().start();
            assertEquals(0, touch.waitFor());
        }
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", tmp.toString()))) {
            assertTrue(copy.isAvailable(), copy::causeChain);
        }
        for (Path path : stale) {
            assertFalse(Files.exists(path), () -> path + " was not swept");
        }
        assertTrue(Files.exists(stuck));
        assertEquals(root, Files.exists(theirs), root ? "another user's file was deleted" : "our own stale file was kept");
    }

    /** A relative tmpdir is resolved against the working directory, as any relative path is. */
    @Test
    void aRelativeTmpdirWorks() throws Exception {
        Path relative = Path.of("").toAbsolutePath().relativize(Files.createDirectory(dir.resolve("relative")));
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", relative.toString()))) {
            assertTrue(copy.isAvailable(), copy::causeChain);
        }
        try (Isolated copy = Isolated.load(Map.of("java.io.tmpdir", relative.toString()))) {
            assertTrue(copy.isAvailable(), copy::causeChain);
        }
    }

    /** A tmpdir too full for the library: nothing is left behind, and the cause names the directory. */
    @Test
    void aFullTmpdirLeavesNothingAndIsNamed() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("full"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        String why = new String(mounting.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + why);
        try {
            Assumptions.assumeTrue(Files.size(bundledLibrary()) > 4096, "the library fits in one page");
            try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", mount.toString()))) {
                assertFalse(copy.isAvailable());
                assertTrue(copy.message().contains("cannot write the library into " + mount), copy.message());
            }
            try (Stream<Path> left = Files.list(mount)) {
                assertEquals(List.of(), left.toList(), "a part of the library was left behind");
            }
        } finally {
            new ProcessBuilder("umount", "--lazy", mount.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * A noexec mount, as on hardened hosts and Docker's --tmpfs: no library can be mapped from
     * it, and the cause must say so and name the way out. Mounting takes root (CI runs as root).
     * Under QEMU's user mode noexec does not bind (QEMU translates guest code from plain data
     * mappings), so there the library loads, and the loader must not blame the mount.
     */
    @Test
    void noexecTmpdirIsDiagnosed() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("noexec"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,size=4m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String why = new String(mounting.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + why);
        try (Isolated copy = Isolated.load(Map.of("syswrite.tmpdir", mount.toString()))) {
            if (Emulation.underQemu()) {
                assertTrue(copy.isAvailable(), copy.causeChain());
            } else {
                assertFalse(copy.isAvailable());
                assertTrue(copy.causeChain().contains("is on a noexec mount") && copy.causeChain().contains("-Dsyswrite.tmpdir"), copy.causeChain());
            }
        } finally {
            new ProcessBuilder("umount", "--lazy", mount.toString()).inheritIO().start().waitFor(); // busy or not
        }
    }

    @Test
    void manyClassLoadersLoadAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> loads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> load = () -> {
                    try (Isolated copy = Isolated.load(Map.of())) {
                        return copy.isAvailable();
                    }
                };
                loads.add(pool.submit(load));
            }
            for (Future<Boolean> load : loads) {
                assertTrue(load.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
