package dev.syswrite.logging.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.syswrite.testkit.PureJava;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A context is found again only for the very bytes it was kept for, wherever they lie, whatever
 * their length (a byte off in the last, unaligned stride included); eight are kept, the oldest
 * replaced first; an encoding over the bound is never kept.
 */
@PureJava
class ContextCacheTest {
    private static ByteBuffer bytes(int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(at + b.length + 8).order(ByteOrder.nativeOrder()).put(at, b);
    }

    @Test
    void findsTheContextOfTheSameBytesOnly() {
        ContextCache<ContextMap> cache = new ContextCache<>();
        ContextMap a = ContextMap.EMPTY.with("request", "r-1");
        String encoding = "request=r-1 and a tail of odd length";
        cache.put(bytes(3, encoding), 3, 3 + encoding.length(), a);
        assertSame(a, cache.find(bytes(11, encoding), 11, 11 + encoding.length()), "the same bytes elsewhere");
        for (int i = 0; i < encoding.length(); i++) { // each byte changed in turn: never found
            char[] changed = encoding.toCharArray();
            changed[i] ^= 1;
            assertNull(cache.find(bytes(0, new String(changed)), 0, encoding.length()), "byte " + i + " changed");
        }
        assertNull(cache.find(bytes(0, encoding), 0, encoding.length() - 1), "a prefix");
        assertNull(cache.find(bytes(0, encoding + "x"), 0, encoding.length() + 1), "a longer one");
    }

    @Test
    void keepsEightAndReplacesTheOldest() {
        ContextCache<ContextMap> cache = new ContextCache<>();
        ContextMap[] contexts = new ContextMap[9];
        for (int i = 0; i < 9; i++) {
            contexts[i] = ContextMap.EMPTY.with("k", "v" + i);
            cache.put(bytes(0, "context " + i), 0, 9, contexts[i]);
        }
        assertNull(cache.find(bytes(0, "context 0"), 0, 9), "the oldest, replaced");
        for (int i = 1; i < 9; i++) {
            assertSame(contexts[i], cache.find(bytes(0, "context " + i), 0, 9));
        }
    }

    @Test
    void neverKeepsAnEncodingOverTheBound() {
        ContextCache<ContextMap> cache = new ContextCache<>();
        String big = "x".repeat(ContextCache.MOST_BYTES + 1);
        cache.put(bytes(0, big), 0, big.length(), ContextMap.EMPTY);
        assertNull(cache.find(bytes(0, big), 0, big.length()));
        String most = "y".repeat(ContextCache.MOST_BYTES);
        ContextMap kept = ContextMap.EMPTY.with("a", "b");
        cache.put(bytes(0, most), 0, most.length(), kept);
        assertEquals(kept, cache.find(bytes(0, most), 0, most.length()));
    }
}
