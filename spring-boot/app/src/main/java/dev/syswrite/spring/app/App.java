package dev.syswrite.spring.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint, {@code /hello?n=N}, that logs at INFO and DEBUG through SLF4J and at INFO and
 * FINE through {@code java.util.logging}, so run.sh can see which levels reach the file.
 */
@SpringBootApplication
@RestController
public class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("dev.syswrite.spring.app.Jul");

    public static void main(String[] args) {
        SpringApplication.run(App.class, args);
    }

    @GetMapping("/hello")
    public String hello(@RequestParam int n) {
        LOG.info("hello {}", n);
        LOG.debug("debug {}", n);
        JUL.info("jul info " + n);
        JUL.fine("jul fine " + n);
        return "hello " + n + "\n";
    }
}
