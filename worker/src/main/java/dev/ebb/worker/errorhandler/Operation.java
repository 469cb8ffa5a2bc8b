package dev.ebb.worker.errorhandler;

/**
 * The S3 or SQS call that failed. The same status means different things on different calls: a
 * 404 on the source's GetObject is a missing image (dead-letter it), a 404 on the destination's
 * PutObject is a missing bucket (stop the worker, burn nothing).
 */
public enum Operation {
    GET_SOURCE("GetObject", Side.SOURCE),
    HEAD_SOURCE("HeadObject", Side.SOURCE),
    LIST_SOURCE("ListObjectsV2", Side.SOURCE),
    HEAD_SOURCE_BUCKET("HeadBucket", Side.SOURCE),
    PUT_OUTPUT("PutObject", Side.DESTINATION),
    HEAD_DESTINATION("HeadBucket", Side.DESTINATION);

    /** Which bucket the call was about. */
    public enum Side {
        SOURCE,
        DESTINATION
    }

    private final String apiName;
    private final Side side;

    Operation(String apiName, Side side) {
        this.apiName = apiName;
        this.side = side;
    }

    public String apiName() {
        return apiName;
    }

    public Side side() {
        return side;
    }
}
