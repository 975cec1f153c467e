/**
 * syswrite: {@code write(2)} from Java through hand-written assembly, with no libc.
 *
 * <p>Exports the API ({@code dev.syswrite}); the loader and the native entry points
 * ({@code dev.syswrite.internal}) stay sealed, but for the logging backend's one door into them
 * ({@code EngineAccess}), open to its module alone. This module needs nothing but
 * {@code java.base}; SLF4J logging is the separate {@code dev.syswrite.slf4j} module (artifact
 * {@code syswrite-slf4j}). From JDK 24, grant native access with
 * {@code --enable-native-access=dev.syswrite}.
 */
@SuppressWarnings("module") // the qualified export names a module built after this one
module dev.syswrite {
    exports dev.syswrite;
    exports dev.syswrite.internal to dev.syswrite.slf4j;
}
