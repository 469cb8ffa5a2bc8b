package dev.ebb.worker.poison;

/** What a receive found where a re-delivered message's attempt marker would be. */
public sealed interface MarkerState {

    /** No marker: every earlier attempt that wrote one ended in an orderly way. */
    record Absent() implements MarkerState {}

    record Found(AttemptMarker marker) implements MarkerState {}

    /** The marker could not be read (S3 failing, a role without the grant, an object that is no marker): it proves nothing. */
    record Unavailable(String why) implements MarkerState {}
}
