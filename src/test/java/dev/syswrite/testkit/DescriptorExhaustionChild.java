package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens descriptors until the process has none left, frees {@code args[0]} of them, then asks
 * twice whether syswrite is available; prints what each answer was, or what it threw.
 */
public final class DescriptorExhaustionChild {
    private DescriptorExhaustionChild() {}

    public static void main(String[] args) throws Exception {
        List<FileInputStream> held = new ArrayList<>();
        try {
            while (true) {
                held.add(new FileInputStream("/dev/null"));
            }
        } catch (IOException full) {
            // EMFILE: every descriptor is taken
        }
        for (int i = 0; i < Integer.parseInt(args[0]) && !held.isEmpty(); i++) {
            held.remove(held.size() - 1).close();
        }
        String first = ask();
        String second = ask();
        for (FileInputStream in : held) {
            in.close();
        }
        System.out.println(first);
        System.out.println(second);
    }

    private static String ask() {
        try {
            return SysWrite.isAvailable() ? "available" : "unavailable";
        } catch (Throwable t) {
            return "threw " + t;
        }
    }
}
