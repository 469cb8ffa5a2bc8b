package dev.ebb.controller.policy;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every error of one file, so a user fixes them all in one round. */
final class Problems {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String key, String message) {
        at(node.getStartMark().orElse(null), key, message);
    }

    void at(Mark mark, String key, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        errors.add(new PolicyError(file, line, column, key, message));
    }

    boolean any() {
        return !errors.isEmpty();
    }

    /** In file order, as a user fixes them. */
    List<PolicyError> all() {
        return errors.stream()
                .sorted(java.util.Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column))
                .toList();
    }
}
