package dev.ebb.simulator.arrivals;

import dev.ebb.simulator.model.DurationText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded load, one row per line: {@code timestamp,count}. The timestamp is an ISO-8601 instant
 * ({@code 2026-03-01T09:00:00Z}, taken relative to the first row), a number of seconds from the
 * start, or a duration ({@code 90s}, {@code 2h}). A row's messages are spread evenly until the
 * next row (in one-second cohorts), the last row's arrive at once. A header line and lines starting
 * with {@code #} are skipped.
 */
public final class TraceCsv {

    private TraceCsv() {}

    public static Arrivals read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trace " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    static Arrivals parse(List<String> lines, String name) {
        List<long[]> rows = new ArrayList<>();
        Instant origin = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            String where = name + ":" + (i + 1) + ": ";
            if (cells.length != 2) {
                throw new IllegalArgumentException(where + "expected timestamp,count, got '" + line + "'");
            }
            if (rows.isEmpty() && origin == null && !cells[1].strip().matches("\\d+")) {
                continue; // header
            }
            long count;
            try {
                count = Long.parseLong(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        where + "count must be a whole number ≥ 0, got '" + cells[1].strip() + "'");
            }
            String ts = cells[0].strip();
            long at;
            if (ts.matches("\\d+(\\.\\d+)?")) {
                at = Math.round(Double.parseDouble(ts) * 1000);
            } else if (ts.contains("T")) {
                try {
                    Instant instant = Instant.parse(ts);
                    origin = origin == null ? instant : origin;
                    at = instant.toEpochMilli() - origin.toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            where + "timestamp '" + ts + "' is not an ISO-8601 instant like 2026-03-01T09:00:00Z");
                }
            } else {
                try {
                    at = DurationText.parseMillis(ts);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            where + "timestamp '" + ts + "': an ISO-8601 instant, seconds, or a duration like 90s");
                }
            }
            if (!rows.isEmpty() && at < rows.getLast()[0]) {
                throw new IllegalArgumentException(where + "timestamps must not go backwards");
            }
            rows.add(new long[] {at, count});
        }
        Arrivals.Builder b = new Arrivals.Builder();
        for (int r = 0; r < rows.size(); r++) {
            long at = rows.get(r)[0];
            long count = rows.get(r)[1];
            long until = r + 1 < rows.size() ? rows.get(r + 1)[0] : at;
            long steps = Math.max(1, (until - at) / Patterns.STEP);
            for (long s = 0; s < steps; s++) { // whole messages per step, adding up to exactly count
                b.add(at + s * Patterns.STEP, (s + 1) * count / steps - s * count / steps);
            }
        }
        return b.build();
    }
}
