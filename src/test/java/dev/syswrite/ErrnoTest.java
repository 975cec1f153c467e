package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    /** The kernel's own tables, as installed with the C toolchain (linux-libc-dev). */
    private static final Path[] KERNEL_HEADERS = {
        Path.of("/usr/include/asm-generic/errno-base.h"), Path.of("/usr/include/asm-generic/errno.h")
    };

    @Test
    void everyKernelErrnoHasItsConstant() throws Exception {
        Map<String, String> kernel = kernelDefines();
        assertTrue(kernel.size() > 130, "kernel headers read: " + kernel.size());
        for (Map.Entry<String, String> define : kernel.entrySet()) {
            Errno constant = constant(define.getKey());
            String value = define.getValue();
            Errno expected = value.matches("\\d+") ? Errno.of(Integer.parseInt(value)) : constant(value); // alias
            assertSame(expected, constant, define.getKey());
            if (value.matches("\\d+")) {
                assertEquals(define.getKey(), constant.name());
                assertEquals(Integer.parseInt(value), constant.number());
            }
        }
    }

    @Test
    void oneToOneHundredThirtyThreeAllResolve() {
        int named = 0;
        for (int n = 1; n <= 133; n++) {
            Errno errno = Errno.of(n);
            assertEquals(n, errno.number());
            assertFalse(errno.description().isBlank(), errno.name());
            if (errno.isKnown()) {
                named++;
                assertSame(errno, Errno.of(n));
                assertTrue(errno.name().startsWith("E"), errno.name());
            }
        }
        assertEquals(131, named, "41 and 58 are the only unassigned numbers");
    }

    @Test
    void unknownNumbersAreKeptExactly() {
        Errno errno = Errno.of(200);
        assertEquals(200, errno.number());
        assertEquals("UNKNOWN_200", errno.name());
        assertEquals("Unknown error 200", errno.description());
        assertFalse(errno.isKnown());
        assertEquals(errno, Errno.of(200));
        assertEquals(errno.hashCode(), Errno.of(200).hashCode());
        assertEquals(41, Errno.of(41).number());
        assertThrows(IllegalArgumentException.class, () -> Errno.of(0));
        assertThrows(IllegalArgumentException.class, () -> Errno.of(-9));
    }

    @Test
    void namesDescriptionsAndAliases() {
        assertEquals("EBADF", Errno.EBADF.name());
        assertEquals(9, Errno.EBADF.number());
        assertEquals("Bad file descriptor", Errno.EBADF.description());
        assertEquals("EBADF (9): Bad file descriptor", Errno.EBADF.toString());
        assertEquals("No space left on device", Errno.ENOSPC.description());
        assertEquals("Broken pipe", Errno.EPIPE.description());
        assertSame(Errno.EAGAIN, Errno.EWOULDBLOCK);
        assertSame(Errno.EDEADLK, Errno.EDEADLOCK);
        assertSame(Errno.EOPNOTSUPP, Errno.ENOTSUP);
        assertEquals(133, Errno.EHWPOISON.number());
        assertNotEquals(Errno.EBADF, Errno.EPIPE);
    }

    @Test
    void exceptionCarriesTheErrno() {
        ErrnoException e = new ErrnoException(Errno.EPIPE);
        assertSame(Errno.EPIPE, e.errno());
        assertEquals("EPIPE (32): Broken pipe", e.getMessage());
        assertTrue(e instanceof IOException);
        assertEquals(Errno.of(300), new ErrnoException(Errno.of(300)).errno());
    }

    private static Map<String, String> kernelDefines() throws IOException {
        Pattern define = Pattern.compile("^#define\\s+(E[A-Z0-9]+)\\s+(\\w+)");
        Map<String, String> defines = new TreeMap<>();
        for (Path header : KERNEL_HEADERS) {
            for (String line : Files.readAllLines(header)) {
                Matcher m = define.matcher(line);
                if (m.find()) {
                    defines.put(m.group(1), m.group(2));
                }
            }
        }
        return defines;
    }

    private static Errno constant(String name) throws ReflectiveOperationException {
        Field field = Errno.class.getField(name);
        assertTrue(Modifier.isStatic(field.getModifiers()) && Modifier.isFinal(field.getModifiers()), name);
        return (Errno) field.get(null);
    }
}
