package dev.ebb.controller.cycle;

import dev.ebb.controller.reconcile.DesiredHistory;

/**
 * Keeps the reconciler's {@link DesiredHistory} between cycles. The Lambda keeps it in memory,
 * which lives as long as the warm execution environment (a 2-minute schedule keeps one warm); a
 * cold start forgets it, which only delays stop-excess by one window — never stops too early.
 */
public interface HistoryStore {

    DesiredHistory load();

    void save(DesiredHistory history);

    static HistoryStore inMemory() {
        return new HistoryStore() {
            private volatile DesiredHistory history = DesiredHistory.EMPTY;

            @Override
            public DesiredHistory load() {
                return history;
            }

            @Override
            public void save(DesiredHistory h) {
                history = h;
            }
        };
    }
}
