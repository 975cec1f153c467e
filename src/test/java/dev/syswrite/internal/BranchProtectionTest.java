package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.Emulation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AArch64 branch protection under enforcement. QEMU's {@code -cpu max} implements BTI, and
 * glibc's loader maps the code of a BTI-marked library as guarded pages, so an indirect call
 * must land on a landing pad or the process dies with SIGILL. The real library must survive
 * that; a variant of the stub without its {@code bti c} must not, which shows the check can
 * fail; and the same variant on a CPU without BTI runs, which shows the fault is BTI's.
 */
class BranchProtectionTest {
    private static final int SIGILL_EXIT = 128 + 4;
    private static final int SIGSEGV_EXIT = 128 + 11;
    private static final String TOOLCHAIN = System.getProperty("syswrite.test.toolchain.aarch64", "aarch64-linux-gnu");

    @TempDir
    static Path dir;

    private static Path probe;

    @BeforeAll
    static void buildProbe() throws Exception {
        Path source = dir.resolve("bti_probe.c");
        try (InputStream in = BranchProtectionTest.class.getResourceAsStream("bti_probe.c")) {
            Files.copy(in, source);
        }
        probe = dir.resolve("bti_probe");
        run(List.of(TOOLCHAIN + "-gcc", "-O2", "-mbranch-protection=standard", "-o", probe.toString(), source.toString()));
    }

    @Test
    void theShippedLibraryLandsOnItsPads() throws Exception {
        Path library = Path.of(BranchProtectionTest.class.getResource("/META-INF/native/linux-aarch64/libsyswrite.so").toURI());
        Result r = qemu("max", library, "jni", "Java_dev_syswrite_internal_NativeWrite_abiVersion");
        assertEquals(0, r.exit, r.output);
        assertEquals(NativeWrite.ABI_VERSION + "\n", r.output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "writev", "fdatasync"})
    void theStubWithItsPadLands(String stub) throws Exception {
        Result r = qemu("max", stubVariant(stub, "marked", false), stub, "syswrite_sys_" + stub);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("landed"), r.output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "writev", "fdatasync"})
    void theStubWithoutItsPadFaults(String stub) throws Exception {
        Path unmarked = stubVariant(stub, "unmarked", true);
        int exit = qemu("max", unmarked, stub, "syswrite_sys_" + stub).exit;
        if (nestedEmulation()) {
            // A QEMU that is itself emulated delivers the BTI fault as SIGSEGV, not SIGILL.
            assertTrue(exit == SIGILL_EXIT || exit == SIGSEGV_EXIT, "an unguarded entry must die by SIGILL or SIGSEGV: " + exit);
        } else {
            assertEquals(SIGILL_EXIT, exit, "an unguarded entry must die by SIGILL");
        }
        Result withoutBti = qemu("cortex-a57", unmarked, stub, "syswrite_sys_" + stub);
        assertEquals(0, withoutBti.exit, withoutBti.output);
    }

    /** A shipped stub ({@code <stub>.S}) as an exported symbol, with or without its landing pad; the BTI note stays. */
    private static Path stubVariant(String stub, String variant, boolean withoutPad) throws Exception {
        String name = stub + "-" + variant;
        Path asm = Path.of("src/main/asm");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(asm.resolve("aarch64/" + stub + ".S"))) {
            if (line.contains(".hidden") || withoutPad && line.trim().startsWith("bti")) {
                continue;
            }
            lines.add(line);
        }
        Path source = Files.write(dir.resolve(name + ".S"), lines);
        Path library = dir.resolve("lib" + name + ".so");
        run(List.of(TOOLCHAIN + "-gcc", "-shared", "-nostdlib", "-I" + asm.toAbsolutePath(), "-o", library.toString(), source.toString()));
        return library;
    }

    /**
     * Whether the QEMU these tests start is itself emulated: this JVM is, and the qemu-aarch64
     * on the path is an AArch64 program too (an AArch64 root file system run under binfmt QEMU),
     * rather than the host's.
     */
    private static boolean nestedEmulation() throws Exception {
        if (!Emulation.underQemu()) {
            return false;
        }
        Path qemu = Path.of(run(List.of("sh", "-c", "command -v qemu-aarch64-static")).output.trim());
        return run(List.of("sh", "-c", "od -A n -t u2 -j 18 -N 2 " + qemu)).output.trim().equals("183"); // e_machine EM_AARCH64
    }

    private record Result(int exit, String output) {}

    private static Result qemu(String cpu, Path library, String kind, String symbol) throws Exception {
        return run(List.of("qemu-aarch64-static", "-cpu", cpu, probe.toString(), library.toString(), kind, symbol));
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), command + " hung");
        if (command.get(0).endsWith("gcc")) {
            assertEquals(0, process.exitValue(), command + ":\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
