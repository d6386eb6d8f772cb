package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelTest {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @Test
    void verboseAndQuietHoldForTheirRunOnly() {
        assertEquals(Level.WARN, root.getLevel());

        for (String flag : new String[] {"-v", "-q", "--verbose", "--quiet"}) {
            assertEquals(0, run(flag, "version"), flag);
            assertEquals(Level.WARN, root.getLevel(), flag);
        }
    }

    private static int run(String... args) {
        PrintWriter nowhere = new PrintWriter(new StringWriter());
        return Dhow.commandLineFor(args, nowhere, nowhere, java.util.Map.of(), java.nio.file.Path.of("."), Services.real()).execute(args);
    }
}
