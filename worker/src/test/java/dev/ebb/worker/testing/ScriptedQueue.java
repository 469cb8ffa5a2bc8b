package dev.ebb.worker.testing;

import dev.ebb.worker.port.Queue;
import dev.ebb.worker.port.ReceivedMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Queue} that answers nothing by itself: every call is recorded with the future it
 * returned, and the test completes that future by hand (on the worker's context, through
 * {@link TestContext#run}, so what follows runs at once and in order). Probes succeed at once.
 */
public final class ScriptedQueue implements Queue {

    public record Receive(
            int max, int waitSeconds, int visibilitySeconds, CompletableFuture<List<ReceivedMessage>> reply) {}

    public record Delete(List<ReceivedMessage.Handle> handles, CompletableFuture<List<String>> reply) {
        public List<String> ids() {
            return handles.stream().map(ReceivedMessage.Handle::id).toList();
        }
    }

    public record VisibilityChange(
            List<ReceivedMessage.Handle> handles, int seconds, CompletableFuture<List<String>> reply) {
        public List<String> ids() {
            return handles.stream().map(ReceivedMessage.Handle::id).toList();
        }
    }

    public record DeadLetter(ReceivedMessage message, String reason, String detail, CompletableFuture<Void> reply) {}

    public final List<Receive> receives = new CopyOnWriteArrayList<>();
    public final List<Delete> deletes = new CopyOnWriteArrayList<>();
    public final List<VisibilityChange> visibilityChanges = new CopyOnWriteArrayList<>();
    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    public final List<CompletableFuture<Integer>> invisibleCounts = new CopyOnWriteArrayList<>();

    /** A message as SQS hands it out, received {@code receiveCount} times. */
    public static ReceivedMessage message(String id, String body, int receiveCount) {
        return new ReceivedMessage(id, "rh-" + id, body, receiveCount);
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receive(int max, int waitSeconds, int visibilitySeconds) {
        Receive r = new Receive(max, waitSeconds, visibilitySeconds, new CompletableFuture<>());
        receives.add(r);
        return r.reply();
    }

    @Override
    public CompletableFuture<List<String>> delete(List<ReceivedMessage.Handle> handles) {
        Delete d = new Delete(List.copyOf(handles), new CompletableFuture<>());
        deletes.add(d);
        return d.reply();
    }

    @Override
    public CompletableFuture<List<String>> changeVisibility(List<ReceivedMessage.Handle> handles, int seconds) {
        VisibilityChange c = new VisibilityChange(List.copyOf(handles), seconds, new CompletableFuture<>());
        visibilityChanges.add(c);
        return c.reply();
    }

    @Override
    public CompletableFuture<Void> deadLetter(ReceivedMessage message, String reason, String detail) {
        DeadLetter d = new DeadLetter(message, reason, detail, new CompletableFuture<>());
        deadLetters.add(d);
        return d.reply();
    }

    @Override
    public CompletableFuture<Integer> invisibleCount() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        invisibleCounts.add(f);
        return f;
    }

    @Override
    public CompletableFuture<Void> probe() {
        return CompletableFuture.completedFuture(null);
    }

    /** The visibility changes to {@code seconds} (0: releases; otherwise a heartbeat's or a retry's). */
    public List<VisibilityChange> visibilityChangesTo(int seconds) {
        return visibilityChanges.stream().filter(c -> c.seconds() == seconds).toList();
    }
}
