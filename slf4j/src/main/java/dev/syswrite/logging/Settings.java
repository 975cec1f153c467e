package dev.syswrite.logging;

import dev.syswrite.logging.async.AsyncSettings;
import dev.syswrite.logging.layout.LayoutSettings;
import dev.syswrite.logging.output.OutputSettings;

/**
 * Everything the engine is told, by whichever front end reads the user's settings (for SLF4J,
 * {@code dev.syswrite.slf4j.LoggerConfig}): one record per part, so that each part sees only its own.
 *
 * @param layout what a line says
 * @param output where it goes
 * @param async the asynchronous mode's settings, or null for the synchronous mode
 */
public record Settings(LayoutSettings layout, OutputSettings output, AsyncSettings async) {}
