package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * Log4j2's async loggers with {@code log4j2.formatMsgAsync=true}: the message's parameters are
 * formatted on the background thread rather than the caller's, Log4j2's own step towards
 * capturing (its caller still copies the arguments' references, not their values, so a mutable
 * argument prints as it is when formatted, not as it was at the call).
 */
@Fork(jvmArgsAppend = {"-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
    "-Dlog4j2.configurationFile=log4j2-file.xml", "-Dbench.variant=async-format-async",
    "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector",
    "-Dlog4j2.formatMsgAsync=true"})
public class Log4j2AsyncFormatAsync extends Log4j2File {}
