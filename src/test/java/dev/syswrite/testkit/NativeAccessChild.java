package dev.syswrite.testkit;

import dev.syswrite.SysWrite;

/** Says whether syswrite loaded in this JVM and, if not, its cause chain: for NativeAccessTest. */
public final class NativeAccessChild {
    private NativeAccessChild() {}

    public static void main(String[] args) {
        System.out.println("available " + SysWrite.isAvailable());
        for (Throwable t = SysWrite.unavailabilityCause(); t != null; t = t.getCause()) {
            System.out.println("cause " + t);
        }
    }
}
