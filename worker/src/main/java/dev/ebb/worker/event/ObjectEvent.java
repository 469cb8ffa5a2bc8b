package dev.ebb.worker.event;

import java.util.Optional;

/**
 * One record of an S3 event notification, with the key already URL-decoded.
 *
 * @param eventName e.g. {@code ObjectCreated:Put}
 * @param size the object size the event reports, when it does
 */
public record ObjectEvent(
        String eventName,
        String bucket,
        String key,
        Optional<Long> size,
        Optional<String> eTag,
        Optional<String> versionId) {

    public boolean isObjectCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    /** A zero-byte key ending in {@code /}: what the S3 console's "Create folder" writes. */
    public boolean isFolderMarker() {
        return key.endsWith("/");
    }
}
