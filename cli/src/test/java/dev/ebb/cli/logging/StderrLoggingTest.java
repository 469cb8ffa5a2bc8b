package dev.ebb.cli.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class StderrLoggingTest {

    /** Logback found the configurator through META-INF/services and used it: no XML left to read. */
    @Test
    void logbackIsConfiguredByItStderrOnlyEmulatorsQuiet() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, a -> {
            assertThat(a.getTarget()).isEqualTo("System.err");
            assertThat(((PatternLayoutEncoder) a.getEncoder()).getPattern()).isEqualTo(StderrLogging.PATTERN);
        });
        for (String name : StderrLogging.QUIET) {
            assertThat(context.getLogger(name).getLevel()).as(name).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("dev.ebb").getEffectiveLevel())
                .isEqualTo(StderrLogging.rootLevel(System.getenv()));
    }

    /**
     * Logback reads {@code @ConfiguratorRank} of every configurator it finds, and the JVM builds
     * the annotation's proxy class at run time on the worker's start: with one configurator, the
     * rank orders nothing.
     */
    @Test
    void theOnlyConfiguratorCarriesNoAnnotationForLogbackToRead() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(StderrLogging.class);
        assertThat(StderrLogging.class.getAnnotations()).isEmpty();
    }

    @ParameterizedTest(name = "EBB_LOG_LEVEL={0}: {1}")
    @CsvSource(
            nullValues = "-",
            value = {"-, INFO", "DEBUG, DEBUG", "warn, WARN", "OFF, OFF", "loud, INFO"})
    void theRootLevelComesFromTheEnvironment(String value, String level) {
        Map<String, String> env = new HashMap<>();
        if (value != null) {
            env.put("EBB_LOG_LEVEL", value);
        }
        assertThat(StderrLogging.rootLevel(env)).isEqualTo(Level.toLevel(level));
    }
}
