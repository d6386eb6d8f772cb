package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingConfiguratorTest {
    @Test
    void diagnosticsGoToStderrAtWarnWithTimeLevelAndLogger() {
        LoggerContext context = new LoggerContext();
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);

        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("org.apache.sshd").getLevel());
        assertEquals(Level.WARN, context.getLogger("dev.dhow.ssh.DhowSshClient").getLevel());
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertEquals("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n",
                assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder()).getPattern());
    }

    @Test
    void logbackFindsItThroughTheServiceFile() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
    }
}
