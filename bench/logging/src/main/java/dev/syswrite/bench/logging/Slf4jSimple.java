package dev.syswrite.bench.logging;

import java.nio.file.Path;
import org.openjdk.jmh.annotations.Fork;

/** slf4j-simple writing to a file: a PrintStream over a FileOutputStream, under a lock. */
@Fork(jvmArgsAppend = "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider")
public class Slf4jSimple extends LoggingBackend {
    @Override
    protected void configure(Path logs) {
        System.setProperty("org.slf4j.simpleLogger.logFile", logs.resolve("simple.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    }

    @Override
    protected String factoryPackage() {
        return "org.slf4j.simple.";
    }
}
