package dev.ebb.worker.config;

import java.util.List;

/** The environment does not describe a runnable worker; every problem names its variable. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
