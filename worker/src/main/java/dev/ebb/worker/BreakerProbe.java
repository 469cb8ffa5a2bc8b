package dev.ebb.worker;

import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Asks a service whose breaker is not closed whether it answers again, one probe at a time: a
 * half-open breaker lets one call through, and that call is the probe. Its outcome is the
 * breaker's business (the service's Guard records it); here it only ends the probe. Run on the
 * worker's context, so {@code pending} needs no lock.
 */
final class BreakerProbe implements Runnable {

    private final Context context;
    private final BooleanSupplier needed;
    private final Supplier<CompletableFuture<Void>> call;
    private boolean pending;

    /**
     * @param needed whether the service's breaker is open or half-open now
     * @param call a cheap call to the service, through its breaker
     */
    BreakerProbe(Context context, BooleanSupplier needed, Supplier<CompletableFuture<Void>> call) {
        this.context = context;
        this.needed = needed;
        this.call = call;
    }

    @Override
    public void run() {
        if (pending || !needed.getAsBoolean()) {
            return;
        }
        pending = true;
        var _ = call.get().whenComplete((v, e) -> context.runOnContext(x -> pending = false));
    }
}
