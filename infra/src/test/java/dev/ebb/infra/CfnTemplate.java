package dev.ebb.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A CloudFormation YAML template as plain maps and lists. Short-form intrinsics become their
 * long form ({@code !Ref X} is {@code {Ref: X}}, {@code !Sub s} is {@code {Fn::Sub: s}},
 * {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}), so a test can compare them as values.
 */
record CfnTemplate(String file, Map<String, Object> root) {

    private static final List<String> FUNCTIONS = List.of(
            "Sub",
            "GetAtt",
            "Join",
            "Select",
            "Split",
            "If",
            "Equals",
            "Not",
            "Or",
            "And",
            "GetAZs",
            "Cidr",
            "FindInMap",
            "ImportValue",
            "Base64",
            "Transform",
            "ToJsonString",
            "Length");

    static CfnTemplate load(String relative) {
        LoadSettings settings = LoadSettings.builder().setLabel(relative).build();
        Object doc = new Load(settings, new Intrinsics(settings)).loadFromString(Repo.read(relative));
        return new CfnTemplate(relative, map(doc));
    }

    Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> r = map(resources().get(logicalId));
        if (r.isEmpty()) {
            throw new AssertionError(file + " has no resource " + logicalId);
        }
        return r;
    }

    Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    /** Logical ids of the resources of one type, in file order. */
    List<String> ofType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        return o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    /** {@code {Ref: id}}. */
    static Map<String, Object> ref(String id) {
        return Map.of("Ref", id);
    }

    /** {@code {Fn::GetAtt: [id, attribute]}}. */
    static Map<String, Object> getAtt(String id, String attribute) {
        return Map.of("Fn::GetAtt", List.of(id, attribute));
    }

    /** {@code {Fn::Sub: text}}. */
    static Map<String, Object> sub(String text) {
        return Map.of("Fn::Sub", text);
    }

    private static final class Intrinsics extends StandardConstructor {
        Intrinsics(LoadSettings settings) {
            super(settings);
            tagConstructors.put(new Tag("!Ref"), node -> Map.of("Ref", generic(node)));
            tagConstructors.put(new Tag("!Condition"), node -> Map.of("Condition", generic(node)));
            for (String fn : FUNCTIONS) {
                ConstructNode c = node -> {
                    Object v = generic(node);
                    if (fn.equals("GetAtt") && v instanceof String s) {
                        int dot = s.indexOf('.');
                        v = List.of(s.substring(0, dot), s.substring(dot + 1));
                    }
                    return Map.of("Fn::" + fn, v);
                };
                tagConstructors.put(new Tag("!" + fn), c);
            }
        }

        private Object generic(Node node) {
            return switch (node) {
                case ScalarNode s -> s.getValue();
                case SequenceNode q -> {
                    List<Object> out = new ArrayList<>();
                    q.getValue().forEach(n -> out.add(constructObject(n)));
                    yield out;
                }
                case MappingNode m -> {
                    Map<Object, Object> out = new LinkedHashMap<>();
                    for (NodeTuple t : m.getValue()) {
                        out.put(constructObject(t.getKeyNode()), constructObject(t.getValueNode()));
                    }
                    yield out;
                }
                default -> throw new IllegalArgumentException("unexpected YAML node " + node);
            };
        }
    }
}
