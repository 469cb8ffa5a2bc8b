package dev.ebb.controller.policy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to one YAML mapping that reports, with line and column, every unknown, duplicate,
 * missing or ill-typed key. Getters return a fallback after reporting, so parsing goes on and the
 * user sees all errors at once; a file with any error never becomes a policy.
 */
final class MappingReader {

    /** Where "missing key" errors point: the key that owns this mapping (e.g. `spec:`), else the mapping. */
    private final Node owner;

    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private MappingReader(MappingNode node, Node owner, String path, List<String> allowed, Problems problems) {
        this.owner = owner == null ? node : owner;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.at(
                        tuple.getKeyNode(), path, "keys must be plain words, got " + Describe.node(tuple.getKeyNode()));
                continue;
            }
            String key = keyNode.getValue();
            if (!allowed.contains(key)) {
                String hint = Suggestions.closest(key, allowed)
                        .map(s -> "did you mean '" + s + "'? ")
                        .orElse("");
                problems.at(
                        keyNode, keyPath(key), "unknown key; " + hint + "allowed here: " + String.join(", ", allowed));
            } else if (entries.putIfAbsent(key, tuple) != null) {
                problems.at(
                        keyNode,
                        keyPath(key),
                        "duplicate key; it was already set on line "
                                + entries.get(key)
                                        .getKeyNode()
                                        .getStartMark()
                                        .map(m -> m.getLine() + 1)
                                        .orElse(0));
            }
        }
    }

    /** A reader if {@code value} is a mapping; otherwise reports it and returns empty. */
    static Optional<MappingReader> of(Node value, String path, List<String> allowed, Problems problems) {
        return of(value, null, path, allowed, problems);
    }

    private static Optional<MappingReader> of(
            Node value, Node owner, String path, List<String> allowed, Problems problems) {
        if (value instanceof MappingNode mapping) {
            return Optional.of(new MappingReader(mapping, owner, path, allowed, problems));
        }
        problems.at(
                value,
                path,
                "must be a mapping with keys " + String.join(", ", allowed) + ", got " + Describe.node(value));
        return Optional.empty();
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    Optional<Node> keyNode(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getKeyNode);
    }

    Optional<Node> required(String key) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            problems.at(owner, keyPath(key), "required key is missing");
        }
        return value;
    }

    int integer(String key, int fallback, int min, int max) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String allowed = "must be a whole number from " + min + " to " + max;
        if (value.get() instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            BigInteger number = parseInteger(s.getValue());
            if (number != null
                    && number.compareTo(BigInteger.valueOf(min)) >= 0
                    && number.compareTo(BigInteger.valueOf(max)) <= 0) {
                return number.intValueExact();
            }
        }
        problems.at(value.get(), keyPath(key), allowed + ", got " + Describe.node(value.get()));
        return fallback;
    }

    /** A number with or without a fraction, e.g. {@code 10} or {@code 2.5}. */
    double number(String key, double fallback, double min, double max) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get() instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double number = Double.parseDouble(s.getValue().replace("_", ""));
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below, like any other value out of range
            }
        }
        problems.at(
                value.get(),
                keyPath(key),
                "must be a number from " + plain(min) + " to " + plain(max) + ", got " + Describe.node(value.get()));
        return fallback;
    }

    /** A duration written as hours, minutes and seconds, e.g. {@code 90s}, {@code 3m}, {@code 1h30m}. */
    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String allowed = "must be a duration from " + DurationWords.format(min) + " to " + DurationWords.format(max)
                + " written like 90s, 3m or 1h30m";
        if (value.get() instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            Optional<Duration> d = DurationWords.parse(s.getValue());
            if (d.isPresent() && d.get().compareTo(min) >= 0 && d.get().compareTo(max) <= 0) {
                return d.get();
            }
        }
        problems.at(value.get(), keyPath(key), allowed + ", got " + Describe.node(value.get()));
        return fallback;
    }

    /** Reports a missing key with a message of the caller's, for keys that are required one way or another. */
    void missing(String key, String message) {
        problems.at(owner, keyPath(key), message);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    boolean bool(String key, boolean fallback) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get() instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(s.getValue());
        }
        problems.at(value.get(), keyPath(key), "must be true or false, got " + Describe.node(value.get()));
        return fallback;
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                return Optional.of(s.getValue());
            }
            problems.at(v, keyPath(key), "must be text, got " + Describe.node(v));
            return Optional.empty();
        });
    }

    /** One of a fixed set of words, e.g. {@code drain | stop-excess}. */
    <E> E choice(String key, E fallback, Map<String, E> choices) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get() instanceof ScalarNode s
                && choices.containsKey(s.getValue())
                && s.getTag().equals(Tag.STR)) {
            return choices.get(s.getValue());
        }
        String hint = value.get() instanceof ScalarNode s
                ? Suggestions.closest(s.getValue(), choices.keySet())
                        .map(x -> "did you mean '" + x + "'? ")
                        .orElse("")
                : "";
        problems.at(
                value.get(),
                keyPath(key),
                hint + "must be one of " + String.join(" | ", choices.keySet()) + ", got "
                        + Describe.node(value.get()));
        return fallback;
    }

    Optional<MappingReader> mapping(String key, List<String> allowed) {
        return value(key).flatMap(v -> of(v, keyNode(key).orElse(null), keyPath(key), allowed, problems));
    }

    Optional<SequenceNode> sequence(String key) {
        return value(key).flatMap(v -> {
            if (v instanceof SequenceNode s) {
                return Optional.of(s);
            }
            problems.at(v, keyPath(key), "must be a list, got " + Describe.node(v));
            return Optional.empty();
        });
    }

    private static BigInteger parseInteger(String text) {
        try {
            String t = text.replace("_", "");
            if (t.startsWith("0x")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (t.startsWith("0o")) {
                return new BigInteger(t.substring(2), 8);
            }
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
