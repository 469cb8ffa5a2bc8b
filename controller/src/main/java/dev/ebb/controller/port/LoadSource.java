package dev.ebb.controller.port;

import dev.ebb.controller.reconcile.LoadMeasurement;
import java.time.Instant;

/**
 * What the controller needs to size by work: messages arriving and what the workers reported doing,
 * over the windows of {@link LoadWindows}. Never fails a cycle: a source that cannot answer says
 * {@link LoadMeasurement#UNKNOWN}, and the policy's cold-start guesses apply.
 */
public interface LoadSource {

    LoadMeasurement read(Instant now);
}
