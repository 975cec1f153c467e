package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * Logback's AsyncAppender in front of the same FileAppender: a different durability class, as
 * an event still in the queue is lost if the JVM dies.
 */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
    "-Dlogback.configurationFile=logback-async.xml"})
public class LogbackAsync extends LogbackFile {}
