package dev.ebb.controller.errors;

/**
 * What ended a cycle, with no SDK types: the {@link ErrorClassifier}'s input. {@code aws/AwsFaults}
 * builds it from an exception. {@code exception} is the exception's simple class name, for the log.
 */
public sealed interface Fault {

    /** AWS answered with an error. {@code code} is null when the answer had no body. */
    record Answered(String exception, int status, String code, boolean throttling) implements Fault {}

    /** The SDK got no answer, or could not make the call: a connect or read timeout, a reset connection, DNS. */
    record NoAnswer(String exception) implements Fault {}

    /** Not from AWS at all: a bug in the controller. */
    record Bug(String exception) implements Fault {}
}
