package dev.ebb.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.emulators.EmbeddedSqs;
import dev.ebb.local.account.DeadLetter;
import dev.ebb.local.account.DeadLetters;
import dev.ebb.local.ingest.Ingest;
import dev.ebb.local.ingest.InputFiles;
import dev.ebb.worker.event.ParsedBody;
import dev.ebb.worker.event.S3Events;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAwsIT {

    @Test
    void twoWorldsAtOnceOnTheirOwnPortsAndFolders(@TempDir Path a, @TempDir Path b) throws Exception {
        try (LocalAws one = LocalAws.start(a, new LocalAws.QueueSettings(30, 3));
                LocalAws two = LocalAws.start(b, new LocalAws.QueueSettings(30, 3))) {
            assertThat(one.sqsServer.endpoint()).isNotEqualTo(two.sqsServer.endpoint());
            assertThat(one.s3Server.endpoint()).isNotEqualTo(two.s3Server.endpoint());
            one.s3.putObject(
                    r -> r.bucket(LocalAws.SOURCE_BUCKET).key("only-in-one"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
            assertThat(two.s3
                            .listObjectsV2(r -> r.bucket(LocalAws.SOURCE_BUCKET))
                            .contents())
                    .isEmpty();
        }
    }

    @Test
    void ingestUploadsEachFileAndSendsTheEventTheWorkerReads(@TempDir Path store, @TempDir Path input)
            throws Exception {
        Files.createDirectories(input.resolve("sub dir"));
        Files.writeString(input.resolve("sub dir/a+b.jpg"), "pretend jpeg");
        Files.writeString(input.resolve("c.png"), "pretend png");
        try (LocalAws aws = LocalAws.start(store, new LocalAws.QueueSettings(30, 1))) {
            new Ingest(aws.s3, aws.sqs, EmbeddedSqs.REGION, LocalAws.SOURCE_BUCKET, aws.queueUrl, Clock.systemUTC())
                    .upload(InputFiles.under(input));

            var messages = aws.sqs
                    .receiveMessage(r ->
                            r.queueUrl(aws.queueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                    .messages();
            List<String> keys = messages.stream()
                    .map(m -> ((ParsedBody.Records) S3Events.parse(m.body()))
                            .records()
                            .getFirst()
                            .key())
                    .sorted()
                    .toList();
            assertThat(keys).containsExactly("c.png", "sub dir/a+b.jpg");
            assertThat(aws.s3
                            .getObjectAsBytes(
                                    r -> r.bucket(LocalAws.SOURCE_BUCKET).key("sub dir/a+b.jpg"))
                            .asUtf8String())
                    .isEqualTo("pretend jpeg");

            // maxReceiveCount 1: the next receive moves both to the dead-letter queue (the redrive policy works)
            assertThat(aws.sqs
                            .receiveMessage(r -> r.queueUrl(aws.queueUrl).maxNumberOfMessages(10))
                            .messages())
                    .isEmpty();
            List<DeadLetter> dead = DeadLetters.read(aws.sqs, aws.deadLetterQueueUrl);
            assertThat(dead).extracting(DeadLetter::key).containsExactlyInAnyOrder("c.png", "sub dir/a+b.jpg");
            assertThat(dead).extracting(DeadLetter::reason).containsOnly("redriven");
            // reading leaves them there for the next look
            assertThat(DeadLetters.read(aws.sqs, aws.deadLetterQueueUrl)).hasSize(2);
        }
    }
}
