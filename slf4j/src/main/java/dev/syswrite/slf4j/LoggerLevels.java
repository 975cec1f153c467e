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
    /** How many providers' beans one JVM takes before it says no more. */
    private static final int MOST_INSTANCES = 100;

    private final SysWriteLoggerFactory factory;

    private LoggerLevels(SysWriteLoggerFactory factory) {
        this.factory = factory;
    }

    /**
     * Registers the MBean of {@code factory}'s levels with the platform MBean server, as
     * {@link #NAME}, or, if another provider in this JVM has that name (another class loader's
     * copy of syswrite: a second application in a server), as {@code NAME,instance=2} (3, ...),
     * which is said on stderr. It is never unregistered: a provider has no end, so a server
     * that redeploys an application keeps the old one's bean. A runtime without
     * {@code java.management} fails this class's linking: the caller catches that
     * {@link LinkageError}.
     *
     * @return the name registered, or null if none could be
     */
    static String register(SysWriteLoggerFactory factory) {
        String name = NAME;
        try {
            for (int instance = 2; ; instance++) {
                try {
                    ManagementFactory.getPlatformMBeanServer().registerMBean(new LoggerLevels(factory), new ObjectName(name));
                    if (instance > 2) {
                        System.err.println("syswrite-logger: " + NAME + " is another syswrite provider's in this JVM; this one's levels are "
                                + name);
                    }
                    return name;
                } catch (InstanceAlreadyExistsException taken) {
                    if (instance > MOST_INSTANCES) {
                        throw taken;
                    }
                    name = NAME + ",instance=" + instance;
                }
            }
        } catch (JMException | RuntimeException unavailable) {
            System.err.println("syswrite-logger: cannot register the MBean " + name + " (" + unavailable + ")");
            return null;
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
