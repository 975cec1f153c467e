package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/**
 * syswrite's provider with every event synced to the device before the call returns
 * ({@code -Dsyswrite.logger.fsync.level=info}): one {@code write(2)} and one
 * {@code fdatasync(2)} per event, the price of an audit event that survives a power cut. Set
 * beside {@link SysWriteProvider}, its cost per event is the difference.
 */
@Fork(jvmArgsAppend = {SysWriteProvider.PROVIDER, "-Dsyswrite.logger.fsync.level=info", "-Dbench.variant=fsync"})
public class SysWriteFsync extends SysWriteProvider {}
