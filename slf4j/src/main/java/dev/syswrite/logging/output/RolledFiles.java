package dev.syswrite.logging.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files rolled by size ({@code syswrite.logger.rollover.size}): {@code app.log} becomes
 * {@code app.log.1}, which becomes {@code app.log.2}, and so on; past
 * {@code syswrite.logger.rollover.keep} the oldest is deleted, but only if this provider created
 * it.
 *
 * <p>Every file is known by its identity (device and inode), read without following links. A
 * name this provider did not fill (someone else's {@code app.log.5}, a symbolic link planted in a
 * shared directory, a file of an earlier run) is never deleted, never renamed, never renamed over
 * and never followed: the rolled files skip it and take the next free number. A file that moved
 * or vanished from under its name is forgotten. A rename never replaces its target: it is a hard
 * link, which fails if the name is taken, then the removal of the old name (or, on a file system
 * without hard links, a move that checks the target first).
 *
 * <p>Not thread-safe: used under the lock of {@link OutputFile}. One process only: several JVMs
 * rolling the same file would each roll what the others just opened.
 */
public final class RolledFiles {
    /** A rolled file: its identity, whether this provider created it, and its number. */
    private record Rolled(Object key, boolean created, int number) {}

    private final int keep;
    /** Newest first, numbers increasing. */
    private List<Rolled> files = new ArrayList<>();

    RolledFiles(int keep) {
        this.keep = keep;
    }

    /**
     * Renames the live file to the lowest free number, after moving the older ones up.
     *
     * @param live the live file's real path
     * @param key the live file's identity, checked by the caller
     * @param created whether this provider created it
     * @return false if a name was taken meanwhile: the live file was not renamed, try again later
     * @throws IOException if a rename or deletion failed; the live file was not renamed
     */
    boolean roll(Path live, Object key, boolean created) throws IOException {
        files.removeIf(f -> !isAt(name(live, f.number), f.key));
        List<Rolled> order = new ArrayList<>(files.size() + 1);
        order.add(new Rolled(key, created, 0));
        order.addAll(files);
        for (int i = keep; i < order.size(); i++) {
            Rolled old = order.get(i);
            if (old.created && isAt(name(live, old.number), old.key)) {
                Files.delete(name(live, old.number));
            }
        }
        List<Rolled> kept = new ArrayList<>(order.subList(0, Math.min(keep, order.size())));
        int[] targets = new int[kept.size()];
        for (int i = 0, next = 1; i < kept.size(); next = targets[i++] + 1) {
            // Never lower than where it is: a newer file may still be there.
            int number = Math.max(next, kept.get(i).number);
            while (isForeign(name(live, number), kept)) {
                number++;
            }
            targets[i] = number;
        }
        try {
            for (int i = kept.size() - 1; i >= 0; i--) { // the oldest first: its target is free, or was one of ours that moved
                Rolled f = kept.get(i);
                if (targets[i] != f.number) {
                    if (!move(name(live, f.number), name(live, targets[i]))) {
                        return false;
                    }
                    kept.set(i, new Rolled(f.key, f.created, targets[i]));
                }
            }
            return true;
        } finally {
            kept.removeIf(f -> f.number == 0); // the live file, unless it is rolled now
            files = kept;
        }
    }

    /** {@code app.log.N}; the live file itself for 0. */
    private static Path name(Path live, int number) {
        return number == 0 ? live : live.resolveSibling(live.getFileName() + "." + number);
    }

    /** Whether {@code name}, not followed if a link, is the file {@code key}. */
    private static boolean isAt(Path name, Object key) {
        try {
            BasicFileAttributes at = Files.readAttributes(name, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return at.isRegularFile() && key.equals(at.fileKey());
        } catch (IOException gone) {
            return false;
        }
    }

    /** Whether {@code name} holds anything but one of {@code ours}. */
    private static boolean isForeign(Path name, List<Rolled> ours) {
        Object key;
        try {
            key = Files.readAttributes(name, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (java.nio.file.NoSuchFileException free) {
            return false;
        } catch (IOException unreadable) {
            return true;
        }
        for (Rolled f : ours) {
            if (f.key.equals(key)) {
                return false;
            }
        }
        return true;
    }

    /** Renames {@code from} to {@code to} unless {@code to} is taken, or {@code from} moved meanwhile; false then. */
    private static boolean move(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (IOException | UnsupportedOperationException noHardLinks) {
            try {
                Files.move(from, to); // checks that the target is free, then renames: a short race
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        try {
            Files.delete(from);
        } catch (java.nio.file.NoSuchFileException movedMeanwhile) {
            Files.deleteIfExists(to); // someone else renamed it (logrotate): it is theirs, under one name
            return false;
        }
        return true;
    }
}
