package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh copy of syswrite's classes in a class loader of its own, initialized while some system
 * properties hold: how the tests see what the loader does on another machine or with other
 * settings, without touching the suite's own copy.
 */
public final class Isolated implements AutoCloseable {
    private final URLClassLoader loader;
    private final Class<?> sysWrite;

    private Isolated(URL classes, Map<String, String> properties) throws Exception {
        loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
        Map<String, String> saved = new HashMap<>();
        properties.keySet().forEach(key -> saved.put(key, System.getProperty(key)));
        try {
            properties.forEach(System::setProperty);
            sysWrite = loader.loadClass(SysWrite.class.getName());
            sysWrite.getMethod("isAvailable").invoke(null); // runs the loader now, under these properties
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    /** The suite's own compiled classes, loaded afresh. */
    public static Isolated load(Map<String, String> properties) throws Exception {
        return from(Path.of(SysWrite.class.getProtectionDomain().getCodeSource().getLocation().toURI()), properties);
    }

    /** The classes under {@code classes} (a copy, perhaps altered), loaded afresh. */
    public static Isolated from(Path classes, Map<String, String> properties) throws Exception {
        return new Isolated(classes.toUri().toURL(), properties);
    }

    public boolean isAvailable() throws Exception {
        return (boolean) call("isAvailable", new Class<?>[0]);
    }

    public Throwable cause() {
        try {
            return (Throwable) call("unavailabilityCause", new Class<?>[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cause's own message: all the SLF4J provider's line on stderr says of it. */
    public String message() {
        return cause().getMessage();
    }

    /** The cause and all its causes' messages, one per line. */
    public String causeChain() {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = cause(); t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        return chain.toString();
    }

    public Object call(String method, Class<?>[] types, Object... args) throws Exception {
        try {
            return sysWrite.getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** {@code SysWrite.write(fd, bytes).toString()} through this copy. */
    public String write(int fd, byte[] bytes) throws Exception {
        return call("write", new Class<?>[] {int.class, byte[].class}, fd, bytes).toString();
    }

    public String source() throws Exception {
        return (String) loader.loadClass("dev.syswrite.internal.NativeLibrary").getMethod("source").invoke(null);
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
