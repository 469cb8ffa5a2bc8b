package dev.ebb.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Map;

/**
 * Ebb's logging, configured in code rather than by a logback.xml: logback reads an XML file with
 * its Joran parser at the first log call, about 35 ms of CPU on a 1-vCPU worker's start. Logs go to
 * stderr so stdout carries only command output (summaries, JSON); {@code EBB_LOG_LEVEL} sets the
 * root level (INFO by default); the emulators {@code ebb local} embeds log only their warnings.
 * Found by logback through {@code META-INF/services}; a {@code -Dlogback.configurationFile} given
 * by the operator still wins. It carries no {@code @ConfiguratorRank}: logback reads that annotation
 * of every configurator it finds, and the JVM builds the annotation's proxy class for it at run
 * time, about 15 ms on the worker's start; the rank only orders several configurators, and this is
 * the only one on Ebb's class path.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    /** ebb local's embedded emulators: only their warnings. */
    static final List<String> QUIET =
            List.of("org.elasticmq", "org.apache.pekko", "org.eclipse.jetty", "org.gaul", "org.jclouds");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getenv()));
        root.addAppender(stderr);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** EBB_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR, OFF; any case); unset or unknown: INFO. */
    static Level rootLevel(Map<String, String> env) {
        return Level.toLevel(env.get("EBB_LOG_LEVEL"), Level.INFO);
    }
}
