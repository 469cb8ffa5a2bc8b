package dev.ebb.simulator.report;

import dev.ebb.simulator.RunResult;
import dev.ebb.simulator.metrics.Timeline;
import dev.ebb.simulator.metrics.Timeline.TaskPhase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Backlog (top) and tasks over time — starting, busy and idle, one panel each on one scale, so
 * what a policy pays for and does not use shows as its own line — one colour per policy, drawn once as SVG and once
 * as PNG from the same layout. Each line is reduced to the minimum and maximum per pixel column,
 * so spikes survive and a day of samples stays a small file.
 */
public final class Chart {

    static final int WIDTH = 960;
    static final int HEIGHT = 790;
    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int[] COLORS = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x17becf
    };
    private static final int INK = 0x222222;
    private static final int GRID = 0xdddddd;

    private final String title;
    private final List<String> names;
    private final List<RunResult> results;
    private final long xMax;

    /** @param xMaxMillis the end of the time axis (the runs are cut there) */
    public Chart(String title, List<String> names, List<RunResult> results, long xMaxMillis) {
        this.title = title;
        this.names = List.copyOf(names);
        this.results = List.copyOf(results);
        this.xMax = Math.max(1_000, xMaxMillis);
    }

    /** The time axis for these runs: until the last of them ended, plus a little room. */
    public static long axisEnd(List<RunResult> results, long durationMillis) {
        long end = results.stream().mapToLong(RunResult::endedMillis).max().orElse(durationMillis);
        return Math.min(durationMillis, Math.max(60_000, end + end / 20));
    }

    public void writeSvg(Path file) throws IOException {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        draw(c);
        Files.writeString(file, c.finish(), StandardCharsets.UTF_8);
    }

    /** @return false if the PNG had to be drawn without text (no fonts on this machine) */
    public boolean writePng(Path file) throws IOException {
        PngCanvas c = new PngCanvas(WIDTH, HEIGHT);
        draw(c);
        BufferedImage image = c.finish();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
        return !c.textFailed();
    }

    void draw(Canvas c) {
        c.text(WIDTH / 2.0, 26, title, 16, Canvas.Anchor.MIDDLE, INK, true);
        double plotWidth = WIDTH - LEFT - RIGHT;
        Panel backlog = new Panel(56, 220, "messages in the queue (visible + in flight + delayed)");
        Map<TaskPhase, Panel> tasks = new EnumMap<>(TaskPhase.class);
        tasks.put(TaskPhase.STARTING, new Panel(310, 95, "tasks starting (launched, not polling yet)"));
        tasks.put(TaskPhase.BUSY, new Panel(440, 95, "tasks busy (holding a message)"));
        tasks.put(TaskPhase.IDLE, new Panel(570, 95, "tasks idle (running, holding nothing: paid for, unused)"));
        long maxBacklog = 1;
        long maxTasks = 1;
        for (RunResult r : results) {
            Timeline t = r.timeline();
            for (int i = 0; i < t.size(); i++) {
                if (t.time(i) <= xMax) {
                    maxBacklog = Math.max(maxBacklog, t.backlog(i));
                    for (TaskPhase phase : TaskPhase.values()) {
                        maxTasks = Math.max(maxTasks, t.tasks(phase, i));
                    }
                }
            }
        }
        double[] timeTicks = AxisTicks.time(xMax);
        backlog.axes(c, AxisTicks.nice((double) maxBacklog), timeTicks, false);
        for (TaskPhase phase : TaskPhase.values()) {
            tasks.get(phase).axes(c, AxisTicks.nice((double) maxTasks), timeTicks, phase == TaskPhase.IDLE);
        }
        for (int k = 0; k < results.size(); k++) {
            Timeline t = results.get(k).timeline();
            int color = COLORS[k % COLORS.length];
            backlog.series(c, t, t::backlog, color, plotWidth);
            for (TaskPhase phase : TaskPhase.values()) {
                tasks.get(phase).series(c, t, i -> t.tasks(phase, i), color, plotWidth);
            }
        }
        legend(c, 760);
    }

    private void legend(Canvas c, double y) {
        double x = LEFT;
        for (int k = 0; k < names.size(); k++) {
            int color = COLORS[k % COLORS.length];
            c.line(x, y - 4, x + 24, y - 4, color, 3, false);
            c.text(x + 30, y, names.get(k), 13, Canvas.Anchor.START, INK, false);
            x += 40 + 8 * names.get(k).length() + 24;
        }
    }

    /** One plot area with its own y scale, sharing the time axis. */
    private final class Panel {
        final double top;
        final double height;
        final String label;
        double yMax = 1;

        Panel(double top, double height, String label) {
            this.top = top;
            this.height = height;
            this.label = label;
        }

        double x(double millis) {
            return LEFT + (WIDTH - LEFT - RIGHT) * millis / xMax;
        }

        double y(double value) {
            return top + height - height * value / yMax;
        }

        void axes(Canvas c, double[] yTicks, double[] timeTicks, boolean timeLabels) {
            yMax = yTicks[yTicks.length - 1];
            double right = WIDTH - RIGHT;
            for (double v : yTicks) {
                c.line(LEFT, y(v), right, y(v), GRID, 1, v != 0);
                c.text(LEFT - 6, y(v) + 4, AxisTicks.label(v), 11, Canvas.Anchor.END, INK, false);
            }
            for (double t : timeTicks) {
                c.line(x(t), top, x(t), top + height, GRID, 1, true);
                if (timeLabels) {
                    c.text(
                            x(t),
                            top + height + 16,
                            AxisTicks.timeLabel((long) t),
                            11,
                            Canvas.Anchor.MIDDLE,
                            INK,
                            false);
                }
            }
            c.line(LEFT, top, LEFT, top + height, INK, 1, false);
            c.line(LEFT, top + height, right, top + height, INK, 1, false);
            c.text(LEFT, top - 8, label, 12, Canvas.Anchor.START, INK, true);
            if (timeLabels) {
                c.text(
                        (LEFT + right) / 2,
                        top + height + 34,
                        "time since the start of the load",
                        12,
                        Canvas.Anchor.MIDDLE,
                        INK,
                        false);
            }
        }

        void series(Canvas c, Timeline t, IntToDoubleFunction value, int color, double plotWidth) {
            int columns = (int) plotWidth;
            double[] xs = new double[2 * columns + 4];
            double[] ys = new double[2 * columns + 4];
            int n = 0;
            int i = 0;
            while (i < t.size() && t.time(i) <= xMax) {
                int column = (int) ((columns - 1) * (double) t.time(i) / xMax);
                double lo = value.applyAsDouble(i);
                double hi = lo;
                double first = lo;
                double last = lo;
                int j = i + 1;
                while (j < t.size()
                        && t.time(j) <= xMax
                        && (int) ((columns - 1) * (double) t.time(j) / xMax) == column) {
                    double v = value.applyAsDouble(j);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    last = v;
                    j++;
                }
                double px = x((double) t.time(i));
                // enter at the first value, show the extremes, leave at the last: spikes stay visible
                xs[n] = px;
                ys[n++] = y(first);
                if (hi != first) {
                    xs[n] = px;
                    ys[n++] = y(hi);
                }
                if (lo != hi) {
                    xs[n] = px;
                    ys[n++] = y(lo);
                }
                if (last != lo) {
                    xs[n] = px;
                    ys[n++] = y(last);
                }
                if (n + 4 > xs.length) {
                    xs = java.util.Arrays.copyOf(xs, xs.length * 2);
                    ys = java.util.Arrays.copyOf(ys, ys.length * 2);
                }
                i = j;
            }
            c.polyline(xs, ys, n, color, 2);
        }
    }
}
