package dev.ebb.worker.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import org.junit.jupiter.api.Test;

/** jackson-databind is on this module's test class path, as it is on the CLI's: Vert.x would pick it. */
class StreamingJsonFactoryTest {

    @Test
    void vertxTakesTheStreamingCodecThoughDatabindIsOnTheClassPath() throws ClassNotFoundException {
        Class.forName("com.fasterxml.jackson.databind.ObjectMapper");

        assertThat(Json.CODEC).isSameAs(new StreamingJsonFactory().codec()).isNotInstanceOf(DatabindCodec.class);
    }

    @Test
    void theWorkersKindsOfValueGoThereAndBack() {
        JsonObject line = new JsonObject()
                .put("event", "message")
                .put("bytes", 12_345_678_901L)
                .put("seconds", 0.25)
                .put("retried", false)
                .putNull("reason")
                .put("outputs", new JsonArray().add(new JsonObject().put("key", "a/b 224x224.jpg")));

        assertThat(new JsonObject(line.encode())).isEqualTo(line);
        assertThat(line.encode()).startsWith("{\"event\":\"message\",\"bytes\":12345678901,");
    }

    /** Databind would write it as {"width":224,"height":224}. */
    record Size(int width, int height) {}

    @Test
    void anObjectThatIsNotJsonIsRefusedRatherThanMapped() {
        JsonObject withPojo = new JsonObject().put("size", new Size(224, 224));

        assertThatThrownBy(withPojo::encode).isInstanceOf(EncodeException.class);
    }
}
