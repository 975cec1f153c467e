package dev.syswrite.slf4j;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;

/** The {@link LoggerLevelsMXBean} of one provider's loggers. */
final class LoggerLevels implements LoggerLevelsMXBean {
    /** The name it is registered under. */
    static final String NAME = "dev.syswrite:type=LoggerLevels";

    private final SysWriteLoggerFactory factory;

    private LoggerLevels(SysWriteLoggerFactory factory) {
        this.factory = factory;
    }

    /**
     * Registers the MBean of {@code factory}'s levels with the platform MBean server. A name
     * another provider in this JVM took first (another class loader's copy of syswrite) is said
     * once on stderr. A runtime without {@code java.management} fails this class's linking: the
     * caller catches that {@link LinkageError}.
     */
    static void register(SysWriteLoggerFactory factory) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new LoggerLevels(factory), new ObjectName(NAME));
        } catch (InstanceAlreadyExistsException taken) {
            System.err.println("syswrite-logger: the MBean " + NAME + " is registered already, by another syswrite provider in this JVM;"
                    + " this one's levels are not on JMX");
        } catch (JMException | RuntimeException unavailable) {
            System.err.println("syswrite-logger: cannot register the MBean " + NAME + " (" + unavailable + ")");
        }
    }

    @Override
    public Map<String, String> getLevels() {
        return factory.levelsSet();
    }

    @Override
    public String levelOf(String name) {
        return factory.levelOf(name);
    }

    @Override
    public boolean setLevel(String name, String level) {
        return factory.setLevel(name, level);
    }
}
