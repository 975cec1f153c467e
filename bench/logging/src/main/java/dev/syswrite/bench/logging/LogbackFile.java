package dev.syswrite.bench.logging;

import ch.qos.logback.classic.LoggerContext;
import org.openjdk.jmh.annotations.Fork;
import org.slf4j.LoggerFactory;

/** Logback 1.5's FileAppender with immediateFlush: every event reaches the kernel before the call returns. */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
    "-Dlogback.configurationFile=logback-file.xml"})
public class LogbackFile extends LoggingBackend {
    @Override
    protected void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }

    @Override
    protected String factoryPackage() {
        return "ch.qos.logback.";
    }
}
