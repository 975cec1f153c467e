package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.ChildJvm;
import dev.syswrite.testkit.Emulation;
import dev.syswrite.testkit.RecordChild;
import dev.syswrite.testkit.Records;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs appending raw records to one file, and a JVM killed by SIGKILL mid-stream. */
class MultiProcessAppendTest {
    private static final int JVMS = 4;
    /** Per JVM; under QEMU, where each JVM's start alone takes seconds, a quarter. */
    private static final int RECORDS = Emulation.underQemu() ? 2_500 : 10_000;

    @TempDir
    Path dir;

    @Test
    void fourJvmsAppendEveryRecordOnceAndWhole() throws Exception {
        Path file = dir.resolve("records");
        List<Process> children = new ArrayList<>();
        for (int j = 0; j < JVMS; j++) {
            children.add(ChildJvm.start(List.of(), RecordChild.class, file.toString(), "jvm" + j, Integer.toString(RECORDS)));
        }
        for (Process child : children) {
            child.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertTrue(child.waitFor(10, TimeUnit.MINUTES), "child hung");
            assertEquals(0, child.exitValue());
        }
        assertEquals(JVMS * RECORDS, Records.readWhole(file).size(), "lost records");
    }

    @Test
    void sigkillLosesNoRecordWhoseWriteReturnedOk() throws Exception {
        Path file = dir.resolve("records");
        Process child = ChildJvm.start(List.of(), RecordChild.class, file.toString(), "k", Integer.toString(Integer.MAX_VALUE));
        int acknowledged = -1;
        try (BufferedReader acks = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String ack;
            while ((ack = acks.readLine()) != null && acknowledged < 3_000) {
                acknowledged = Integer.parseInt(ack);
            }
            child.destroyForcibly(); // SIGKILL, mid-stream
        }
        assertTrue(child.waitFor(1, TimeUnit.MINUTES));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        Set<String> written = Records.readWhole(file);
        for (int i = 0; i <= acknowledged; i++) {
            assertTrue(written.contains("k " + i), "record " + i + " was acknowledged, then lost");
        }
    }
}
