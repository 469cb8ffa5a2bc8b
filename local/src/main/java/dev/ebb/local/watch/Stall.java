package dev.ebb.local.watch;

import java.util.Optional;

/**
 * Notices a run that can never finish: work waits, no worker is alive, and the controller keeps
 * holding for a reason only the user can change (a paused policy, a backlog below the activation
 * threshold, an invalid policy file), or every task launched so far died before it could poll.
 */
public final class Stall {

    private final int patience;
    private String lastWhy;
    private int count;

    public Stall(int patience) {
        this.patience = patience;
    }

    /** @param holdReason the controller's reason when it is one that needs the user, else null */
    public Optional<String> observe(long queued, long liveTasks, String holdReason) {
        if (queued > 0 && liveTasks == 0 && holdReason != null) {
            count = holdReason.equals(lastWhy) ? count + 1 : 1;
            lastWhy = holdReason;
        } else {
            count = 0;
            lastWhy = null;
        }
        return count >= patience ? Optional.of(lastWhy) : Optional.empty();
    }
}
