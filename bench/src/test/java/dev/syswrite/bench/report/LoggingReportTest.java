package dev.syswrite.bench.report;

import static dev.syswrite.bench.report.JmhResults.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingReportTest {
    private static final Object[] TIMING = {1, "200 ms", 3, "200 ms"};

    @Test
    void durabilityComesFromTheListsThenFromTheName() {
        assertEquals("durable", LoggingReport.durability("SysWriteProvider"));
        assertEquals("synced", LoggingReport.durability("SysWriteFsync"));
        assertEquals("durable", LoggingReport.durability("LogbackFileJson"));
        assertEquals("async", LoggingReport.durability("Log4j2JsonAsync"));
        assertEquals("durable", LoggingReport.durability("SysWriteJson"));
        assertEquals("unlisted", LoggingReport.durability("SysWriteXml"));
        assertEquals("unlisted", LoggingReport.durability("Tinylog"));
    }

    @Test
    void backendsNoListNamesStillGetARowAndABar(@TempDir Path dir) throws Exception {
        JsonArray run = new JsonArray();
        for (String backend : List.of("SysWriteProvider", "Tinylog", "SysWriteFsync", "LogbackJson", "LogbackFile", "SysWriteJson")) {
            double opsPerMicro = backend.equals("SysWriteFsync") ? 0.0004 : 0.3;
            run.add(result("dev.syswrite.bench.logging." + backend + ".enabled", "thrpt", "ops/us", opsPerMicro, 1, TIMING,
                    new double[] {0, 0, 0}, 0.005));
            run.add(result("dev.syswrite.bench.logging." + backend + ".enabled", "sample", "us/op", 1 / opsPerMicro, 1, TIMING,
                    new double[] {0, 0, 0}, 0.005));
        }
        LoggingReport logging = new LoggingReport();
        logging.read(run);

        assertEquals(List.of("SysWriteProvider", "LogbackFile", "SysWriteJson", "LogbackJson", "Tinylog", "SysWriteFsync"),
                List.copyOf(logging.rows().get(1).keySet()), "durable first, the goals' peers before variants, syswrite's first; unlisted; synced last");
        String md = logging.render(null, null, "logging.png");
        assertTrue(md.contains("| Tinylog | unlisted | 1 | 300,000 |"), md);
        assertTrue(md.contains("| SysWriteFsync | synced | 1 | 400 |"), md);

        Path png = dir.resolve("logging.png");
        LoggingChart.write(png, logging);
        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertEquals(ChartSheet.WIDTH, image.getWidth());
    }
}
