package dev.syswrite.logging.output;

import dev.syswrite.logging.event.Level;

/**
 * Where lines go and how a file output is kept: the output's part of the engine's settings.
 *
 * @param target {@code stderr}, {@code stdout} or a file path, opened for append and created if missing
 * @param reopenNanos how often a file output checks that its path still names the open file, and
 *     opens the path again if not; 0 checks only when asked
 * @param rolloverSize the size from which a file output is rolled ({@code app.log} to
 *     {@code app.log.1}, and so on); 0 never rolls
 * @param rolloverKeep how many rolled files to keep
 * @param fsyncLevel the level from which an event is on the device, synced with
 *     {@code fdatasync(2)}, when its call returns; {@link Level#OFF} for none
 */
public record OutputSettings(String target, long reopenNanos, long rolloverSize, int rolloverKeep, Level fsyncLevel) {}
