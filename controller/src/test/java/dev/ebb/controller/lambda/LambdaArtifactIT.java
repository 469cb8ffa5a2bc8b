package dev.ebb.controller.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded Lambda jar (built in `package`, before the ITs) is small and has no Netty. */
class LambdaArtifactIT {

    @Test
    void hasTheHandlerAndThePolicyButNoNettyOrApacheClient() throws Exception {
        Path jar;
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "ebb-controller-*-lambda.jar")) {
            jar = found.iterator().next();
        }
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(JarEntry::getName).toList();
        }

        assertThat(entries)
                .contains(
                        "dev/ebb/controller/lambda/ControllerHandler.class",
                        "dev/ebb/env/EnvReader.class",
                        "ebb/scaling-policy.yaml",
                        "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
        assertThat(entries)
                .noneMatch(e ->
                        e.startsWith("io/netty/") || e.startsWith("org/apache/http/") || e.startsWith("io/vertx/"));
        // 20 MiB: the CloudWatch (sizing by work) and S3 (live policy) clients took it past 16; still no Netty or
        // Apache
        assertThat(Files.size(jar)).as("bytes").isLessThan(20L * 1024 * 1024);
    }
}
