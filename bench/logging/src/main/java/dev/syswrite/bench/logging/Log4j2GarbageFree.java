package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/** The same FileAppender in Log4j2's garbage-free mode (thread-local events, direct encoders). */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
    "-Dlog4j2.configurationFile=log4j2-file.xml", "-Dbench.variant=garbage-free",
    "-Dlog4j2.enableThreadlocals=true", "-Dlog4j2.enableDirectEncoders=true"})
public class Log4j2GarbageFree extends Log4j2File {}
