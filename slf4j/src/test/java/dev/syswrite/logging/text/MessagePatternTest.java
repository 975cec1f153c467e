package dev.syswrite.logging.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/** MessageFormatter is the oracle: every pattern and argument combination must come out identical. */
class MessagePatternTest {
    private static final String[] PATTERNS = {
        "", "plain", "{}", "{}{}", "{} {} {}", "a {} b", "a {} b {} c", "{", "}", "}{", "{ }", "x {}}", "{{}}",
        "\\{}", "a \\{} b {}", "\\\\{}", "a \\\\{} b {}", "\\\\\\{}", "{}\\", "\\", "trailing {} \\{} {}",
        "unicode \u00e9\u4e2d {} \ud83d\ude00 {}", "null {} {} {} {}", "\\{}\\{}{}", "{}\\\\{}\\{}"
    };

    private static final Object[] ARGUMENTS = {
        null, "s", "", "{}", "\\", 0, -1, Integer.MIN_VALUE, Long.MAX_VALUE, (short) 7, (byte) -3, 1.5, -0.0, Double.NaN,
        1e-300, 0.1f, Float.MAX_VALUE, true, 'c', '\u00e9', new BigDecimal("1.10"), new int[] {1, 2}, new long[0],
        new double[] {0.5, 1e10}, new boolean[] {true}, new byte[] {1, -1}, new char[] {'a', 'b'}, new short[] {3},
        new float[] {2.5f}, new Object[] {"x", null, new int[] {4}}, new String[] {"a", "b"}, new Object() {
            @Override
            public String toString() {
                return "custom";
            }
        },
    };

    @Test
    void oneAndTwoArgumentsMatchMessageFormatter() {
        for (String pattern : PATTERNS) {
            for (Object a1 : ARGUMENTS) {
                check(pattern, 1, a1, null, null);
                for (Object a2 : ARGUMENTS) {
                    check(pattern, 2, a1, a2, null);
                }
            }
        }
    }

    @Test
    void manyArgumentsMatchMessageFormatter() {
        Random random = new Random(42);
        for (String pattern : PATTERNS) {
            for (int n = 0; n < 200; n++) {
                Object[] args = new Object[random.nextInt(6)];
                for (int i = 0; i < args.length; i++) {
                    args[i] = ARGUMENTS[random.nextInt(ARGUMENTS.length)];
                }
                check(pattern, args.length, null, null, args);
            }
        }
    }

    @Test
    void selfContainingArraysPrintAsEllipsis() {
        Object[] self = new Object[2];
        self[0] = "a";
        self[1] = self;
        Object[] sibling = {"s"};
        check("{} {}", 2, self, new Object[] {sibling, sibling}, null);
    }

    @Test
    void failingToStringIsMarkedNotThrown() {
        Object failing = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        check("a {} b {}", 2, failing, "x", null);
        check("{}", 1, new Object[] {failing}, null, null);
    }

    @Test
    void noArgumentsLeavesThePatternAlone() {
        LineBuilder out = new LineBuilder().reset(1000, true, false);
        MessagePattern.appendTo(out, "a \\{} {} b", 0, null, null, null);
        assertEquals("a \\{} {} b", out.chars().toString());
        out.reset(1000, true, false);
        MessagePattern.appendTo(out, null, 1, "x", null, null);
        assertEquals("null", out.chars().toString());
    }

    private static void check(String pattern, int count, Object a1, Object a2, Object[] more) {
        Object[] args = more != null ? more : count == 1 ? new Object[] {a1} : new Object[] {a1, a2};
        String expected = MessageFormatter.basicArrayFormat(pattern, args);
        LineBuilder actual = new LineBuilder().reset(1 << 20, true, false).append("prefix:");
        MessagePattern.appendTo(actual, pattern, count, a1, a2, more);
        assertEquals("prefix:" + expected, actual.chars().toString(), () -> pattern + " with " + describe(args));
    }

    private static String describe(Object[] args) {
        List<String> parts = new ArrayList<>();
        for (Object a : args) {
            parts.add(a == null ? "null" : a.getClass().getSimpleName());
        }
        return parts.toString();
    }
}
