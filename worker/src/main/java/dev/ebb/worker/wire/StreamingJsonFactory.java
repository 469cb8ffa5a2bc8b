package dev.ebb.worker.wire;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON ({@code JsonObject}, {@code JsonArray}) through Jackson's streaming parser and
 * generator alone. Vert.x picks its databind codec whenever jackson-databind is on the class path,
 * and the CLI puts it there. That codec builds an {@code ObjectMapper} at its first use, on the
 * path to a worker's first image, and then looks up serializers for every SQS request and outcome
 * line. The worker writes and reads only JSON objects, arrays, strings, numbers and booleans, which
 * this codec encodes; it does not map POJOs, so one put in a {@code JsonObject} fails loudly. Vert.x
 * finds this factory through {@code META-INF/services} and takes the one of lowest {@link #order()}.
 */
public final class StreamingJsonFactory implements JsonFactory {

    private static final JacksonCodec CODEC = new JacksonCodec();

    @Override
    public int order() {
        return 0;
    }

    @Override
    public JsonCodec codec() {
        return CODEC;
    }
}
