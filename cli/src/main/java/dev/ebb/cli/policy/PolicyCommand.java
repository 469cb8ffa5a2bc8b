package dev.ebb.cli.policy;

import dev.ebb.controller.Controller;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ebb policy}: the scaling policy file. */
@Command(
        name = "policy",
        description = "Check, apply and show the scaling policy (config/scaling-policy.yaml).",
        subcommands = {PolicyCommand.Check.class, PolicyCommand.Apply.class, PolicyCommand.Get.class})
public final class PolicyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "check",
            description = {
                "Validate a ScalingPolicy file with the controller's own rules.",
                "Prints every error as FILE:LINE:COLUMN: KEY: what is allowed; exit 0 if valid, 2 if not."
            })
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The policy file, e.g. config/scaling-policy.yaml.")
        Path file;

        @Override
        public Integer call() {
            return Controller.checkPolicy(file, new PrintStream(System.out, true), new PrintStream(System.err, true));
        }
    }

    /** Where the deployed controller reads its policy: the stack's PolicyBucketName output. */
    static final class Store {
        @picocli.CommandLine.Option(
                names = "--bucket",
                defaultValue = "${env:EBB_POLICY_BUCKET}",
                required = true,
                description =
                        "Bucket of the live policy: the ebb stack's PolicyBucketName output (default: $EBB_POLICY_BUCKET).")
        String bucket;

        @picocli.CommandLine.Option(
                names = "--key",
                defaultValue = "${env:EBB_POLICY_KEY:-scaling-policy.yaml}",
                description = "Its key, as the controller's EBB_POLICY_KEY (default: ${DEFAULT-VALUE}).")
        String key;
    }

    @Command(
            name = "apply",
            description = {
                "Check a policy file exactly as `policy check` does, then store it for the deployed controller.",
                "It acts on it from its next tick, without a deploy. Nothing is stored if the file is invalid.",
                "AWS credentials, AWS_REGION and AWS_ENDPOINT_URL_S3 as for the AWS CLI.",
                "Exit 0 stored, 2 invalid, 1 the bucket could not be written."
            })
    static final class Apply implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The policy file, e.g. config/scaling-policy.yaml.")
        Path file;

        @picocli.CommandLine.Mixin
        Store store;

        @Override
        public Integer call() {
            return Controller.applyPolicy(
                    file,
                    store.bucket,
                    store.key,
                    System.getenv(),
                    new PrintStream(System.out, true),
                    new PrintStream(System.err, true));
        }
    }

    @Command(
            name = "get",
            description = {
                "Show the policy the deployed controller reads at its next tick, and whether it acts on it.",
                "Prints the stored YAML with its version and check; says so when nothing is stored (the bundled policy applies).",
                "Exit 0 valid or nothing stored, 2 invalid (the controller keeps the last valid one), 1 unreadable."
            })
    static final class Get implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        Store store;

        @Override
        public Integer call() {
            return Controller.getPolicy(
                    store.bucket,
                    store.key,
                    System.getenv(),
                    new PrintStream(System.out, true),
                    new PrintStream(System.err, true));
        }
    }
}
