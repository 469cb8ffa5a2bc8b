package dev.ebb.emulators;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy in this JVM on a loopback port the OS picks, with a jclouds store in memory
 * ({@link #inMemory()}) or in files under a folder ({@link #inFolder(Path)}). Clients need
 * path-style access and checksums only when required (see {@link EmulatorClients}). It sends no
 * bucket notifications: whoever uploads puts the S3 event on the queue.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Objects in memory, gone with the process (tests). */
    public static EmbeddedS3 inMemory() throws Exception {
        return start(
                ContextBuilder.newBuilder("transient").credentials("ebb", "ebb").buildView(BlobStoreContext.class));
    }

    /** Objects as files under {@code folder} (large runs stay out of the heap). */
    public static EmbeddedS3 inFolder(Path folder) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", folder.toAbsolutePath().toString());
        return start(ContextBuilder.newBuilder("filesystem")
                .overrides(props)
                .credentials("ebb", "ebb")
                .buildView(BlobStoreContext.class));
    }

    private static EmbeddedS3 start(BlobStoreContext context) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            context.close();
            throw e;
        }
        return new EmbeddedS3(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
        context.close();
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // shutting down anyway; the port is released with the process at the latest
        }
    }
}
