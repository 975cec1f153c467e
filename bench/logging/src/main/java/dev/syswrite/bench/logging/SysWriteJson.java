package dev.syswrite.bench.logging;

import org.openjdk.jmh.annotations.Fork;

/** syswrite's provider writing JSON Lines ({@code -Dsyswrite.logger.format=json}): still one write(2) per event. */
@Fork(jvmArgsAppend = {SysWriteProvider.PROVIDER, "-Dsyswrite.logger.format=json", "-Dbench.variant=json"})
public class SysWriteJson extends SysWriteProvider {}
