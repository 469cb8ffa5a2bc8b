package dev.ebb.controller.policy;

import java.util.Locale;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Says what a YAML node is in words a user recognises ("got the text 'ten'"). */
final class Describe {

    private Describe() {}

    static String node(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing (null)";
            case ScalarNode s when s.getTag().equals(Tag.INT) -> "the number " + s.getValue();
            case ScalarNode s when s.getTag().equals(Tag.FLOAT) -> "the decimal number " + s.getValue();
            case ScalarNode s when s.getTag().equals(Tag.BOOL) -> "the boolean " + s.getValue();
            case ScalarNode s -> "the text '" + s.getValue() + "'";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
