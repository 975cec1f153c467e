package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syswrite.testkit.PureJava;
import org.junit.jupiter.api.Test;

@PureJava
class WriteResultTest {
    @Test
    void rawCountsAreOk() throws ErrnoException {
        assertEquals(new WriteResult.Ok(0), WriteResult.fromRaw(0));
        assertEquals(new WriteResult.Ok(Long.MAX_VALUE), WriteResult.fromRaw(Long.MAX_VALUE));
        WriteResult ok = WriteResult.fromRaw(42);
        assertTrue(ok.isOk());
        assertEquals(42, ok.orElseThrow());
    }

    @Test
    void rawErrorsAreErrAndShared() {
        WriteResult err = WriteResult.fromRaw(-9);
        assertEquals(new WriteResult.Err(Errno.EBADF), err);
        assertSame(err, WriteResult.fromRaw(-9), "a named errno's Err is one instance");
        assertFalse(err.isOk());
        assertSame(Errno.EBADF, assertThrows(ErrnoException.class, err::orElseThrow).errno());
        assertEquals(new WriteResult.Err(Errno.of(4095)), WriteResult.fromRaw(-4095));
    }

    @Test
    void malformedValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WriteResult.fromRaw(-4096));
        assertThrows(IllegalArgumentException.class, () -> new WriteResult.Ok(-1));
        assertThrows(NullPointerException.class, () -> new WriteResult.Err(null));
    }

    @Test
    void patternMatchingIsExhaustive() {
        WriteResult result = WriteResult.fromRaw(-32);
        String said;
        if (result instanceof WriteResult.Ok ok) {
            said = "wrote " + ok.bytesWritten();
        } else if (result instanceof WriteResult.Err err) {
            said = err.errno().name();
        } else {
            throw new AssertionError("sealed: Ok or Err only");
        }
        assertEquals("EPIPE", said);
    }
}
