package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.Fds;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of ByteBuffer: the remaining bytes land, and the position moves by the count. */
class ByteBufferWriteTest {
    @TempDir
    Path dir;

    static Stream<Arguments> kinds() {
        Function<byte[], ByteBuffer> heap = ByteBuffer::wrap;
        Function<byte[], ByteBuffer> direct = b -> ByteBuffer.allocateDirect(b.length).put(b).flip();
        Function<byte[], ByteBuffer> heapReadOnly = b -> ByteBuffer.wrap(b).asReadOnlyBuffer();
        Function<byte[], ByteBuffer> directReadOnly = b -> direct.apply(b).asReadOnlyBuffer();
        Function<byte[], ByteBuffer> heapSlice = b -> { // a non-zero arrayOffset
            byte[] wider = new byte[b.length + 7];
            System.arraycopy(b, 0, wider, 7, b.length);
            return ByteBuffer.wrap(wider, 7, b.length).slice();
        };
        return Stream.of(
                        Arguments.of("heap", heap),
                        Arguments.of("direct", direct),
                        Arguments.of("heap read-only", heapReadOnly),
                        Arguments.of("direct read-only", directReadOnly),
                        Arguments.of("heap slice", heapSlice))
                .flatMap(a -> Stream.of(100, 8193, (1 << 20) + 3).map(size -> Arguments.of(a.get()[0], a.get()[1], size)));
    }

    @ParameterizedTest(name = "{0}, {2} bytes")
    @MethodSource("kinds")
    void remainingBytesLandAndPositionAdvances(String kind, Function<byte[], ByteBuffer> make, int size) throws IOException {
        byte[] data = SysWriteTest.randomBytes(size, size);
        ByteBuffer buffer = make.apply(data);
        buffer.position(3).limit(size - 5);
        Path file = dir.resolve("out");
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            assertEquals(new WriteResult.Ok(size - 8), SysWrite.write(Fds.of(out.getFD()), buffer), kind);
            assertEquals(size - 5, buffer.position(), kind);
            assertEquals(new WriteResult.Ok(0), SysWrite.write(out.getFD(), buffer), kind); // nothing remains
        }
        byte[] expected = new byte[size - 8];
        System.arraycopy(data, 3, expected, 0, expected.length);
        assertArrayEquals(expected, Files.readAllBytes(file), kind);
    }

    @ParameterizedTest(name = "{0}, {2} bytes")
    @MethodSource("kinds")
    void failedWriteLeavesPositionAlone(String kind, Function<byte[], ByteBuffer> make, int size) {
        ByteBuffer buffer = make.apply(new byte[size]);
        buffer.position(1);
        assertEquals(new WriteResult.Err(Errno.EBADF), SysWrite.write(-1, buffer), kind);
        assertEquals(1, buffer.position(), kind);
    }
}
