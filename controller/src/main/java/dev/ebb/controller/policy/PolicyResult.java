package dev.ebb.controller.policy;

import java.util.List;

/** Either a policy to act on, or every reason it was rejected (never just the first). */
public sealed interface PolicyResult {

    record Valid(ScalingPolicy policy) implements PolicyResult {}

    record Invalid(List<PolicyError> errors) implements PolicyResult {
        public Invalid {
            errors = List.copyOf(errors);
        }

        public String format() {
            StringBuilder out = new StringBuilder();
            for (PolicyError e : errors) {
                out.append(e.format()).append('\n');
            }
            return out.toString();
        }
    }
}
