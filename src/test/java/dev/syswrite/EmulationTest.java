package dev.syswrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.syswrite.testkit.Emulation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The suite's judgement of emulation agrees with the build, where the build knows. */
class EmulationTest {
    @Test
    void observationAgreesWithTheBuild() {
        String said = System.getProperty("syswrite.test.emulated");
        Assumptions.assumeTrue(said != null, "the build did not say whether this run is emulated");
        assertEquals(Boolean.parseBoolean(said), Emulation.underQemu());
    }
}
