package dev.ebb.controller.aws;

import dev.ebb.controller.port.PolicyStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The policy as one S3 object. Each tick is a GetObject with If-None-Match: 304 while the policy is
 * unchanged, so an unchanged policy costs one request and no parsing. A missing object is a 404
 * only with s3:ListBucket on the bucket (without it S3 answers 403): the controller's role has it.
 */
public final class S3PolicyStore implements PolicyStore {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final Retrying retrying;

    /** @param retrying for throttling, 5xx and lost answers: one S3 hiccup must not cost a tick */
    public S3PolicyStore(S3Client s3, String bucket, String key, Retrying retrying) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.retrying = retrying;
    }

    @Override
    public Read read(Optional<String> knownEtag) {
        try {
            ResponseBytes<GetObjectResponse> object = retrying.call(
                    "s3.GetObject",
                    () -> s3.getObjectAsBytes(r -> {
                        r.bucket(bucket).key(key);
                        knownEtag.ifPresent(r::ifNoneMatch);
                    }));
            GetObjectResponse head = object.response();
            return new Read.Found(
                    object.asString(StandardCharsets.UTF_8),
                    head.eTag(),
                    Optional.ofNullable(head.versionId()),
                    Optional.ofNullable(head.lastModified()));
        } catch (NoSuchKeyException e) {
            return new Read.Absent();
        } catch (S3Exception e) {
            if (e.statusCode() == 304) {
                return new Read.Unchanged();
            }
            if (e.statusCode() == 404) {
                return new Read.Absent();
            }
            throw e;
        }
    }

    @Override
    public Read.Found write(String yaml) {
        PutObjectResponse put = retrying.call(
                "s3.PutObject",
                () -> s3.putObject(
                        r -> r.bucket(bucket).key(key).contentType("application/yaml"),
                        RequestBody.fromString(yaml, StandardCharsets.UTF_8)));
        return new Read.Found(yaml, put.eTag(), Optional.ofNullable(put.versionId()), Optional.empty());
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + key;
    }
}
