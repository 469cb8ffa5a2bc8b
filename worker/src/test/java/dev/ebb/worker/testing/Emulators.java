package dev.ebb.worker.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** Embedded ElasticMQ and S3Proxy (transient store) on loopback, started once per test JVM. */
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
                SQSRestServer server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").withAWSRegion("us-east-1").start();
                int sqsPort = server.waitUntilStarted().localAddress().getPort();
                var blobs = ContextBuilder.newBuilder("transient").credentials("test", "test")
                        .buildView(BlobStoreContext.class).getBlobStore();
                S3Proxy proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.NONE, null, null).build();
                proxy.start();
                while (!"STARTED".equals(proxy.getState())) {
                    Thread.onSpinWait();
                }
                shared = new Emulators(URI.create("http://127.0.0.1:" + sqsPort), URI.create("http://127.0.0.1:" + proxy.getPort()));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stopAndWait();
                    try {
                        proxy.stop();
                    } catch (Exception e) {
                        // exiting anyway
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("emulators did not start", e);
            }
        }
        return shared;
    }
}
