package dev.ebb.controller.cycle;

import java.net.URI;
import java.util.Optional;

/**
 * Where the live policy is stored: {@code s3://bucket/key} (EBB_POLICY_BUCKET, EBB_POLICY_KEY), and
 * the S3 endpoint override (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL) for emulators or VPC endpoints.
 */
public record PolicyLocation(String bucket, String key, Optional<URI> endpoint) {

    public static final String DEFAULT_KEY = "scaling-policy.yaml";
}
