package dev.ebb.controller.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON Schema editors use and the validation in code must accept and reject the same files. */
class SchemaAgreementTest {

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        String text = Files.readString(ShippedPoliciesTest.configDir().resolve("scaling-policy.schema.json"));
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(text);
    }

    static List<BadPolicies.Case> seenBySchema() {
        return BadPolicies.all().stream().filter(BadPolicies.Case::schemaSees).toList();
    }

    static List<Path> shipped() throws Exception {
        return ShippedPoliciesTest.shippedPolicies();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void schemaAcceptsEveryShippedPolicy(Path file) throws Exception {
        assertThat(validate(Files.readString(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seenBySchema")
    void schemaRejectsWhatTheCodeRejects(BadPolicies.Case c) {
        assertThat(PolicyParser.parse(c.yaml(), "p.yaml")).isInstanceOf(PolicyResult.Invalid.class);
        assertThat(validate(c.yaml())).as("schema errors for %s", c.name()).isNotEmpty();
    }

    @Test
    void bothAcceptTheSmallestPolicy() {
        String yaml = BadPolicies.withSpec(BadPolicies.OK_SPEC);
        assertThat(PolicyParser.parse(yaml, "p.yaml")).isInstanceOf(PolicyResult.Valid.class);
        assertThat(validate(yaml)).isEmpty();
    }

    @Test
    void minAboveMaxIsTheCodeOnlyRule() {
        String yaml = BadPolicies.withSpec("targetMessagesPerTask: 10\nminTasks: 6\nmaxTasks: 5");
        assertThat(validate(yaml)).as("JSON Schema cannot compare two fields").isEmpty();
        assertThat(PolicyParser.parse(yaml, "p.yaml")).isInstanceOf(PolicyResult.Invalid.class);
    }

    private static List<Error> validate(String yaml) {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        JsonNode json = JsonMapper.builder().build().valueToTree(document);
        return schema.validate(json);
    }
}
