package dev.ebb.controller.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** Embedded ElasticMQ on a free loopback port, one per test JVM. */
public final class ElasticMq {

    private static ElasticMq shared;
    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static synchronized ElasticMq shared() {
        if (shared == null) {
            SQSRestServer server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").withAWSRegion("us-east-1").start();
            int port = server.waitUntilStarted().localAddress().getPort();
            shared = new ElasticMq(server, URI.create("http://127.0.0.1:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }
}
