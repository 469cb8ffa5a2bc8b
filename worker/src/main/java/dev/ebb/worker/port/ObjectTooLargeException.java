package dev.ebb.worker.port;

/** The source object is larger than the worker's byte limit; its body was never read. */
public final class ObjectTooLargeException extends RuntimeException {

    public ObjectTooLargeException(long size, long limit) {
        super("the object has " + size + " bytes; the limit is " + limit);
    }
}
