package dev.ebb.controller.cycle;

import dev.ebb.controller.reconcile.History;

/**
 * Keeps the reconciler's {@link History} between cycles. The Lambda keeps it in memory,
 * which lives as long as the warm execution environment (a 2-minute schedule keeps one warm); a
 * cold start forgets it, which only delays stop-excess by one window — never stops too early.
 */
public interface HistoryStore {

    History load();

    void save(History history);

    static HistoryStore inMemory() {
        return new HistoryStore() {
            private volatile History history = History.EMPTY;

            @Override
            public History load() {
                return history;
            }

            @Override
            public void save(History h) {
                history = h;
            }
        };
    }
}
