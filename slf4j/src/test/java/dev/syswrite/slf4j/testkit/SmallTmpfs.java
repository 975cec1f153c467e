package dev.syswrite.slf4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** A tmpfs of a few pages, mounted for one test: a real disk that fills up, and frees up again. */
public final class SmallTmpfs implements AutoCloseable {
    public final Path mount;

    /** Mounts {@code size} (as mount's {@code size=} takes it) at a new folder in {@code dir}; skips the test where it cannot (needs root). */
    public SmallTmpfs(Path dir, String size) throws IOException, InterruptedException {
        mount = Files.createDirectory(dir.resolve("small"));
        Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String why = new String(mounting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): " + why);
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("umount", "--lazy", mount.toString()).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the lazy unmount goes on without us
        }
    }
}
