package dev.ebb.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The files users start from must be valid, and the blueprint example must be the original rule. */
class ShippedPoliciesTest {

    static Path configDir() {
        return Path.of(System.getProperty("ebb.config.dir", "../config"));
    }

    static List<Path> shippedPolicies() throws Exception {
        try (Stream<Path> examples = Files.list(configDir().resolve("examples"))) {
            return Stream.concat(
                            Stream.of(configDir().resolve("scaling-policy.yaml")),
                            examples.filter(p -> p.toString().endsWith(".yaml")).sorted())
                    .toList();
        }
    }

    @Test
    void everyShippedPolicyValidates() throws Exception {
        assertThat(shippedPolicies())
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(p -> assertThat(PolicyParser.parse(p)).as("%s", p).isInstanceOf(PolicyResult.Valid.class));
    }

    @Test
    void everyShippedPolicyPointsEditorsAtTheSchema() throws Exception {
        for (Path p : shippedPolicies()) {
            String first = Files.readAllLines(p).getFirst();
            assertThat(first).startsWith("# yaml-language-server: $schema=");
            Path schema = p.getParent()
                    .resolve(first.substring(first.indexOf('=') + 1))
                    .normalize();
            assertThat(schema).as("schema referenced from %s", p).exists().hasFileName("scaling-policy.schema.json");
        }
    }

    @Test
    void theBundledPolicyIsTheDefaultFile() throws Exception {
        assertThat(PolicyParser.parseBundled())
                .isEqualTo(PolicyParser.parse(
                        Files.readString(configDir().resolve("scaling-policy.yaml")),
                        "classpath:" + PolicyParser.BUNDLED_RESOURCE));
    }

    @Test
    void blueprintIsTheOriginalRule() {
        ScalingPolicy p =
                ((PolicyResult.Valid) PolicyParser.parse(configDir().resolve("examples/blueprint.yaml"))).policy();

        assertThat(p.sizing()).isEqualTo(new Sizing.ByMessages(10));
        assertThat(p.maxTasks()).isEqualTo(10);
        assertThat(p.minTasks()).isZero();
        assertThat(p.countInFlight()).isFalse();
        assertThat(p.countDelayed()).isFalse();
        assertThat(p.capacityProviders()).containsExactly(new ProviderShare(CapacityProvider.FARGATE, 0, 1));
        assertThat(p.scaleDown().mode()).isEqualTo(ScaleDownMode.DRAIN);
    }
}
