package dev.syswrite.slf4j;

import org.slf4j.helpers.MDCAdapterTestBase;
import org.slf4j.spi.MDCAdapter;

/** SLF4J's own MDC adapter tests, from slf4j-api's test jar, against the adapter this provider hands out. */
public class SysWriteMdcAdapterTest extends MDCAdapterTestBase {
    @Override
    protected MDCAdapter instantiateMDC() {
        return new SysWriteServiceProvider().getMDCAdapter(); // SLF4J asks before initialize()
    }
}
