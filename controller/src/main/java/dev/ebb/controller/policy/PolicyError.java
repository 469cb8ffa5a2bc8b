package dev.ebb.controller.policy;

/**
 * One reason a policy file was rejected, pointing at the place to fix.
 *
 * @param line 1-based, as editors show it
 * @param column 1-based
 * @param key dotted path of the offending key, e.g. {@code spec.capacityProviders[1].base}
 */
public record PolicyError(String file, int line, int column, String key, String message) {

    /** {@code file:line:column: key: message}, the shape compilers use so editors can jump to it. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
