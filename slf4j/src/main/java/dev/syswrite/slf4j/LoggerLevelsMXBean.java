package dev.syswrite.slf4j;

import java.util.Map;

/**
 * The loggers' levels over JMX (jconsole, VisualVM, a JMX exporter), registered as
 * {@code dev.syswrite:type=LoggerLevels} when {@code syswrite.logger.jmx=true}: the same reads and
 * changes as {@link SysWriteLogging#levels()}, {@link SysWriteLogging#levelOf(String)} and
 * {@link SysWriteLogging#setLevel(String, String)}, for the provider that registered it.
 */
public interface LoggerLevelsMXBean {
    /**
     * The levels set by name, at start and since, sorted by name, the root's first (as {@code ""}).
     *
     * @return names and their level words
     */
    Map<String, String> getLevels();

    /**
     * The level in effect for the logger {@code name}.
     *
     * @param name a logger name, or {@code ""} for the root
     * @return the level's word ({@code info}, ...); null for a null name
     */
    String levelOf(String name);

    /**
     * Sets the level of {@code name} and the loggers below it, as
     * {@link SysWriteLogging#setLevel(String, String)} does.
     *
     * @param name a logger name, or {@code ""} for the root
     * @param level a level's word, in any case, or null to inherit again
     * @return whether it was set; false for a null name or a word that is no level
     */
    boolean setLevel(String name, String level);
}
