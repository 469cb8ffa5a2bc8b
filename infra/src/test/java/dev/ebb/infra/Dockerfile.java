package dev.ebb.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The repository's Dockerfile as instructions, enough to read what the runtime stage runs:
 * its ENTRYPOINT and CMD (exec form), USER, ENV, WORKDIR and COPY lines. A stage built
 * {@code FROM} an earlier stage of the file carries that stage's instructions before its own.
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
            out.add(new Instruction(
                    text.substring(0, space).toUpperCase(Locale.ROOT),
                    text.substring(space + 1).strip(),
                    start));
            pending = null;
        }
        return new Dockerfile(out);
    }

    /** The instructions of the last stage (the image that ships), after those of the stages it is built from. */
    List<Instruction> runtimeStage() {
        return withBase(starts().getLast());
    }

    /** The instructions of the last stage alone, from its FROM. */
    List<Instruction> lastStage() {
        return instructions.subList(starts().getLast(), instructions.size());
    }

    /** The instructions of the stage named {@code name} ({@code FROM … AS name}), after those of the stages it is built from. */
    List<Instruction> stage(String name) {
        return starts().stream()
                .filter(i -> name.equalsIgnoreCase(stageName(instructions.get(i))))
                .findFirst()
                .map(this::withBase)
                .orElseThrow(() -> new AssertionError("no stage " + name));
    }

    /** {@code FROM image AS name}: name, else null. */
    static String stageName(Instruction from) {
        String[] words = from.arguments().split("\\s+");
        return words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
    }

    private List<Integer> starts() {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                starts.add(i);
            }
        }
        return starts;
    }

    private List<Instruction> withBase(int start) {
        List<Integer> starts = starts();
        int next = starts.stream().filter(i -> i > start).findFirst().orElse(instructions.size());
        String base = instructions.get(start).arguments().split("\\s+")[0];
        List<Instruction> out = new ArrayList<>();
        starts.stream()
                .filter(i -> i < start && base.equalsIgnoreCase(stageName(instructions.get(i))))
                .findFirst()
                .ifPresent(i -> out.addAll(withBase(i)));
        out.addAll(instructions.subList(start, next));
        return out;
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> lastInRuntime(String keyword) {
        List<Instruction> found =
                runtimeStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
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
            throw new AssertionError("line " + i.line() + ": " + i.keyword() + " must use the exec form [\"...\"], got "
                    + i.arguments());
        }
        try {
            return new ObjectMapper().readValue(i.arguments(), new TypeReference<List<String>>() {});
        } catch (Exception e) {
            throw new AssertionError(
                    "line " + i.line() + ": " + i.keyword() + " is not a JSON array: " + i.arguments(), e);
        }
    }
}
