package dev.ebb.worker;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/**
 * The worker's threading rule, checked where it could be broken. The worker's state ({@code
 * InFlight}, {@code Permits}, its own fields) is plain fields, not thread-safe, touched only on the
 * worker's event-loop context. /health and the gauges read it from the HTTP server, which is safe
 * only because the server listens from that same context ({@code WorkerRuntime.http}), so its
 * handlers run on it. A read from anywhere else (another thread, or another context even on the
 * same event loop) throws instead of returning a value another thread may be changing; a gauge
 * that throws reads NaN.
 */
final class ContextOwned {

    private final Context owner;

    ContextOwned(Context owner) {
        this.owner = owner;
    }

    /** {@code read}'s value, read on the owner context; {@code what} names it when called elsewhere. */
    <T> T read(String what, Supplier<T> read) {
        if (!onOwner()) {
            throw new IllegalStateException(what + " is read on the worker's context only, not on thread "
                    + Thread.currentThread().getName() + " (" + Vertx.currentContext() + ")");
        }
        return read.get();
    }

    /** An HTTP request runs on a duplicate of the context the server listens from: the same thread, the same owner. */
    @SuppressWarnings("ReferenceEquality") // the very context the state belongs to, by identity
    private boolean onOwner() {
        return Vertx.currentContext() instanceof ContextInternal c && c.unwrap() == owner;
    }
}
