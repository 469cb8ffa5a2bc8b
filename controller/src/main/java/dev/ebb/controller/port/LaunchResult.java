package dev.ebb.controller.port;

import java.util.ArrayList;
import java.util.List;

/** Tasks ECS started and the launches it refused ({@code failures[]} of RunTask). */
public record LaunchResult(List<String> started, List<LaunchFailure> failures) {

    public LaunchResult {
        started = List.copyOf(started);
        failures = List.copyOf(failures);
    }

    public static final LaunchResult NONE = new LaunchResult(List.of(), List.of());

    public LaunchResult plus(LaunchResult other) {
        List<String> s = new ArrayList<>(started);
        s.addAll(other.started);
        List<LaunchFailure> f = new ArrayList<>(failures);
        f.addAll(other.failures);
        return new LaunchResult(s, f);
    }
}
