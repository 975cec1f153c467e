package dev.syswrite.logging.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The immutable diagnostic context: what a change makes, and what it leaves alone. */
@PureJava
class ContextMapTest {
    @Test
    void keysKeepTheOrderTheyWereFirstPutIn() {
        ContextMap context = ContextMap.EMPTY.with("b", "1").with("a", "2").with("b", "3");
        assertEquals(List.of("b", "a"), List.of(context.key(0), context.key(1)));
        assertEquals(List.of("3", "2"), List.of(context.value(0), context.value(1)));
        assertEquals("{b=3, a=2}", context.toString());
    }

    /** What an event took stays as it was, whatever the thread does to its context afterwards. */
    @Test
    void aChangeLeavesEveryEarlierContextAsItWas() {
        ContextMap taken = ContextMap.EMPTY.with("request", "r-1").with("user", "ada");
        ContextMap changed = taken.with("request", "r-2").without("user").with("trace", "t");
        assertEquals("{request=r-1, user=ada}", taken.toString());
        assertEquals("{request=r-2, trace=t}", changed.toString());
        assertEquals(0, ContextMap.EMPTY.size());
    }

    @Test
    void aNullValueIsKeptAndANullKeyRefused() {
        ContextMap context = ContextMap.EMPTY.with("k", null);
        assertTrue(context.containsKey("k"));
        assertNull(context.get("k"));
        assertThrows(NullPointerException.class, () -> ContextMap.EMPTY.with(null, "v"));
        assertNull(context.get(null));
        assertFalse(context.containsKey(null));
        assertSame(context, context.without(null));
    }

    @Test
    void unchangedIsTheSameContext() {
        ContextMap context = ContextMap.EMPTY.with("k", "v");
        assertSame(context, context.with("k", "v"));
        assertSame(context, context.without("absent"));
        assertSame(ContextMap.EMPTY, context.without("k"));
    }

    @Test
    void fromAMapNullKeysAreLeftOutAndTheMapIsNotKept() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("a", "1");
        map.put(null, "lost");
        map.put("b", null);
        ContextMap context = ContextMap.of(map);
        map.put("a", "changed");
        assertEquals("{a=1, b=null}", context.toString());
        assertSame(ContextMap.EMPTY, ContextMap.of(null));
        Map<String, String> copy = context.toMap();
        copy.put("c", "3");
        assertEquals(2, context.size());
    }

    /** Against a map doing the same: random puts and removes over a few keys. */
    @Test
    void behavesAsAMapOfItsEntries() {
        Random random = new Random(7);
        Map<String, String> expected = new HashMap<>();
        ContextMap context = ContextMap.EMPTY;
        for (int i = 0; i < 10_000; i++) {
            String key = "k" + random.nextInt(6);
            if (random.nextInt(3) == 0) {
                expected.remove(key);
                context = context.without(key);
            } else {
                String value = random.nextInt(5) == 0 ? null : "v" + i;
                expected.put(key, value);
                context = context.with(key, value);
            }
            assertEquals(expected, context.toMap());
            assertEquals(expected.size(), context.size());
        }
    }
}
