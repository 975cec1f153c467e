package dev.syswrite.logging.event;

/**
 * One key-value pair an event carries besides its message ({@code logger.atInfo().addKeyValue(k, v)}):
 * the text layout writes it as {@code key=value}, JSON Lines as a field of its own, typed.
 *
 * @param key the key, which may be null or any text: the layouts escape it
 * @param value the value, which may be null; its {@code toString()} may throw, as any argument's may
 */
public record KeyValue(String key, Object value) {}
