package dev.syswrite.slf4j;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import org.slf4j.helpers.MDCAdapterTestBase;
import org.slf4j.spi.MDCAdapter;

/**
 * SLF4J's own MDC adapter tests, from slf4j-api's test jar, against the adapter this provider
 * hands out. Two of them expect a child thread to inherit its parent's context, as SLF4J's
 * {@code BasicMDCAdapter} does; ours does not, on purpose (see {@link SysWriteMdcAdapter}), so
 * those two are replaced here by their opposite.
 */
public class SysWriteMdcAdapterTest extends MDCAdapterTestBase {
    @Override
    protected MDCAdapter instantiateMDC() {
        return new SysWriteServiceProvider().getMDCAdapter(); // SLF4J asks before initialize()
    }

    /** Replaces SLF4J's test of inheritance: the child starts empty. */
    @Override
    @Test
    public void testMDCInheritsValuesFromParentThread() throws Exception {
        mdc.put("parentKey", "parentValue");
        assertNull(inChild(() -> mdc.get("parentKey")));
        assertEquals("parentValue", mdc.get("parentKey"));
    }

    /** Replaces SLF4J's test of a child overwriting what it inherited: it sees nothing, and its own put stays its own. */
    @Override
    @Test
    public void testMDCChildThreadCanOverwriteParentThread() throws Exception {
        mdc.put("sharedKey", "parentValue");
        assertEquals("null childValue", inChild(() -> {
            String before = mdc.get("sharedKey");
            mdc.put("sharedKey", "childValue");
            return before + " " + mdc.get("sharedKey");
        }));
        assertEquals("parentValue", mdc.get("sharedKey"));
    }

    private static String inChild(java.util.function.Supplier<String> task) throws InterruptedException {
        AtomicReference<String> result = new AtomicReference<>("not run");
        Thread child = new Thread(() -> result.set(task.get()));
        child.start();
        child.join();
        return result.get();
    }
}
