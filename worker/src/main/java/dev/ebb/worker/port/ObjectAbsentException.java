package dev.ebb.worker.port;

/**
 * S3 answered 403 to a read, and a listing of the bucket showed the key is not there: on AWS a
 * GetObject of a missing key is AccessDenied unless the role may list the bucket.
 */
public final class ObjectAbsentException extends RuntimeException {

    public ObjectAbsentException(String bucket, String key) {
        super("s3://" + bucket + "/" + key
                + " does not exist (GetObject answered 403 AccessDenied; ListObjectsV2 shows no such key)");
    }
}
