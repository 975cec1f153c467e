package dev.syswrite.bench.logging;

import java.nio.file.Path;
import org.openjdk.jmh.annotations.Fork;

/** syswrite's provider: one write(2) per event, made before the call returns. */
@Fork(jvmArgsAppend = {SysWriteProvider.PROVIDER, "-Dbench.variant=sync"})
public class SysWriteProvider extends LoggingBackend {
    /** Selects syswrite's provider; a constant, so that every variant's fork arguments can name it. */
    static final String PROVIDER = "-Dslf4j.provider=dev.syswrite.slf4j.SysWriteServiceProvider";

    @Override
    protected void configure(Path logs) {
        String variant = System.getProperty("bench.variant", "sync");
        System.setProperty("syswrite.logger.output", logs.resolve("syswrite-" + variant + ".log").toString());
    }

    @Override
    protected String factoryPackage() {
        return "dev.syswrite.slf4j.";
    }
}
