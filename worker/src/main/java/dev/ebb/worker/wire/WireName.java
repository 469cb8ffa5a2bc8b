package dev.ebb.worker.wire;

import java.util.Arrays;
import java.util.Optional;

/** A constant written on the worker's stdout by its own word, which {@link #wire()} gives. */
public interface WireName {

    String wire();

    /** The constant of {@code type} written as {@code wire}, or empty for a word it does not know. */
    static <E extends Enum<E> & WireName> Optional<E> parse(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.wire().equals(wire))
                .findFirst();
    }
}
