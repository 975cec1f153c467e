package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.EnumSwitchMaps;
import dev.syswrite.testkit.PureJava;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No class of the bridge switches on an enum ({@link EnumSwitchMaps} says why). */
@PureJava
class EnumSwitchMapTest {
    @Test
    void noClassHoldsAnEnumSwitchMap() throws IOException {
        assertEquals(List.of(), EnumSwitchMaps.under(Path.of("target", "classes", "dev", "syswrite"), 15));
    }
}
