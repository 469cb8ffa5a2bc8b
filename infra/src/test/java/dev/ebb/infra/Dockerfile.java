package dev.ebb.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The repository's Dockerfile as instructions, enough to read what the runtime stage runs:
 * its ENTRYPOINT and CMD (exec form), USER, ENV, WORKDIR and COPY lines.
 */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(String keyword, String arguments, int line) {}

    static Dockerfile load(String relative) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = Repo.read(relative).split("\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (pending == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (pending != null && trimmed.startsWith("#")) {
                continue; // comments inside a continued instruction
            }
            if (pending == null) {
                pending = new StringBuilder();
                start = i + 1;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().strip();
            int space = text.indexOf(' ');
            out.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT), text.substring(space + 1).strip(), start));
            pending = null;
        }
        return new Dockerfile(out);
    }

    /** The instructions of the last stage (the image that ships). */
    List<Instruction> runtimeStage() {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> lastInRuntime(String keyword) {
        List<Instruction> found = runtimeStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
    }

    /** ENTRYPOINT then CMD, as the container runs them (both must be in exec form). */
    List<String> command() {
        List<String> argv = new ArrayList<>();
        lastInRuntime("ENTRYPOINT").ifPresent(i -> argv.addAll(execForm(i)));
        lastInRuntime("CMD").ifPresent(i -> argv.addAll(execForm(i)));
        return argv;
    }

    /** USER of the runtime stage, e.g. {@code 10001:10001}. */
    Optional<String> user() {
        return lastInRuntime("USER").map(Instruction::arguments);
    }

    static List<String> execForm(Instruction i) {
        if (!i.arguments().startsWith("[")) {
            throw new AssertionError("line " + i.line() + ": " + i.keyword() + " must use the exec form [\"...\"], got " + i.arguments());
        }
        try {
            return new ObjectMapper().readValue(i.arguments(), new TypeReference<List<String>>() {});
        } catch (Exception e) {
            throw new AssertionError("line " + i.line() + ": " + i.keyword() + " is not a JSON array: " + i.arguments(), e);
        }
    }
}
