package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/** The same FileAppender with logstash-logback-encoder's {@code LogstashEncoder}, Logback's usual JSON. */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
    "-Dlogback.configurationFile=logback-json.xml"})
public class LogbackJson extends LogbackFile {}
