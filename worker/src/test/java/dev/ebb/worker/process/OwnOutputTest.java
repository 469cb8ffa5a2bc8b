package dev.ebb.worker.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import dev.ebb.worker.event.ObjectEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OwnOutputTest {

    static final List<OutputSpec> SPECS =
            OutputSpec.parseSizes("224x224,299x299", ResizeMode.FIT, OutputFormat.JPEG, 85, Rgb.BLACK);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // event bucket | key                   | dest bucket | prefix (- for none) | own output?
                "media          | 224x224/cat.jpg         | media       | -       | true",
                "media          | 299x299/a/b/cat.jpg     | media       | -       | true",
                "media          | 100x100/cat.jpg         | media       | -       | false",
                "media          | photos/224x224/cat.jpg  | media       | -       | false",
                "media          | thumbs/224x224/cat.jpg  | media       | thumbs/ | true",
                "media          | 224x224/cat.jpg         | media       | thumbs/ | false",
                "uploads        | 224x224/cat.jpg         | media       | -       | false",
                "media          | 224x224                 | media       | -       | false",
                // the worker's own objects (the write check at start) are never images to resize
                "media          | .ebb/write-check        | media       | -       | true",
                "media          | thumbs/.ebb/write-check | media       | thumbs/ | true",
                "uploads        | .ebb/write-check        | media       | -       | false"
            })
    void eventsForTheWorkersOwnOutputsAreRecognised(
            String bucket, String key, String dest, String prefix, boolean own) {
        ObjectEvent e =
                new ObjectEvent("ObjectCreated:Put", bucket, key, Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(RecordProcessor.isOwnOutput(
                        e, new RecordProcessor.Destination(dest, prefix.equals("-") ? "" : prefix, false), SPECS))
                .isEqualTo(own);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // several source buckets? | bucket | key       | output key
                "false                     | a      | x/cat.jpg | t/224x224/x/cat.jpg",
                "true                      | a      | x/cat.jpg | t/224x224/a/x/cat.jpg",
                "true                      | b      | x/cat.jpg | t/224x224/b/x/cat.jpg"
            })
    void outputKeysNameTheBucketOnlyWhenSeveralAreAllowed(boolean several, String bucket, String key, String expected) {
        assertThat(RecordProcessor.outputKey(
                        new RecordProcessor.Destination("d", "t/", several), bucket, key, SPECS.getFirst()))
                .isEqualTo(expected);
    }

    @Test
    void theSameKeyInTwoBucketsGivesTwoOutputs() {
        var d = new RecordProcessor.Destination("d", "", true);
        assertThat(RecordProcessor.outputKey(d, "a", "cat.jpg", SPECS.getFirst()))
                .isNotEqualTo(RecordProcessor.outputKey(d, "b", "cat.jpg", SPECS.getFirst()));
    }
}
