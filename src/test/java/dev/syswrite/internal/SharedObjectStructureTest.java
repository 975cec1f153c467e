package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads both built libraries with binutils: the stub is what the source says, and nothing else leaks in. */
class SharedObjectStructureTest {

    enum Arch {
        X86_64("linux-x86_64", "x86_64", "Advanced Micro Devices X86-64", "x86 feature: IBT, SHSTK", 0x1000, Map.of(
                "syswrite_sys_write", List.of("endbr64", "mov $0x1,%eax", "syscall", "ret"),
                "syswrite_sys_writev", List.of("endbr64", "mov $0x14,%eax", "syscall", "ret"),
                "syswrite_sys_fdatasync", List.of("endbr64", "mov $0x4b,%eax", "syscall", "ret"))),
        AARCH64("linux-aarch64", "aarch64", "AArch64", "AArch64 feature: BTI, PAC", 0x10000, Map.of(
                "syswrite_sys_write", List.of("bti c", "mov x8, #0x40", "svc #0x0", "ret"),
                "syswrite_sys_writev", List.of("bti c", "mov x8, #0x42", "svc #0x0", "ret"),
                "syswrite_sys_fdatasync", List.of("bti c", "mov x8, #0x53", "svc #0x0", "ret")));

        final String platform;
        final String toolchain;
        final String machine;
        final String featureNote;
        /** The largest page a kernel of the architecture may use: 4 KiB on x86_64; 4, 16 or 64 KiB on AArch64. */
        final long largestPage;
        /** Each hand-written stub's symbol, and its instructions as objdump prints them. */
        final Map<String, List<String>> stubs;

        Arch(String platform, String arch, String machine, String featureNote, long largestPage, Map<String, List<String>> stubs) {
            this.platform = platform;
            this.toolchain = System.getProperty("syswrite.test.toolchain." + arch, arch + "-linux-gnu");
            this.machine = machine;
            this.featureNote = featureNote;
            this.largestPage = largestPage;
            this.stubs = stubs;
        }

        Path library() throws URISyntaxException {
            URL url = Arch.class.getResource("/META-INF/native/" + platform + "/libsyswrite.so");
            assertNotNull(url, platform + " library not built");
            return Path.of(url.toURI());
        }

        String run(String tool, String... args) throws IOException, InterruptedException, URISyntaxException {
            List<String> command = new ArrayList<>(List.of(toolchain + "-" + tool));
            command.addAll(List.of(args));
            command.add(library().toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " hung");
            assertEquals(0, process.exitValue(), command + ":\n" + output);
            return output;
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void eachStubIsExactlyTheHandWrittenSyscall(Arch arch) throws Exception {
        for (Map.Entry<String, List<String>> stub : arch.stubs.entrySet()) {
            assertEquals(stub.getValue(), disassemble(arch, stub.getKey()), stub.getKey());
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stubsAreHiddenSizedFunctions(Arch arch) throws Exception {
        String symbols = arch.run("readelf", "-sW");
        for (String stub : arch.stubs.keySet()) {
            String row = symbols.lines().filter(l -> l.endsWith(" " + stub)).findFirst().orElseThrow(() -> new AssertionError(stub + ": no symbol"));
            String[] f = row.trim().split("\\s+");
            assertEquals(List.of("FUNC", "LOCAL"), List.of(f[3], f[4]), row); // hidden: bound locally, never exported
            assertTrue(Integer.parseInt(f[2]) > 0, "no .size: " + row);
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void builtForTheRightMachine(Arch arch) throws Exception {
        assertTrue(arch.run("readelf", "-hW").contains("Machine:                           " + arch.machine));
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void needsNoOtherLibrary(Arch arch) throws Exception {
        String dynamic = arch.run("readelf", "-dW");
        assertFalse(dynamic.contains("(NEEDED)"), dynamic);
        assertTrue(dynamic.contains("BIND_NOW"), "full RELRO wants -z now:\n" + dynamic);
    }

    /** Any glibc, old or new, or musl: the library asks the loader for no symbol version. */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void needsNoSymbolVersion(Arch arch) throws Exception {
        String dynamic = arch.run("readelf", "-dW");
        for (String tag : List.of("(VERNEED)", "(VERNEEDNUM)", "(VERSYM)", "(VERDEF)")) {
            assertFalse(dynamic.contains(tag), tag + ":\n" + dynamic);
        }
        String sections = arch.run("readelf", "-SW");
        assertFalse(sections.contains(".gnu.version"), sections); // .gnu.version, _r and _d alike
    }

    /**
     * Loadable with the largest pages the architecture's kernels use (RHEL and Oracle Linux run
     * AArch64 with 64 KiB): each segment aligned to them, its file offset congruent to its
     * address, and RELRO ending on such a page, so that the loader can protect all of it.
     */
    @ParameterizedTest
    @EnumSource(Arch.class)
    void segmentsAreAlignedForTheLargestPages(Arch arch) throws Exception {
        List<String[]> segments = arch.run("readelf", "-lW").lines().map(l -> l.trim().split("\\s+"))
                .filter(f -> f[0].equals("LOAD") || f[0].equals("GNU_RELRO")).toList();
        assertTrue(segments.stream().filter(f -> f[0].equals("LOAD")).count() >= 2, "no LOAD segments");
        for (String[] f : segments) {
            long offset = Long.decode(f[1]);
            long address = Long.decode(f[2]);
            long memorySize = Long.decode(f[5]);
            String row = String.join(" ", f);
            if (f[0].equals("LOAD")) {
                assertTrue(Long.decode(f[f.length - 1]) >= arch.largestPage, "aligned below the largest page: " + row);
                assertEquals(offset % arch.largestPage, address % arch.largestPage, "offset and address not congruent: " + row);
            } else {
                assertEquals(0, (address + memorySize) % arch.largestPage, "RELRO does not end on a page: " + row);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void exportsOnlyTheEntryPointsAndImportsNothing(Arch arch) throws Exception {
        Set<String> exported = new TreeSet<>();
        for (String line : arch.run("readelf", "--dyn-syms", "-W").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8 || !f[0].endsWith(":") || f[0].equals("Num:")) {
                continue; // not a symbol row
            }
            String bind = f[4];
            String ndx = f[6];
            String name = f[7];
            if (ndx.equals("UND")) {
                assertTrue(name.isEmpty() || f[0].equals("0:"), "undefined symbol: " + line);
            } else if (!bind.equals("LOCAL")) {
                exported.add(name);
            }
        }
        assertEquals(Set.of("JNI_OnLoad", "Java_dev_syswrite_internal_NativeWrite_abiVersion", "Java_dev_syswrite_internal_NativeWrite_address",
                "Java_dev_syswrite_internal_NativeWrite_array", "Java_dev_syswrite_internal_NativeWrite_arrayVia",
                "Java_dev_syswrite_internal_NativeWrite_direct", "Java_dev_syswrite_internal_NativeWrite_descriptor",
                "Java_dev_syswrite_internal_NativeWrite_watchSegments", "Java_dev_syswrite_internal_NativeWrite_gather",
                "Java_dev_syswrite_internal_NativeWrite_addressVector", "Java_dev_syswrite_internal_NativeWrite_addressVectorNoted",
                "Java_dev_syswrite_internal_NativeWrite_bufferAddress",
                "Java_dev_syswrite_internal_NativeWrite_datasync", "Java_dev_syswrite_internal_NativeWrite_mayViewSegment",
                "syswrite_write", "syswrite_writev"),
                exported);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void stackIsNotExecutable(Arch arch) throws Exception {
        String stack = arch.run("readelf", "-lW").lines().filter(l -> l.contains("GNU_STACK")).findFirst().orElseThrow();
        String flags = stack.trim().split("\\s+")[6];
        assertEquals("RW", flags, stack);
    }

    @ParameterizedTest
    @EnumSource(Arch.class)
    void carriesTheBranchProtectionNote(Arch arch) throws Exception {
        String notes = arch.run("readelf", "-nW");
        assertTrue(notes.contains(arch.featureNote), notes);
    }

    /** The instructions of one function, without addresses, bytes or comments. */
    private static List<String> disassemble(Arch arch, String function) throws Exception {
        List<String> instructions = new ArrayList<>();
        boolean inside = false;
        for (String line : arch.run("objdump", "-d", "--no-show-raw-insn").split("\n")) {
            if (line.endsWith("<" + function + ">:")) {
                inside = true;
            } else if (inside && line.isBlank()) {
                break;
            } else if (inside) {
                String instruction = line.substring(line.indexOf(':') + 1).replaceAll("\\s+//.*$", "");
                instructions.add(instruction.trim().replaceAll("\\s+", " "));
            }
        }
        while (!instructions.isEmpty() && instructions.get(instructions.size() - 1).contains("nop")) {
            instructions.remove(instructions.size() - 1); // padding that aligns the next function
        }
        assertFalse(instructions.isEmpty(), function + " not found in the disassembly");
        return instructions;
    }
}
