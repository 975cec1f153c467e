package dev.syswrite.bench.logging;

import org.apache.logging.log4j.LogManager;
import org.openjdk.jmh.annotations.Fork;

/** Log4j2's FileAppender with immediateFlush, its garbage-free machinery switched off. */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
    "-Dlog4j2.configurationFile=log4j2-file.xml", "-Dbench.variant=file",
    "-Dlog4j2.enableThreadlocals=false", "-Dlog4j2.enableDirectEncoders=false"})
public class Log4j2File extends LoggingBackend {
    @Override
    protected void stop() {
        LogManager.shutdown();
    }

    @Override
    protected String factoryPackage() {
        return "org.apache.logging.";
    }
}
