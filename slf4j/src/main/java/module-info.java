/**
 * syswrite's SLF4J backend: a logging engine that writes through syswrite, bound to SLF4J 2.
 *
 * <p>Exports the binding ({@code dev.syswrite.slf4j}: the provider, and {@code SysWriteLogging},
 * the one public door for flush, reopen, levels and counters); the engine
 * ({@code dev.syswrite.logging.*}) stays sealed. It registers its provider with
 * {@code ServiceLoader}, so that having it on the class path or the module path is choosing it,
 * as with any SLF4J backend; {@code -Dslf4j.provider} still names it explicitly.
 */
module dev.syswrite.slf4j {
    requires transitive org.slf4j; // the provider's API is SLF4J's
    requires transitive dev.syswrite; // its Errno is in this API (lost events by cause)
    requires static java.management; // only for syswrite.logger.jmx=true

    exports dev.syswrite.slf4j;

    provides org.slf4j.spi.SLF4JServiceProvider with dev.syswrite.slf4j.SysWriteServiceProvider;
}
