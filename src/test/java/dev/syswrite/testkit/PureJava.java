package dev.syswrite.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that touches no native code, no system call whose answer depends on the
 * architecture, and no behaviour that differs between JDK versions (number formatting, the
 * foreign memory API, restricted methods): its outcome is the same on every JVM of the suite, so
 * it runs once, on the host JVM, and not again under QEMU or on JDK 25 (the pom's
 * {@code excludedGroups}). A class that only might qualify is left unmarked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(PureJava.TAG)
public @interface PureJava {
    /** The JUnit tag the other runs exclude. */
    String TAG = "pure-java";
}
