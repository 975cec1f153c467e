package dev.syswrite.slf4j.testkit;

import dev.syswrite.slf4j.LostEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM that logs one huge template with a placeholder, then one small event, and prints
 * "returned" and how many events its provider counts as lost. The template is {@code COUNT}
 * times {@code UNIT} ({@code x} by default) and then {@code " {}"}.
 *
 * <p>usage: {@code HugeTemplateChild COUNT [UNIT]}
 */
public final class HugeTemplateChild {
    private HugeTemplateChild() {}

    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger("child");
        String template = (args.length > 1 ? args[1] : "x").repeat(Integer.parseInt(args[0])) + " {}";
        log.info(template, 1);
        System.out.println("returned");
        template = null;
        log.info("after");
        System.out.println("lost " + LostEvents.ofBoundProvider().map(LostEvents::total).orElse(-1L));
    }
}
