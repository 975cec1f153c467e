package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * The same FileAppender with Log4j2's JSON Template Layout and its Elastic Common Schema template,
 * in Log4j2's garbage-free mode, which that layout is built for.
 */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
    "-Dlog4j2.configurationFile=log4j2-json.xml", "-Dbench.variant=json",
    "-Dlog4j2.enableThreadlocals=true", "-Dlog4j2.enableDirectEncoders=true"})
public class Log4j2Json extends Log4j2File {}
