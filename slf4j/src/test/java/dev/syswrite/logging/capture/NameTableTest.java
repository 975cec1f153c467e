package dev.syswrite.logging.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.syswrite.testkit.PureJava;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/** The names captured events refer to: one id per content, and bounds no caller can push it past. */
@PureJava
class NameTableTest {
    @Test
    void equalStringsShareAnIdAndTheIdGivesTheStringBack() {
        NameTable table = new NameTable(8, 100, 10);
        int id = table.idOf("a {}");
        assertEquals(id, table.idOf(new String("a {}"))); // content, not identity
        assertNotEquals(id, table.idOf("b {}"));
        assertEquals("a {}", table.nameOf(id));
    }

    @Test
    void itTakesNoMoreEntriesCharsOrLengthThanItWasGiven() {
        NameTable entries = new NameTable(3, 1000, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, entries.idOf("n" + i));
        }
        assertEquals(NameTable.NONE, entries.idOf("n3"));
        assertEquals(1, entries.idOf("n1"), "what it holds it still finds");
        NameTable chars = new NameTable(100, 10, 100);
        assertEquals(0, chars.idOf("12345678"));
        assertEquals(NameTable.NONE, chars.idOf("123"));
        assertEquals(1, chars.idOf("12"));
        assertEquals(NameTable.NONE, new NameTable(100, 1000, 4).idOf("12345"));
    }

    @Test
    void threadsAddingTheSameNamesAtOnceAgreeOnTheirIds() throws Exception {
        NameTable table = new NameTable(1000, 100_000, 100);
        ConcurrentMap<String, Integer> seen = new ConcurrentHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    String name = "name " + i;
                    int id = table.idOf(name);
                    Integer first = seen.putIfAbsent(name, id);
                    if (first != null && first != id || !name.equals(table.nameOf(id))) {
                        synchronized (wrong) {
                            wrong.add(name + " as " + id + ", first " + first);
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), wrong);
        assertEquals(500, seen.values().stream().distinct().count());
    }
}
