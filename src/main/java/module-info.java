/**
 * syswrite: {@code write(2)} from Java through hand-written assembly, with no libc.
 *
 * <p>Exports the API ({@code dev.syswrite}) and the SLF4J provider ({@code dev.syswrite.slf4j});
 * the loader and the native entry points ({@code dev.syswrite.internal}) stay sealed. SLF4J is
 * optional: only the provider needs it. No SLF4J service is registered, so having syswrite on a
 * module path never takes over an application's logging; choose the provider with
 * {@code -Dslf4j.provider=dev.syswrite.slf4j.SysWriteServiceProvider}. From JDK 24, grant native
 * access with {@code --enable-native-access=dev.syswrite}.
 */
module dev.syswrite {
    requires static transitive org.slf4j; // the provider's API is SLF4J's
    requires static java.management; // only for syswrite.logger.jmx=true

    exports dev.syswrite;
    exports dev.syswrite.slf4j;
}
