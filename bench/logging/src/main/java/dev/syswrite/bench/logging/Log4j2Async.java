package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * Log4j2's async loggers (LMAX Disruptor) in front of the FileAppender: a different durability
 * class, as an event still in the ring buffer is lost if the JVM dies.
 */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
    "-Dlog4j2.configurationFile=log4j2-file.xml", "-Dbench.variant=async",
    "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector"})
public class Log4j2Async extends Log4j2File {}
