package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.internal.SharedObjectStructureTest.Arch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each shipped library under musl's dynamic loader (Alpine's C library), on both architectures:
 * a musl-linked program loads the bytes the jar ships and calls the entry point that needs no
 * JVM, which writes a line and reports EBADF for a bad descriptor.
 */
class MuslLoadingTest {
    @TempDir
    static Path dir;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void theLibraryLoadsAndWritesUnderMusl(Arch arch) throws Exception {
        String machine = arch.platform.substring("linux-".length());
        Path library = dir.resolve(machine + "-libsyswrite.so");
        try (InputStream shipped = MuslLoadingTest.class.getResourceAsStream("/META-INF/native/" + arch.platform + "/libsyswrite.so")) {
            assertTrue(shipped != null, arch.platform + " library not built");
            Files.copy(shipped, library); // what the jar ships: the same class-path resource
        }
        Path source = dir.resolve("musl_probe.c");
        if (!Files.exists(source)) {
            try (InputStream in = MuslLoadingTest.class.getResourceAsStream("musl_probe.c")) {
                Files.copy(in, source);
            }
        }
        Path probe = dir.resolve(machine + "-musl_probe");
        Result built = run(List.of(arch.toolchain + "-gcc", "-specs", "/usr/lib/" + machine + "-linux-musl/musl-gcc.specs", "-O2",
                "-o", probe.toString(), source.toString()));
        assertEquals(0, built.exit, built.stderr);
        String interpreter = run(List.of(arch.toolchain + "-readelf", "-lW", probe.toString())).stdout;
        assertTrue(interpreter.contains("[Requesting program interpreter: /lib/ld-musl-" + machine + ".so.1]"), interpreter);

        List<String> command = new ArrayList<>();
        if (!machine.equals(hostMachine())) {
            command.add("qemu-" + machine + "-static");
        }
        command.addAll(List.of(probe.toString(), library.toString()));
        Result r = run(command);
        assertEquals(0, r.exit, r.stderr);
        assertEquals("written by libsyswrite under musl\n", r.stdout);
        assertEquals("libc=musl written=34 refused=-9\n", r.stderr);
    }

    /** The machine the kernel runs, which a JVM under QEMU's user mode does not report as os.arch. */
    private static String hostMachine() throws Exception {
        return run(List.of("uname", "-m")).stdout.trim();
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", "");
        Path err = Files.createTempFile(dir, "err", "");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), command + " hung");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
