package dev.ebb.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmulatorsIT {

    @Test
    void twoOfEachAtOnceOnTheirOwnLoopbackPorts(@TempDir Path folder) throws Exception {
        try (EmbeddedSqs q1 = EmbeddedSqs.start();
                EmbeddedSqs q2 = EmbeddedSqs.start();
                EmbeddedS3 s1 = EmbeddedS3.inMemory();
                EmbeddedS3 s2 = EmbeddedS3.inFolder(folder)) {
            assertThat(q1.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(q1.endpoint()).isNotEqualTo(q2.endpoint());
            assertThat(s1.endpoint()).isNotEqualTo(s2.endpoint());

            try (SqsClient sqs = EmulatorClients.sqs(q1.endpoint())) {
                String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();
                sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello"));
                assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages())
                        .singleElement()
                        .satisfies(m -> assertThat(m.body()).isEqualTo("hello"));
            }
            for (EmbeddedS3 s3 : new EmbeddedS3[] {s1, s2}) {
                try (S3Client client = EmulatorClients.s3(s3.endpoint())) {
                    client.createBucket(r -> r.bucket("ebb-test"));
                    client.putObject(r -> r.bucket("ebb-test").key("a/b c.jpg"), RequestBody.fromString("bytes"));
                    assertThat(client.getObjectAsBytes(r -> r.bucket("ebb-test").key("a/b c.jpg"))
                                    .asUtf8String())
                            .isEqualTo("bytes");
                }
            }
            try (var files = Files.walk(folder)) {
                assertThat(files.filter(Files::isRegularFile)).isNotEmpty(); // the folder store keeps files
            }
        }
    }
}
