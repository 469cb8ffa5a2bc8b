package dev.ebb.local.watch;

import dev.ebb.local.platform.TaskListener;
import dev.ebb.local.platform.WorkerTask;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Live figures from the workers' own lines: distinct keys processed and dead-lettered (a message
 * processed twice after a crash counts once), tasks launched and exited. The final account comes
 * from the bucket and the dead-letter queue, not from here.
 */
public final class Counters implements TaskListener {

    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger launched = new AtomicInteger();
    private final AtomicInteger exited = new AtomicInteger();
    private final AtomicInteger exitedBeforeRunning = new AtomicInteger();
    private final AtomicInteger everRunning = new AtomicInteger();
    private final Consumer<String> events;

    public Counters(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public void launched(WorkerTask task) {
        launched.incrementAndGet();
        events.accept(String.format("%s launched on %s (pid %d)", task.id(), task.provider(), task.pid()));
    }

    @Override
    public void running(WorkerTask task) {
        everRunning.incrementAndGet();
    }

    @Override
    public void exited(WorkerTask task) {
        exited.incrementAndGet();
        if (!task.reachedRunning()) {
            exitedBeforeRunning.incrementAndGet();
        }
        events.accept(String.format(
                "%s exited: %s (exit code %d)",
                task.id(), task.exitReason().orElse("?"), task.exitCode().orElse(-1)));
    }

    @Override
    public void processed(String key) {
        processed.add(key);
    }

    @Override
    public void failed(String key, String reason) {
        failed.add(key);
    }

    public int processed() {
        return processed.size();
    }

    public int failed() {
        return failed.size();
    }

    public int launched() {
        return launched.get();
    }

    public int exited() {
        return exited.get();
    }

    /** Tasks that ended before they ever polled the queue. */
    public int crashedAtStart() {
        return exitedBeforeRunning.get();
    }

    /** Tasks that reached their queue and started polling. */
    public int everRunning() {
        return everRunning.get();
    }
}
