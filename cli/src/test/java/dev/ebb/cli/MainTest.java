package dev.ebb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MainTest {

    /**
     * The launcher finds {@code main} by reflection, which resolves the signature of every method
     * the main class declares: a picocli type there would load picocli, which the AOT cache cannot
     * hold, on the container's {@code ebb worker} too.
     */
    @Test
    void theMainClassNamesNoPicocliType() {
        assertThat(Arrays.stream(Main.class.getDeclaredMethods())
                        .flatMap(m -> Stream.concat(Stream.of(m.getReturnType()), Arrays.stream(m.getParameterTypes())))
                        .map(Class::getName))
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("picocli."));
        assertThat(Main.class.getInterfaces()).isEmpty();
        assertThat(Main.class.getSuperclass()).isEqualTo(Object.class);
    }
}
