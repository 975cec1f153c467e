package dev.syswrite.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds the classes that exist only for JDK 22 and later, in the multi-release jar's
 * {@code META-INF/versions/22}: they use the Foreign Function and Memory API, final since 22.
 * Each has a fallback here for earlier JDKs (and for a copy of the classes without them).
 */
final class Jdk22 {
    private Jdk22() {}

    /**
     * Makes an instance of a JDK 22 class of this package with its no-argument constructor.
     *
     * @param binaryName the class's binary name within this package, for example {@code "A$B"}
     * @param type what it implements
     * @param <T> that type
     * @return the instance, or null below JDK 22 or where the class is absent
     */
    static <T> T instance(String binaryName, Class<T> type) {
        if (Runtime.version().feature() < 22) {
            return null; // the class file is version 66: loading it would throw
        }
        MethodHandle constructor;
        try {
            Class<?> found = Class.forName(Jdk22.class.getPackageName() + "." + binaryName);
            constructor = MethodHandles.lookup().findConstructor(found, MethodType.methodType(void.class));
        } catch (ReflectiveOperationException absent) {
            return null;
        }
        try {
            return type.cast(constructor.invoke());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException(binaryName, checked); // no constructor here declares one
        }
    }
}
