package dev.syswrite.testkit;

import dev.syswrite.SysWrite;
import dev.syswrite.WriteResult;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A child JVM that writes vectors holding a buffer over memory no one can read, alone and among
 * readable buffers, through each {@code writev} entry point, then with {@code write}, and prints
 * what each gave and how far each buffer's position moved: a crash is the child's death, not a
 * failed assertion of the parent's.
 *
 * <p>usage: {@code UnreadableBufferChild plain|segment FILE}. {@code plain}: the unreadable buffer
 * is a plain direct buffer pointed at a page below {@code vm.mmap_min_addr}, which no process
 * maps (needs {@code --add-opens java.base/java.nio}, and {@code java.io} for the descriptor).
 * {@code segment} (JDK 22+): it views a segment over a {@code PROT_NONE} page; buffers of a closed
 * arena are written as well. On JDK 22+ one readable buffer of each vector views a shared
 * arena's segment, so that the vector goes the way vectors holding a segment go.
 */
public final class UnreadableBufferChild {
    /** Page 1: below {@code vm.mmap_min_addr} (64 KiB by default), where the JVM maps nothing. */
    private static final long LOW_PAGE = 0x1000;

    private static final boolean SEGMENTS = Runtime.version().feature() >= 22;

    private UnreadableBufferChild() {}

    public static void main(String[] args) throws IOException {
        boolean plain = args[0].equals("plain");
        ByteBuffer unreadable = plain ? Fds.pointedAt(ByteBuffer.allocateDirect(16), LOW_PAGE) : (ByteBuffer) segments("unreadable", 16);
        try (FileOutputStream out = new FileOutputStream(args[1])) {
            FileDescriptor fd = out.getFD();
            Map<String, Supplier<ByteBuffer[]>> vectors = new LinkedHashMap<>();
            vectors.put("alone", () -> new ByteBuffer[] {unreadable.duplicate()});
            vectors.put("first", () -> new ByteBuffer[] {unreadable.duplicate(), heap("ab"), direct("cd")});
            vectors.put("middle", () -> new ByteBuffer[] {heap("ab"), unreadable.duplicate(), viewed("ef")});
            vectors.put("last", () -> new ByteBuffer[] {heap("ab"), direct("cd"), viewed("ef"), unreadable.duplicate()});
            vectors.put("empty", () -> new ByteBuffer[] {heap("ab"), unreadable.duplicate().limit(0), viewed("ef")});
            vectors.put("empty alone", () -> new ByteBuffer[] {unreadable.duplicate().limit(0)});
            if (!plain) {
                vectors.put("closed", () -> new ByteBuffer[] {heap("ab"), closed(8)});
                vectors.put("closed empty", () -> new ByteBuffer[] {heap("ab"), closed(8).limit(0), viewed("ef")});
            }
            for (Map.Entry<String, Supplier<ByteBuffer[]>> vector : vectors.entrySet()) {
                System.out.println(vector.getKey() + ": " + throughEveryWritev(fd, vector.getValue()));
            }
            System.out.println("write: " + attempt(() -> SysWrite.write(fd, unreadable.duplicate())));
            System.out.println("write empty: " + attempt(() -> SysWrite.write(fd, unreadable.duplicate().limit(0))));
            if (!plain) {
                System.out.println("write closed: " + attempt(() -> SysWrite.write(fd, closed(8))));
                System.out.println("write closed empty: " + attempt(() -> SysWrite.write(fd, closed(8).limit(0))));
            }
        }
        System.out.println("alive: " + SysWrite.write(1, new byte[0]).isOk());
    }

    /**
     * Writes a fresh copy of the vector through each of the four entry points; returns their
     * common result and positions, or each one's if they differ.
     */
    private static String throughEveryWritev(FileDescriptor fd, Supplier<ByteBuffer[]> vector) {
        Map<String, Writev> entryPoints = new LinkedHashMap<>();
        entryPoints.put("writev(int)", srcs -> SysWrite.writev(Fds.of(fd), srcs));
        entryPoints.put("writev(FileDescriptor)", srcs -> SysWrite.writev(fd, srcs));
        entryPoints.put("writevRaw(int)", srcs -> WriteResult.fromRaw(SysWrite.writevRaw(Fds.of(fd), srcs)));
        entryPoints.put("writevRaw(FileDescriptor)", srcs -> WriteResult.fromRaw(SysWrite.writevRaw(fd, srcs)));
        List<String> outcomes = new ArrayList<>();
        for (Map.Entry<String, Writev> entryPoint : entryPoints.entrySet()) {
            ByteBuffer[] srcs = vector.get();
            String result = attempt(() -> entryPoint.getValue().write(srcs));
            String positions = Arrays.stream(srcs).map(b -> String.valueOf(b.position())).collect(Collectors.joining(" "));
            outcomes.add(entryPoint.getKey() + " " + result + " positions " + positions);
        }
        List<String> common = outcomes.stream().map(o -> o.substring(o.indexOf(' ') + 1)).distinct().toList();
        return common.size() == 1 ? common.get(0) : String.join(" | ", outcomes);
    }

    private interface Writev {
        WriteResult write(ByteBuffer[] srcs);
    }

    private static ByteBuffer heap(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** A segment's buffer on JDK 22+, where it makes the vector go the segments' way; a plain direct one below. */
    private static ByteBuffer viewed(String text) {
        return SEGMENTS ? (ByteBuffer) segments("shared", (Object) text.getBytes(StandardCharsets.US_ASCII)) : direct(text);
    }

    private static ByteBuffer closed(int len) {
        return (ByteBuffer) segments("closed", len);
    }

    /** Calls a method of {@code dev.syswrite.testkit.SegmentBuffers}, whose class files are of release 22. */
    private static Object segments(String method, Object argument) {
        try {
            Class<?> buffers = Class.forName("dev.syswrite.testkit.SegmentBuffers");
            Class<?> type = argument instanceof Integer ? int.class : argument.getClass();
            return buffers.getMethod(method, type).invoke(null, argument);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method, e);
        }
    }

    private static String attempt(Supplier<WriteResult> write) {
        try {
            return String.valueOf(write.get());
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
