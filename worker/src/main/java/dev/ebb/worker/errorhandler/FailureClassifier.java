package dev.ebb.worker.errorhandler;

import dev.ebb.worker.port.Fault;
import java.util.Set;

/**
 * Decides what a failed call means, from the operation, the status and the error code. Pure: the
 * SDK's exceptions are turned into a {@link Fault} first ({@code aws/Faults}).
 *
 * <p>Three outcomes. <b>Transient</b> (5xx, throttling, timeouts, expired credentials): wait and
 * try again. <b>Permanent</b>, only for what is known to be the image's own fault (a missing
 * object, an oversized one, a request S3 rejects for this key): dead-letter it. <b>Configuration</b>
 * (a missing or forbidden bucket, a bucket in another region): no image could succeed, so the worker
 * stops and burns nothing. A 403 on the destination or on reading the source is configuration: an
 * AccessDenied from AWS for a missing source key has already been told apart by listing the bucket
 * ({@link Fault.ObjectAbsent}).
 */
public final class FailureClassifier {

    /** 4xx codes that say nothing about the image: the caller's clock or credentials, which heal. */
    private static final Set<String> TRANSIENT_CLIENT_CODES = Set.of(
            "ExpiredToken",
            "ExpiredTokenException",
            "RequestTimeTooSkewed",
            "RequestExpired",
            "RequestTimeout",
            "IDPCommunicationError");

    private FailureClassifier() {}

    /** @param bucket the bucket the call was about (named in a configuration failure's detail) */
    public static Failure classify(Operation op, String bucket, Fault fault) {
        return switch (fault) {
            case Fault.TooLarge t -> new Failure.Permanent("too_large", t.message());
            case Fault.ObjectAbsent a -> new Failure.Permanent("source_missing", a.message());
            case Fault.BreakerOpen b -> new Failure.Transient("breaker_open", b.message());
            case Fault.Connection c -> new Failure.Transient("connection", c.message());
            case Fault.Internal i ->
                new Failure.Transient(
                        "internal",
                        i.error().getClass().getSimpleName() + ": "
                                + firstLine(i.error().getMessage()));
            case Fault.Service s -> service(op, bucket, s);
        };
    }

    private static Failure service(Operation op, String bucket, Fault.Service s) {
        String detail = op.apiName() + ": " + s.status() + (s.code() == null ? "" : " " + s.code()) + " "
                + firstLine(s.message());
        if (transientService(s)) {
            String reason = s.throttling() || s.status() == 429 || s.status() == 503
                    ? "throttled"
                    : s.status() >= 500 ? "aws_" + s.status() : "aws_transient";
            return new Failure.Transient(reason, detail);
        }
        boolean source = op.side() == Operation.Side.SOURCE;
        String variable = op.bucketNamedBy();
        if (s.status() == 301
                || "PermanentRedirect".equals(s.code())
                || "AuthorizationHeaderMalformed".equals(s.code())) {
            return new Failure.Configuration(
                    source ? "source_wrong_region" : "destination_wrong_region",
                    "s3://" + bucket + " (" + variable + ") is in another region than the worker's client (" + detail
                            + "): set EBB_REGION to the bucket's region");
        }
        if (s.status() == 404) {
            if (op.readsAnObject() && !"NoSuchBucket".equals(s.code())) {
                return new Failure.Permanent("source_missing", detail);
            }
            return new Failure.Configuration(
                    source ? "source_bucket_missing" : "destination_missing",
                    "s3://" + bucket + " (" + variable + ") does not exist (" + detail + "): create it or fix "
                            + (source ? "EBB_SOURCE_BUCKETS and the bucket's event notification" : "EBB_DEST_BUCKET"));
        }
        if (s.status() == 403) {
            String needs = switch (op) {
                case PUT_OUTPUT -> "s3:PutObject on the destination prefix";
                case HEAD_DESTINATION, HEAD_SOURCE_BUCKET -> "s3:ListBucket on the bucket";
                default -> "s3:GetObject on the source prefix (and s3:ListBucket, so that a missing key reads as 404)";
            };
            return new Failure.Configuration(
                    source ? "source_forbidden" : "destination_forbidden",
                    "the worker's role may not use s3://" + bucket + " (" + variable + ", " + detail + "): grant it "
                            + needs);
        }
        return new Failure.Permanent("aws_rejected", detail);
    }

    /** Whether a call that failed so is worth retrying (and counts against the service's breaker). */
    public static boolean isTransient(Fault fault) {
        return switch (fault) {
            case Fault.Service s -> transientService(s);
            case Fault.Connection c -> true;
            case Fault.Internal i -> true;
            case Fault.BreakerOpen b -> false;
            case Fault.TooLarge t -> false;
            case Fault.ObjectAbsent a -> false;
        };
    }

    private static boolean transientService(Fault.Service s) {
        return s.throttling()
                || s.status() == 429
                || s.status() >= 500
                || s.status() == 408
                || s.status() == 0
                || (s.code() != null && TRANSIENT_CLIENT_CODES.contains(s.code()));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
