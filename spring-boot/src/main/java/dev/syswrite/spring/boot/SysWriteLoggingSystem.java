package dev.syswrite.spring.boot;

import dev.syswrite.slf4j.SysWriteLogging;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.AbstractLoggingSystem;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ResourceUtils;

/**
 * Spring Boot's {@link LoggingSystem} over syswrite's SLF4J backend. SLF4J starts the backend
 * before Spring has read any property (Spring's own first logger does), with the backend's
 * settings (system properties, {@code syswrite-logger.properties}); this then points it at what
 * Spring's configuration says, through {@link SysWriteLogging}:
 *
 * <ul>
 *   <li>{@code logging.file.name} / {@code logging.file.path}: the output file (the console is
 *       then not written: the backend has one output);
 *   <li>{@code logging.structured.format.file} / {@code .console} {@code = ecs}: JSON Lines in
 *       ECS, with {@code logging.structured.ecs.service.*} (or {@code spring.application.name}
 *       and {@code .version}) as {@code service.*}; another format is said on stderr and the
 *       text layout kept;
 *   <li>{@code logging.level.*}, {@code logging.group.*} and the actuator's {@code /loggers}:
 *       levels by name, at once, propagated to {@code java.util.logging} so that its records
 *       reach the bridge at the levels set ({@code FINE} at DEBUG);
 *   <li>{@code logging.config}: a properties file of {@code syswrite.logger.*} settings, levels
 *       included;
 *   <li>the levels Spring Boot's own defaults give noisy loggers (Tomcat's, Hibernate
 *       Validator's), which {@code logging.level.*} overrides.
 * </ul>
 *
 * <p>{@code java.util.logging} is bridged into SLF4J as with Logback, when {@code jul-to-slf4j}
 * is present and JUL has at most its default console handler. Its shutdown handler flushes the
 * asynchronous mode's queue, so every event logged before Spring closes is written.
 */
public class SysWriteLoggingSystem extends AbstractLoggingSystem {
    private static final String BRIDGE_HANDLER = "org.slf4j.bridge.SLF4JBridgeHandler";
    private static final String PREFIX = "syswrite.logger.";

    private static final LogLevels<String> LEVELS = new LogLevels<>();

    static {
        LEVELS.map(LogLevel.TRACE, "trace");
        LEVELS.map(LogLevel.DEBUG, "debug");
        LEVELS.map(LogLevel.INFO, "info");
        LEVELS.map(LogLevel.WARN, "warn");
        LEVELS.map(LogLevel.ERROR, "error");
        LEVELS.map(LogLevel.FATAL, "error");
        LEVELS.map(LogLevel.OFF, "off");
    }

    /** Each level's {@code java.util.logging} twin, as jul-to-slf4j maps them back. */
    private static final Map<LogLevel, Level> JUL_LEVELS = new EnumMap<>(Map.of(LogLevel.TRACE, Level.FINEST, LogLevel.DEBUG, Level.FINE,
            LogLevel.INFO, Level.INFO, LogLevel.WARN, Level.WARNING, LogLevel.ERROR, Level.SEVERE, LogLevel.FATAL, Level.SEVERE,
            LogLevel.OFF, Level.OFF));

    /** The levels Spring Boot's defaults give loggers that are noisy at INFO (its Logback defaults'). */
    private static final Map<String, LogLevel> QUIET_DEFAULTS = quietDefaults();

    /** JUL loggers whose level this set: JUL keeps its loggers only weakly, and would forget the level. */
    private final Set<java.util.logging.Logger> julLevelsSet = ConcurrentHashMap.newKeySet();

    /**
     * Creates the logging system; Spring Boot does, through {@link Factory}.
     *
     * @param classLoader the application's class loader
     */
    public SysWriteLoggingSystem(ClassLoader classLoader) {
        super(classLoader);
    }

    private static Map<String, LogLevel> quietDefaults() {
        Map<String, LogLevel> quiet = new LinkedHashMap<>();
        quiet.put("org.apache.catalina.startup.DigesterFactory", LogLevel.ERROR);
        quiet.put("org.apache.catalina.util.LifecycleBase", LogLevel.ERROR);
        quiet.put("org.apache.coyote.http11.Http11NioProtocol", LogLevel.WARN);
        quiet.put("org.apache.sshd.common.util.SecurityUtils", LogLevel.WARN);
        quiet.put("org.apache.tomcat.util.net.NioSelectorPool", LogLevel.WARN);
        quiet.put("org.eclipse.jetty.util.component.AbstractLifeCycle", LogLevel.ERROR);
        quiet.put("org.hibernate.validator.internal.util.Version", LogLevel.WARN);
        quiet.put("org.springframework.boot.actuate.endpoint.jmx", LogLevel.WARN);
        return quiet;
    }

    /** Bridges {@code java.util.logging} into SLF4J, as Spring Boot does for Logback. */
    @Override
    public void beforeInitialize() {
        super.beforeInitialize();
        if (!SysWriteLogging.isBound()) { // named by -Dorg.springframework.boot.logging.LoggingSystem, past Factory's check
            System.err.println("syswrite-logger: SLF4J is bound to another backend; Spring Boot's logging settings reach nothing here");
        }
        if (isBridgeAvailable() && julHasAtMostItsConsoleHandler()) {
            removeBridge();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * None: the backend read {@code syswrite-logger.properties} itself at start, so Spring always
     * applies its own settings over it ({@link #loadDefaults}), or a {@code logging.config} file.
     */
    @Override
    protected String[] getStandardConfigLocations() {
        return new String[0];
    }

    /** Applies Spring's settings: see the class's description. */
    @Override
    protected void loadDefaults(LoggingInitializationContext initializationContext, LogFile logFile) {
        apply(Map.of(), initializationContext.getEnvironment(), logFile);
    }

    /**
     * Applies the {@code syswrite.logger.*} settings of the properties file at {@code location}
     * ({@code logging.config}), levels included, under Spring's own.
     */
    @Override
    protected void loadConfiguration(LoggingInitializationContext initializationContext, String location, LogFile logFile) {
        Properties file = new Properties();
        try (InputStream in = ResourceUtils.getURL(location).openStream()) {
            file.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the syswrite logging configuration " + location, e);
        }
        Map<String, String> settings = new HashMap<>();
        file.stringPropertyNames().forEach(key -> settings.put(key, file.getProperty(key)));
        apply(settings, initializationContext.getEnvironment(), logFile);
    }

    /**
     * Starts the backend again ({@link SysWriteLogging#reconfigure}) with Spring Boot's quiet
     * defaults as levels, {@code own} settings over them and Spring's settings over those; its
     * levels become those of the settings, so a second initialization (after a devtools
     * restart) keeps none of the first's. Then mirrors every level into JUL. Spring sets
     * {@code logging.level.*} after this.
     */
    private void apply(Map<String, String> own, Environment environment, LogFile logFile) {
        Map<String, String> settings = new HashMap<>();
        QUIET_DEFAULTS.forEach((name, level) -> settings.put(PREFIX + "level." + name, LEVELS.convertSystemToNative(level)));
        settings.putAll(own);
        settings.putAll(springSettings(environment, logFile));
        SysWriteLogging.reconfigure(settings);
        resetJul();
        Map<String, String> set = SysWriteLogging.levels();
        set.keySet().forEach(name -> mirrorToJul(name, set));
    }

    /** What Spring's configuration says, as the backend's settings. */
    private static Map<String, String> springSettings(Environment environment, LogFile logFile) {
        Map<String, String> settings = new HashMap<>();
        String structured;
        if (logFile != null) {
            settings.put(PREFIX + "output", logFile.toString());
            structured = environment.getProperty("logging.structured.format.file");
        } else {
            structured = environment.getProperty("logging.structured.format.console");
        }
        if (structured != null && !structured.isBlank()) {
            if (structured.trim().equalsIgnoreCase("ecs")) {
                settings.put(PREFIX + "format", "json");
            } else {
                System.err.println("syswrite-logger: logging.structured.format " + structured.trim()
                        + " is not one syswrite writes (it writes ecs); writing text");
            }
        }
        putIfSet(settings, "service.name", environment, "logging.structured.ecs.service.name", "spring.application.name");
        putIfSet(settings, "service.version", environment, "logging.structured.ecs.service.version", "spring.application.version");
        putIfSet(settings, "service.environment", environment, "logging.structured.ecs.service.environment", null);
        putIfSet(settings, "service.node.name", environment, "logging.structured.ecs.service.node-name", null);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String setting, Environment environment, String key, String fallback) {
        String value = environment.getProperty(key);
        if ((value == null || value.isBlank()) && fallback != null) {
            value = environment.getProperty(fallback);
        }
        if (value != null && !value.isBlank()) {
            settings.put(PREFIX + setting, value.trim());
        }
    }

    /**
     * Sets a logger's level, and the level of the {@code java.util.logging} logger of the same
     * name, so that JUL passes the records that level lets through to the bridge.
     *
     * @param loggerName a logger name, or {@code ROOT}
     * @param level the level, or null to inherit the parent's again
     */
    @Override
    public void setLogLevel(String loggerName, LogLevel level) {
        String name = ownName(loggerName);
        if (SysWriteLogging.setLevel(name, level == null ? null : LEVELS.convertSystemToNative(level))) {
            mirrorToJul(name, SysWriteLogging.levels());
        }
    }

    /**
     * Gives the JUL logger {@code name} the level syswrite has set on that name in {@code set}
     * (none: it inherits, as in syswrite; the root always has one), where JUL is bridged into SLF4J.
     */
    private void mirrorToJul(String name, Map<String, String> set) {
        if (!isBridgeInstalled()) {
            return;
        }
        String own = name.isEmpty() ? SysWriteLogging.levelOf(name) : set.get(name);
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(name);
        jul.setLevel(own == null ? null : julLevel(LEVELS.convertNativeToSystem(own)));
        julLevelsSet.add(jul);
    }

    /** Gives back to JUL the levels this set: its loggers inherit again, its root at INFO, JUL's default. */
    private void resetJul() {
        for (java.util.logging.Logger jul : julLevelsSet) {
            jul.setLevel(jul.getName().isEmpty() ? Level.INFO : null);
        }
        julLevelsSet.clear();
    }

    private static Level julLevel(LogLevel level) {
        return JUL_LEVELS.get(level);
    }

    /**
     * The levels SLF4J's backend supports.
     *
     * @return TRACE, DEBUG, INFO, WARN, ERROR and OFF ({@code setLogLevel} takes FATAL as ERROR)
     */
    @Override
    public Set<LogLevel> getSupportedLogLevels() {
        return LEVELS.getSupported();
    }

    /**
     * Every logger made so far and every name with a level, each with the level set on it (or
     * null) and the level in effect.
     *
     * @return the configurations, the root's first
     */
    @Override
    public List<LoggerConfiguration> getLoggerConfigurations() {
        Map<String, String> set = SysWriteLogging.levels();
        Set<String> names = knownNames(set);
        List<LoggerConfiguration> configurations = new ArrayList<>();
        for (String name : names) {
            configurations.add(configuration(name, set));
        }
        configurations.sort(CONFIGURATION_COMPARATOR);
        return configurations;
    }

    /**
     * The configuration of one logger.
     *
     * @param loggerName a logger name, or {@code ROOT}
     * @return its configuration; null for a name that is no logger's, above none and has no level
     */
    @Override
    public LoggerConfiguration getLoggerConfiguration(String loggerName) {
        String name = ownName(loggerName);
        Map<String, String> set = SysWriteLogging.levels();
        return knownNames(set).contains(name) ? configuration(name, set) : null;
    }

    /**
     * The root, every logger made so far with the names above it in the dotted hierarchy (as
     * Logback lists its parent loggers: {@code com} and {@code com.foo} for {@code com.foo.Bar}),
     * and every name with a level.
     */
    private static Set<String> knownNames(Map<String, String> set) {
        Set<String> names = new TreeSet<>(set.keySet());
        names.add("");
        for (String name : SysWriteLogging.loggerNames()) {
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                names.add(name.substring(0, dot));
            }
            names.add(name);
        }
        return names;
    }

    private static LoggerConfiguration configuration(String name, Map<String, String> set) {
        String own = set.get(name);
        String effective = SysWriteLogging.levelOf(name);
        return new LoggerConfiguration(name.isEmpty() ? ROOT_LOGGER_NAME : name, own == null ? null : LEVELS.convertNativeToSystem(own),
                effective == null ? LogLevel.OFF : LEVELS.convertNativeToSystem(effective)); // null: SLF4J is bound elsewhere
    }

    private static String ownName(String loggerName) {
        return loggerName == null || loggerName.isEmpty() || ROOT_LOGGER_NAME.equalsIgnoreCase(loggerName) ? "" : loggerName;
    }

    /**
     * Flushes the asynchronous mode's queue when Spring shuts down, after the context closed.
     *
     * @return the handler
     */
    @Override
    public Runnable getShutdownHandler() {
        return SysWriteLogging::flush;
    }

    /** Gives JUL back its levels and takes the bridge out again. */
    @Override
    public void cleanUp() {
        super.cleanUp();
        resetJul();
        if (isBridgeAvailable()) {
            removeBridge();
        }
    }

    private boolean isBridgeAvailable() {
        return ClassUtils.isPresent(BRIDGE_HANDLER, getClassLoader());
    }

    /** Whether JUL's records go to SLF4J: its root's one handler is the bridge. */
    private boolean isBridgeInstalled() {
        if (!isBridgeAvailable()) {
            return false;
        }
        Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
        return handlers.length == 1 && handlers[0] instanceof SLF4JBridgeHandler;
    }

    private static boolean julHasAtMostItsConsoleHandler() {
        Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
        return handlers.length == 0 || handlers.length == 1 && handlers[0] instanceof ConsoleHandler;
    }

    private static void removeBridge() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        SLF4JBridgeHandler.uninstall();
    }

    /**
     * Gives Spring Boot this logging system where SLF4J is bound to syswrite's backend; where it
     * is bound to another, Spring Boot asks the next factory. Ordered before Logback's, so that a
     * class path that holds both but chose syswrite (first provider found, or
     * {@code -Dslf4j.provider}) gets this one.
     */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    public static class Factory implements LoggingSystemFactory {
        /** Creates the factory; Spring Boot does, from {@code META-INF/spring.factories}. */
        public Factory() {}

        /**
         * This logging system, if SLF4J is bound to syswrite's backend.
         *
         * @param classLoader the application's class loader
         * @return the logging system, or null
         */
        @Override
        public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
            return SysWriteLogging.isBound() ? new SysWriteLoggingSystem(classLoader) : null;
        }
    }
}
