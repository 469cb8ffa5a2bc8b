package dev.ebb.worker.testing;

import dev.ebb.emulators.EmbeddedS3;
import dev.ebb.emulators.EmbeddedSqs;
import java.net.URI;

/** Embedded ElasticMQ and S3Proxy (in-memory store) on loopback, started once per test JVM (from ebb-emulators, as ebb local runs them). */
public final class Emulators {

    private static Emulators shared;

    public final URI sqs;
    public final URI s3;

    private Emulators(URI sqs, URI s3) {
        this.sqs = sqs;
        this.s3 = s3;
    }

    public static synchronized Emulators shared() {
        if (shared == null) {
            try {
                EmbeddedSqs server = EmbeddedSqs.start();
                EmbeddedS3 proxy = EmbeddedS3.inMemory();
                shared = new Emulators(server.endpoint(), proxy.endpoint());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    proxy.close();
                }));
            } catch (Exception e) {
                throw new IllegalStateException("emulators did not start", e);
            }
        }
        return shared;
    }
}
