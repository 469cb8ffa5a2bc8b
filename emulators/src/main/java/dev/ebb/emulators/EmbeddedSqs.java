package dev.ebb.emulators;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ in this JVM on a loopback port the OS picks, so two runs (or two tests) never meet.
 * Speaks the JSON protocol SDK v2 uses, including redrive policies and message attributes.
 */
public final class EmbeddedSqs implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static EmbeddedSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withPort(0)
                .withInterface("127.0.0.1")
                .withAWSRegion(REGION)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
