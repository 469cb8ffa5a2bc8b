package dev.ebb.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.image.Outcome.Rejected;
import dev.ebb.image.Outcome.Rendered;
import dev.ebb.image.spec.OutputSpec;
import dev.ebb.image.testing.Images;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A source in native memory (a file read off-heap) is decoded in place and renders exactly like the same bytes on the heap. */
class NativeSourceTest {

    private static final List<OutputSpec> SPECS =
            List.of(OutputSpec.fit(224, 224), OutputSpec.fit(64, 64).withMode(dev.ebb.image.spec.ResizeMode.FILL));

    @Test
    void nativeAndHeapSourcesGiveIdenticalBytes() {
        for (ImageEngine engine : List.of(ImageEngineTest.TURBO, ImageEngineTest.IMAGE_IO)) {
            for (byte[] source :
                    List.of(Images.jpeg(Images.gradient(1200, 800)), Images.png(Images.gradient(300, 500)))) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment offHeap = arena.allocateFrom(ValueLayout.JAVA_BYTE, source);
                    Rendered fromHeap = (Rendered) engine.render(source, SPECS);
                    Rendered fromNative = (Rendered) engine.render(offHeap, SPECS);
                    for (int i = 0; i < SPECS.size(); i++) {
                        assertThat(fromNative.outputs().get(i).bytes())
                                .isEqualTo(fromHeap.outputs().get(i).bytes());
                    }
                }
            }
        }
    }

    @Test
    void aSliceOfALargerBufferIsJudgedByItsOwnBytes() {
        byte[] jpeg = Images.jpeg(Images.gradient(640, 480));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(jpeg.length * 2L);
            MemorySegment.copy(MemorySegment.ofArray(jpeg), 0, buffer, 0, jpeg.length);
            assertThat(ImageEngineTest.TURBO.render(buffer.asSlice(0, jpeg.length), SPECS))
                    .isInstanceOf(Rendered.class);
            MemorySegment truncated = buffer.asSlice(0, jpeg.length / 2);
            assertThat(ImageEngineTest.TURBO.render(truncated, SPECS))
                    .isInstanceOfSatisfying(
                            Rejected.class,
                            r -> assertThat(r.rejection().reason()).isEqualTo(FailureReason.CORRUPT));
            byte[] heapSlice = Arrays.copyOf(jpeg, jpeg.length / 2);
            assertThat(ImageEngineTest.IMAGE_IO.render(MemorySegment.ofArray(heapSlice), SPECS))
                    .isInstanceOf(Rejected.class);
        }
    }
}
