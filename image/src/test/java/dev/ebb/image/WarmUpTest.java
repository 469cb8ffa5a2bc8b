package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.spec.OutputFormat;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.spec.ResizeMode;
import dev.ebb.image.spec.Rgb;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start's warm-up render: it renders the worker's own outputs, on either decode path, or says it could not. */
class WarmUpTest {

    @ParameterizedTest(name = "{0} {1} {2} (turbojpeg: {3})")
    @CsvSource({
        "'224x224,299x299', fit, jpeg, true",
        "'224x224,299x299', fit, jpeg, false",
        "'96x96', fill, png, true",
        "'1024x1024', pad, jpeg, true",
    })
    void rendersTheConfiguredOutputs(String sizes, String mode, String format, boolean turbo) {
        ImageEngine engine = turbo ? ImageEngine.create(Limits.DEFAULT) : ImageEngine.withImageIo(Limits.DEFAULT);
        List<OutputSpec> specs =
                OutputSpec.parseSizes(sizes, ResizeMode.parse(mode), OutputFormat.parse(format), 85, Rgb.BLACK);

        assertThat(engine.warmUp(specs)).isTrue();
    }

    @ParameterizedTest(name = "limit {0} pixels")
    @CsvSource({"1000", "100000"})
    void saysSoWhenItsPhotoIsRefused(long maxPixels) {
        ImageEngine engine = ImageEngine.create(new Limits(Limits.DEFAULT.maxBytes(), maxPixels, 30_000));

        assertThat(engine.warmUp(List.of(OutputSpec.fit(224, 224)))).isFalse();
    }
}
