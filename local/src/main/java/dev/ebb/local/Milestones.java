package dev.ebb.local;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named moments of a run, in seconds since it started. */
final class Milestones {

    private final long start = System.nanoTime();
    private final Map<String, Double> marks = new LinkedHashMap<>();

    synchronized void mark(String name) {
        marks.putIfAbsent(name, seconds());
    }

    synchronized void remark(String name) {
        marks.put(name, seconds());
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    synchronized Map<String, Double> marks() {
        Map<String, Double> rounded = new LinkedHashMap<>();
        marks.forEach((k, v) -> rounded.put(k, Math.round(v * 100) / 100.0));
        return rounded;
    }
}
