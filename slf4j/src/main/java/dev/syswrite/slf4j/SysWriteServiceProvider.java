package dev.syswrite.slf4j;

import dev.syswrite.SysWrite;
import dev.syswrite.logging.EventWriter;
import dev.syswrite.logging.output.LogSink;
import dev.syswrite.logging.output.OutputSettings;
import java.io.IOException;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * syswrite's SLF4J 2 backend: every logging call that passes its level becomes exactly one
 * {@code write(2)} of one complete line, made before the call returns, formatted without locks
 * and, for messages with String and primitive-wrapper arguments, without garbage.
 *
 * <p>It is registered with {@code ServiceLoader} (this artifact's {@code META-INF/services} and
 * its module's {@code provides}), so SLF4J 2 uses it wherever syswrite-slf4j is on the class
 * path or the module path; {@code -Dslf4j.provider=dev.syswrite.slf4j.SysWriteServiceProvider}
 * names it where another backend is present too. The raw API's jar, syswrite, registers nothing.
 * Settings are described in {@code LoggerConfig}: system properties {@code syswrite.logger.*},
 * then {@code syswrite-logger.properties} on the class path.
 *
 * <p>Where syswrite's native library is unavailable the provider still works, through
 * the JDK's own {@link java.io.FileOutputStream}, with the same format and the same one write per line, and
 * says once on stderr why. A bad setting is reported in one line on stderr and replaced by its
 * default; nothing here throws into the application.
 */
public final class SysWriteServiceProvider implements SLF4JServiceProvider {
    /** The SLF4J API version this provider is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private final IMarkerFactory markerFactory = new BasicMarkerFactory();
    /** Made here, not in initialize(): SLF4J asks for it first. */
    private final SysWriteMdcAdapter mdcAdapter = new SysWriteMdcAdapter();
    private volatile SysWriteLoggerFactory loggerFactory;

    /** Creates the provider; SLF4J calls {@link #initialize()} before using it. */
    public SysWriteServiceProvider() {}

    /**
     * Returns the logger factory.
     *
     * @return the factory of syswrite loggers
     */
    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    /**
     * Returns the marker factory.
     *
     * @return SLF4J's basic marker factory
     */
    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    /**
     * Returns the MDC adapter.
     *
     * @return syswrite's MDC adapter: per thread, not inherited by threads a thread creates
     */
    @Override
    public SysWriteMdcAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    /**
     * Returns the counters of events this provider could not write.
     *
     * @return the counters, or null before {@link #initialize()}
     */
    public LostEvents lostEvents() {
        SysWriteLoggerFactory factory = loggerFactory;
        return factory == null ? null : factory.lostEvents();
    }

    /**
     * Returns the SLF4J API version this provider expects.
     *
     * @return {@link #REQUESTED_API_VERSION}
     */
    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    /** Reads the settings and opens the output; problems go to stderr, never to the caller. */
    @Override
    public void initialize() {
        LoggerConfig config = LoggerConfig.load();
        config.sayProblems();
        SysWriteLoggerFactory factory = new SysWriteLoggerFactory(config, this::openWriter);
        if (config.jmx) {
            try {
                LoggerLevels.register(factory);
            } catch (LinkageError noJmx) {
                System.err.println("syswrite-logger: " + LoggerSetting.JMX.key + "=true needs the java.management module (" + noJmx + ")");
            }
        }
        if (config.levelsScanMillis > 0) {
            LevelScanner.start(factory, config, config.levelsScanMillis);
        }
        loggerFactory = factory;
    }

    /** A writer for {@code config}, at start and at each reconfiguration; a missing library said on stderr. */
    private EventWriter openWriter(LoggerConfig config) {
        boolean nativeWrites = SysWrite.isAvailable();
        if (!nativeWrites) {
            System.err.println("syswrite-logger: writing through the JDK's FileOutputStream: " + SysWrite.unavailabilityCause().getMessage());
        }
        if (config.async && !nativeWrites) {
            System.err.println("syswrite-logger: " + LoggerSetting.MODE.key + "=async needs syswrite's library for writev(2); writing synchronously");
        }
        return new EventWriter(config.settings, openSink(config.settings.output(), nativeWrites), mdcAdapter::current);
    }

    private static LogSink openSink(OutputSettings output, boolean nativeWrites) {
        try {
            return LogSink.open(output, nativeWrites);
        } catch (IOException | RuntimeException e) {
            System.err.println("syswrite-logger: cannot open " + LoggerSetting.OUTPUT.key + "=" + output.target() + " (" + e + "); logging to stderr");
            try {
                return LogSink.open("stderr", nativeWrites);
            } catch (IOException impossible) {
                throw new IllegalStateException("stderr cannot be opened", impossible);
            }
        }
    }
}
