package dev.ebb.controller.lambda;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Runs the handler once in a fresh JVM the way the Lambda runtime would, with a scheduled event of
 * now: {@code java -cp ebb-controller-*-lambda.jar dev.ebb.controller.lambda.InvokeOnce}. Used to
 * measure cold start (JVM start to decision logged) against the emulators.
 */
public final class InvokeOnce {

    private InvokeOnce() {}

    public static void main(String[] args) throws Exception {
        String event = "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"detail\":{}}";
        new ControllerHandler()
                .handleRequest(
                        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                        OutputStream.nullOutputStream(),
                        new RemainingTime(60_000));
    }

    /** The part of Lambda's Context the handler reads. */
    private record RemainingTime(int millis) implements com.amazonaws.services.lambda.runtime.Context {
        @Override
        public String getAwsRequestId() {
            return "local";
        }

        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "ebb-controller";
        }

        @Override
        public String getFunctionVersion() {
            return "local";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "local";
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return millis;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
            return null;
        }
    }
}
