package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * syswrite's provider in its async mode ({@code -Dsyswrite.logger.mode=async}): the call hands
 * the event to a background writer, a different durability class, as an event still queued is
 * lost if the JVM dies. The provider drains its queue on JVM exit (a shutdown hook), so the
 * inherited teardown, which stops nothing, leaves no event unwritten.
 */
@Fork(jvmArgsAppend = {SysWriteProvider.PROVIDER, "-Dsyswrite.logger.mode=async", "-Dbench.variant=async"})
public class SysWriteAsync extends SysWriteProvider {}
