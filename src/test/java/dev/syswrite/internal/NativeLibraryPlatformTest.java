package dev.syswrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NativeLibraryPlatformTest {
    @Test
    void linuxArchitecturesMapToTheBundledFolders() {
        assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "amd64"));
        assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "x86_64"));
        assertEquals("linux-aarch64", NativeLibrary.platform("Linux", "aarch64"));
        assertEquals("linux-aarch64", NativeLibrary.platform("Linux", "arm64"));
    }

    @Test
    void everythingElseIsUnsupported() {
        assertNull(NativeLibrary.platform("Linux", "arm"));
        assertNull(NativeLibrary.platform("Linux", "x86"));
        assertNull(NativeLibrary.platform("Linux", "riscv64"));
        assertNull(NativeLibrary.platform("Mac OS X", "aarch64"));
        assertNull(NativeLibrary.platform("Windows 11", "amd64"));
        assertNull(NativeLibrary.platform(null, null));
    }
}
