package dev.syswrite.slf4j;

import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Loggers writing to a file, built the way the provider builds them. */
final class TestLoggers {
    final SysWriteLoggerFactory factory;
    final SysWriteMdcAdapter mdc = new SysWriteMdcAdapter();

    TestLoggers(Path file, boolean nativeWrites, String... settings) {
        Properties p = LoggerConfigTest.settings(settings);
        p.setProperty("syswrite.logger.output", file.toString());
        factory = new SysWriteLoggerFactory(LoggerConfig.of(p), config -> open(config, nativeWrites, mdc));
    }

    /** A writer for {@code config}, as the provider opens one, but failing loudly. */
    static EventWriter open(LoggerConfig config, boolean nativeWrites, SysWriteMdcAdapter mdc) {
        try {
            return new EventWriter(config.settings, LogSink.open(config.settings.output().target(), nativeWrites), mdc::current);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loggers at the default level, writing through {@code writer}. */
    static SysWriteLoggerFactory factory(EventWriter writer) {
        return new SysWriteLoggerFactory(LoggerConfig.of(new Properties()), config -> writer);
    }
}
