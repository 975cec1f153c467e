package dev.syswrite.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manual's settings table ({@code docs/logging.md}) says what {@link LoggerSetting} declares:
 * the same keys in the same order, each with the same values text and default. The table is the
 * only place a user reads them, so a setting added, renamed or given a new default without the
 * manual fails here; and the ranges the text names are the ones {@link LoggerConfig} enforces.
 */
@PureJava
class LoggerSettingTableTest {
    private static final Path MANUAL = Path.of("..", "docs", "logging.md");
    private static final String HEADER = "| key | values | default |";

    @Test
    void theManualsTableSaysWhatTheDeclarationsSay() throws IOException {
        List<String> manual = Files.readAllLines(MANUAL, StandardCharsets.UTF_8);
        assertEquals(List.of(), disagreements(manual), "docs/logging.md against LoggerSetting");
    }

    @Test
    void aTableThatDisagreesIsCaught() throws IOException {
        List<String> manual = Files.readAllLines(MANUAL, StandardCharsets.UTF_8);
        int first = manual.indexOf(HEADER) + 2;
        String level = manual.get(first);
        assertTrue(level.startsWith("| `" + LoggerSetting.LEVEL.key + "` |"), level);

        List<String> newDefault = new ArrayList<>(manual);
        newDefault.set(first, level.replace("| `info` |", "| `warn` |"));
        List<String> missing = new ArrayList<>(manual);
        missing.remove(first);
        List<String> extra = new ArrayList<>(manual);
        extra.add(first + 1, "| `syswrite.logger.colour` | `true`, `false` | `false` |");
        List<String> newValues = new ArrayList<>(manual);
        newValues.set(first, level.replace("`error`, `off`", "`error`, `fatal`, `off`"));
        List<String> noTable = new ArrayList<>(manual);
        noTable.remove(first - 2);

        for (List<String> wrong : List.of(newDefault, missing, extra, newValues, noTable)) {
            assertFalse(disagreements(wrong).isEmpty(), String.join("\n", wrong.subList(first - 2, first + 3)));
        }
    }

    @Test
    void theRangesTheTableNamesAreTheOnesEnforced() {
        assertTrue(LoggerSetting.LINE_MAX.values.contains(
                "from `" + size(LoggerConfig.LINE_MAX_LEAST) + "` to `" + size(LoggerConfig.LINE_MAX_MOST) + "`"));
        assertTrue(LoggerSetting.ASYNC_RING.values.contains(
                "from `" + size(AsyncSettings.RING_LEAST_BYTES) + "` to `" + size(AsyncSettings.RING_MOST_BYTES) + "`"));
        assertTrue(LoggerSetting.REOPEN_INTERVAL.values.contains("from `" + LoggerConfig.REOPEN_LEAST_MILLIS + "ms` to `"
                + LoggerConfig.REOPEN_MOST_MILLIS / 3_600_000 + "h`"));
        assertTrue(LoggerSetting.ROLLOVER_KEEP.values.contains("from 1 to " + LoggerConfig.KEEP_MOST));
    }

    /** The differences between the manual's table and the declarations, one line each; empty if none. */
    private static List<String> disagreements(List<String> manual) {
        List<String> found = new ArrayList<>();
        int header = manual.indexOf(HEADER);
        if (header < 0) {
            return List.of("no line " + HEADER);
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = header + 2; i < manual.size() && manual.get(i).startsWith("|"); i++) {
            String row = manual.get(i);
            // Cells are split on " | ": values text never holds a bar, and a cell may be empty.
            String[] cells = row.substring(2, row.length() - 1).split(" \\|", -1);
            if (cells.length != 3) {
                found.add("not three cells: " + row);
                continue;
            }
            rows.add(new String[] {cells[0].strip(), cells[1].strip(), cells[2].strip()});
        }
        LoggerSetting[] declared = LoggerSetting.values();
        for (int i = 0; i < Math.max(rows.size(), declared.length); i++) {
            if (i >= rows.size()) {
                found.add("missing from the manual: " + declared[i].key);
            } else if (i >= declared.length) {
                found.add("not declared: " + rows.get(i)[0]);
            } else {
                LoggerSetting setting = declared[i];
                String[] row = rows.get(i);
                check(found, setting.key, "key", "`" + setting.key + "`", row[0]);
                check(found, setting.key, "values", setting.values, row[1]);
                check(found, setting.key, "default", setting.defaultValue.isEmpty() ? "" : "`" + setting.defaultValue + "`", row[2]);
            }
        }
        return found;
    }

    private static void check(List<String> found, String key, String column, String declared, String manual) {
        if (!declared.equals(manual)) {
            found.add(key + ": " + column + " declared as [" + declared + "], the manual says [" + manual + "]");
        }
    }

    /** A size as the settings write it: {@code 1k}, {@code 256m}. */
    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + "m" : (bytes >> 10) + "k";
    }
}
