package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.internal.NativeLibrary;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled library cannot be swapped between its digest check and its loading: child JVMs
 * load it while another, unprivileged user tries to put its own library in its place.
 */
class LoaderSwapTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    /** Loads fresh copies of syswrite in this JVM, one line per copy: for the tests above. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            URL classes = SysWrite.class.getProtectionDomain().getCodeSource().getLocation();
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                // Never closed: each copy stays loaded, as in an application server.
                ClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
                Class<?> sysWrite = Class.forName(SysWrite.class.getName(), true, loader);
                Class<?> library = Class.forName(NativeLibrary.class.getName(), true, loader);
                if ((boolean) sysWrite.getMethod("isAvailable").invoke(null)) {
                    Path file = (Path) library.getMethod("extractedFile").invoke(null);
                    boolean mappedDeleted = Files.readString(Path.of("/proc/self/maps")).contains(file + " (deleted)");
                    System.out.println("loaded\t" + library.getMethod("source").invoke(null) + "\tmapped deleted " + mappedDeleted);
                } else {
                    StringBuilder chain = new StringBuilder("refused");
                    for (Throwable t = (Throwable) sysWrite.getMethod("unavailabilityCause").invoke(null); t != null; t = t.getCause()) {
                        chain.append('\t').append(t);
                    }
                    System.out.println(chain);
                }
            }
        }
    }

    /** Starts a child loading {@code copies} copies with this tmpdir. */
    private static Process child(Path tmpdir, int copies) throws Exception {
        Process process = ChildJvm.start(List.of("-Dsyswrite.tmpdir=" + tmpdir), Child.class, String.valueOf(copies));
        process.getOutputStream().close();
        return process;
    }

    /** What a child printed, one line per copy; it must exit cleanly. */
    private static List<String> lines(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "child JVM hangs");
        assertEquals(0, process.exitValue(), out);
        return out.lines().toList();
    }

    /** What in {@code directory} belongs to this process's user (the tests run as its owner). */
    private static List<Path> ours(Path directory) throws Exception {
        Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        List<Path> ours = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                if (me.equals(Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
                    ours.add(entry);
                }
            }
        }
        return ours;
    }

    /**
     * Loaded through the descriptor it was verified through: the JDK keeps {@code /proc/<pid>/fd/N},
     * the mapping is of the deleted file, and nothing is left in the directory.
     */
    @Test
    void theVerifiedUnlinkedCopyIsWhatIsMapped() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> loads = lines(child(tmp, 2));
        assertEquals(2, loads.size(), loads::toString);
        for (String load : loads) {
            assertTrue(load.startsWith("loaded\t") && load.contains("(loaded from /proc/self/fd/") && load.contains(tmp.toString()), load);
            assertTrue(load.endsWith("mapped deleted true"), load);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList());
        }
    }

    /**
     * Another user ({@code nobody}, through {@code setpriv}) renames its own library over every
     * file and into every directory of ours it sees, and plants copies where it can, while child
     * JVMs load syswrite: in a sticky directory every copy loaded is ours; in one without the sticky
     * bit every load is refused, naming the directory. The attacker's library, a real one where
     * the C compiler for this architecture is installed, never runs: its constructor would leave
     * a marker.
     */
    @Test
    void anotherUserCannotSwapTheLibrary() throws Exception {
        Assumptions.assumeTrue("0".equals(String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))),
                "acting as another user takes root (CI runs as root)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no /usr/bin/setpriv (util-linux) to act as another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x")); // so nobody can reach what is in it
        Path marker = dir.resolve("marker");
        Path evil = attackersLibrary(marker);
        Path sticky = Files.createDirectory(dir.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setAttribute(open, "unix:mode", 0777);
        Path stop = dir.resolve("stop");
        List<Process> attackers = List.of(attacker(sticky, evil, stop), attacker(open, evil, stop));
        try {
            List<Process> children = List.of(child(sticky, 4), child(sticky, 4), child(sticky, 4), child(open, 3));
            for (String load : lines(children.get(0))) {
                assertTrue(load.startsWith("loaded\t") && load.contains("(loaded from /proc/self/fd/"), load);
            }
            for (Process child : children.subList(1, 3)) {
                assertEquals(4, lines(child).stream().filter(load -> load.startsWith("loaded\t")).count());
            }
            List<String> refused = lines(children.get(3));
            assertEquals(3, refused.size(), refused::toString);
            for (String load : refused) {
                assertTrue(load.contains("-Dsyswrite.tmpdir=" + open + " is writable by other users and not sticky (mode 777)"), load);
            }
        } finally {
            Files.writeString(stop, "");
            for (Process attacker : attackers) {
                assertTrue(attacker.waitFor(1, TimeUnit.MINUTES), "the attacker does not stop");
            }
        }
        assertFalse(Files.exists(marker), "the attacker's library ran in a JVM loading syswrite");
        assertEquals(List.of(), ours(sticky), "left behind");
        assertEquals(List.of(), ours(open), "left behind");
    }

    /**
     * A library whose constructor creates {@code marker}, for the architecture under test; where
     * its C compiler is missing, bytes that no loader accepts stand in for it.
     */
    private Path attackersLibrary(Path marker) throws Exception {
        String arch = "aarch64".equals(System.getProperty("os.arch")) ? "aarch64" : "x86_64";
        String gcc = System.getProperty("syswrite.test.toolchain." + arch, arch + "-linux-gnu") + "-gcc";
        Path source = Files.writeString(dir.resolve("evil.c"), "#include <fcntl.h>\n#include <unistd.h>\n"
                + "__attribute__((constructor)) static void swapped(void) { close(open(\"" + marker + "\", O_CREAT | O_WRONLY, 0644)); }\n");
        Path evil = dir.resolve("evil.so");
        try {
            Process compile = new ProcessBuilder(gcc, "-shared", "-fPIC", "-o", evil.toString(), source.toString())
                    .redirectErrorStream(true).start();
            compile.getInputStream().transferTo(System.err);
            if (compile.waitFor() == 0) {
                return evil;
            }
        } catch (java.io.IOException noCompiler) {
            System.err.println(gcc + " is not installed: the attacker's library is not a real one (" + noCompiler + ")");
        }
        return Files.writeString(evil, "\177ELF not really a library");
    }

    /** As {@code nobody}: puts copies of {@code evil} over and into whatever of syswrite's it sees in {@code shared}. */
    private static Process attacker(Path shared, Path evil, Path stop) throws Exception {
        String script = "cd \"$1\" || exit 1\n"
                + "while [ ! -e \"$3\" ]; do\n"
                + "  for f in libsyswrite-*; do\n"
                + "    [ -e \"$f\" ] || continue\n"
                + "    cp \"$2\" .swap && mv -fT .swap \"$f\"\n" // rename over ours
                + "    [ -d \"$f\" ] && cp \"$2\" \"$f/\" && for g in \"$f\"/*.so; do mv -fT \"$f/evil.so\" \"$g\"; done\n" // into ours
                + "  done\n"
                + "done 2>/dev/null\n"
                + "exit 0\n";
        return new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "/bin/sh", "-c", script,
                "attacker", shared.toString(), evil.toString(), stop.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
