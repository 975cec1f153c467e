package dev.syswrite.bench.logging;

import java.nio.file.Path;
import org.openjdk.jmh.annotations.Fork;

/** syswrite's provider: one write(2) per event, made before the call returns. */
@Fork(jvmArgsAppend = "-Dslf4j.provider=dev.syswrite.slf4j.SysWriteServiceProvider")
public class SysWriteProvider extends LoggingBackend {
    @Override
    protected void configure(Path logs) {
        System.setProperty("syswrite.logger.output", logs.resolve("syswrite.log").toString());
    }

    @Override
    protected String factoryPackage() {
        return "dev.syswrite.slf4j.";
    }
}
