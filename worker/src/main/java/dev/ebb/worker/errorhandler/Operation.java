package dev.ebb.worker.errorhandler;

/**
 * The S3 or SQS call that failed. The same status means different things on different calls: a
 * 404 on the source's GetObject is a missing image (dead-letter it), a 404 on the destination's
 * PutObject is a missing bucket (stop the worker, burn nothing).
 */
public enum Operation {
    GET_SOURCE("GetObject", Side.SOURCE, "the message's source bucket", true),
    HEAD_SOURCE("HeadObject", Side.SOURCE, "the message's source bucket", true),
    /** At start, on each bucket the configuration allows: the bucket is the configuration's, not a message's. */
    HEAD_SOURCE_BUCKET("HeadBucket", Side.SOURCE, "EBB_SOURCE_BUCKETS", false),
    PUT_OUTPUT("PutObject", Side.DESTINATION, "EBB_DEST_BUCKET", false),
    HEAD_DESTINATION("HeadBucket", Side.DESTINATION, "EBB_DEST_BUCKET", false);

    /** Which bucket the call was about. */
    public enum Side {
        SOURCE,
        DESTINATION
    }

    private final String apiName;
    private final Side side;
    private final String bucketNamedBy;
    private final boolean readsAnObject;

    Operation(String apiName, Side side, String bucketNamedBy, boolean readsAnObject) {
        this.apiName = apiName;
        this.side = side;
        this.bucketNamedBy = bucketNamedBy;
        this.readsAnObject = readsAnObject;
    }

    public String apiName() {
        return apiName;
    }

    public Side side() {
        return side;
    }

    /** Where the bucket's name came from, for the operator who has to fix it: a variable, or the message. */
    public String bucketNamedBy() {
        return bucketNamedBy;
    }

    /**
     * Whether the call reads one object, so that a 404 other than NoSuchBucket is about that
     * object (gone: the message's fault), not about its bucket (the configuration's).
     */
    public boolean readsAnObject() {
        return readsAnObject;
    }
}
