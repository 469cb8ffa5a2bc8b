package dev.ebb.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the worker image must be, read from the Dockerfile itself. */
class DockerfileTest {

    final Dockerfile docker = Dockerfile.load("Dockerfile");

    @Test
    void buildsWithJdk25AndRunsOnAJre25() {
        List<Dockerfile.Instruction> from = docker.all("FROM");
        assertThat(from.get(0).arguments()).contains("maven:").contains("-25").endsWith(" AS build");
        assertThat(from.get(1).arguments()).contains("eclipse-temurin:25-jre").endsWith(" AS runtime");
        // the AOT cache is trained on the image's own base: the same JRE build and /app files
        assertThat(docker.stage("train").getFirst()).isEqualTo(from.get(1));
        assertThat(docker.runtimeStage().getFirst()).isEqualTo(from.get(1));
        assertThat(docker.runtimeStage().stream()
                        .filter(i -> i.keyword().equals("RUN"))
                        .map(Dockerfile.Instruction::arguments))
                .anySatisfy(run -> assertThat(run)
                        .contains("apt-get install")
                        .contains("--no-install-recommends")
                        .contains("libturbojpeg")
                        .contains("rm -rf /var/lib/apt/lists/*"));
    }

    /**
     * Base images: a digest where one is known, else an explicit version tag and never latest
     * (digests cannot be read offline; see docs/deploy.md, Security). The CI image of
     * buildspec.yml and the sidecar defaults of ebb.yaml follow the same rule.
     */
    @Test
    void everyImageIsPinnedByDigestOrAVersionTag() {
        List<String> images = new java.util.ArrayList<>();
        List<String> stages =
                docker.all("FROM").stream().map(Dockerfile::stageName).toList();
        docker.all("FROM").stream()
                .map(f -> f.arguments().split(" ")[0])
                .filter(i -> !stages.contains(i))
                .forEach(images::add);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?m)^\\s*TEST_IMAGE: (\\S+)").matcher(Repo.read("buildspec.yml"));
        assertThat(m.find()).isTrue();
        images.add(m.group(1));
        java.util.regex.Matcher agents = java.util.regex.Pattern.compile("Default: (public\\.ecr\\.aws/\\S+)")
                .matcher(Repo.read("infra/cloudformation/ebb.yaml"));
        while (agents.find()) {
            images.add(agents.group(1));
        }
        assertThat(images).hasSizeGreaterThanOrEqualTo(5);
        for (String image : images) {
            String tag = image.substring(image.lastIndexOf('/') + 1);
            assertThat(tag)
                    .as(image)
                    .containsPattern("(@sha256:[0-9a-f]{64}$)|(:[^:@]*[0-9][^:@]*$)")
                    .doesNotEndWith(":latest");
        }
    }

    @Test
    void runsEbbWorkerFromTheWorkerDistribution() {
        List<String> argv = docker.command();
        assertThat(argv.getFirst()).isEqualTo("java");
        int jar = argv.indexOf("-jar");
        assertThat(jar).isPositive();
        assertThat(argv.get(jar + 1)).isEqualTo("/app/ebb.jar");
        assertThat(argv.subList(jar + 2, argv.size())).containsExactly("worker");
        // dist-worker's jar is a manifest putting lib/*.jar on the class path, so lib/ must sit beside it
        assertThat(docker.all("RUN").getFirst().arguments()).contains("-pl dist-worker,cli -am package");
        List<String> copies = docker.runtimeStage().stream()
                .filter(i -> i.keyword().equals("COPY"))
                .map(Dockerfile.Instruction::arguments)
                .toList();
        assertThat(copies)
                .contains(
                        "--from=build /src/dist-worker/target/lib/ /app/lib/",
                        "--from=build /src/dist-worker/target/ebb.jar /app/ebb.jar");
        // bin/ebb's distribution (the emulators) is the training stage's, not the image's
        assertThat(copies).noneMatch(c -> c.contains("/src/cli/"));
    }

    /**
     * The training stage runs the image's own ENTRYPOINT + CMD (ebb aot-train swaps -XX:AOTCache
     * for -XX:AOTCacheOutput), as the image's user, and the image takes the cache it wrote: a cache
     * trained with other flags or jars could be refused or fit another run.
     */
    @Test
    void theAotCacheIsTrainedOnTheImagesOwnCommand() {
        List<Dockerfile.Instruction> train = docker.stage("train");
        List<String> run = Dockerfile.execForm(
                train.stream().filter(i -> i.keyword().equals("RUN")).toList().getLast());
        assertThat(run.subList(0, run.indexOf("--")))
                .containsSubsequence("java", "-jar", "/opt/ebb-train/ebb-cli.jar", "aot-train", "--out");
        assertThat(run.subList(run.indexOf("--") + 1, run.size()))
                .as("the training RUN's command after -- is the ENTRYPOINT + CMD")
                .isEqualTo(docker.command());
        String out = run.get(run.indexOf("--out") + 1);
        assertThat(docker.lastStage())
                .anySatisfy(i -> assertThat(i.keyword() + " " + i.arguments())
                        .isEqualTo("COPY --from=train " + out + " /app/ebb.aot"));
        assertThat(docker.command()).contains("-XX:AOTCache=/app/ebb.aot");
        assertThat(train.stream().filter(i -> i.keyword().equals("USER")).map(Dockerfile.Instruction::arguments))
                .containsExactly(docker.user().orElseThrow());
    }

    @Test
    void dockerignoreKeepsEveryMavenModule() {
        List<String> ignored = Repo.read(".dockerignore")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        var modules =
                java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
        int count = 0;
        while (modules.find()) {
            String module = modules.group(1);
            count++;
            assertThat(ignored)
                    .as(".dockerignore hides module " + module)
                    .noneMatch(p -> p.equals(module)
                            || p.equals(module + "/")
                            || p.equals("*")
                            || p.equals(module + "/pom.xml"));
        }
        assertThat(count).isGreaterThan(3);
        assertThat(ignored).contains("**/target", ".git");
    }

    @Test
    void jvmFlagsAreContainerAwareAndAllowFfm() {
        List<String> argv = docker.command();
        List<String> jvm = argv.subList(1, argv.indexOf("-jar"));
        assertThat(jvm).contains("--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError");
        // the JVM's "Terminating due to java.lang.OutOfMemoryError" would otherwise break stdout's one JSON object a
        // line
        assertThat(jvm).contains("-XX:+DisplayVMOutputToStderr");
        assertThat(jvm).anySatisfy(f -> assertThat(f).matches("-XX:MaxRAMPercentage=\\d+(\\.\\d+)?"));
        // a fixed heap would ignore the task's memory parameter
        assertThat(jvm).noneSatisfy(f -> assertThat(f).startsWith("-Xmx"));
        // C2's compiling costs a short-lived worker more than it gains (docs/worker.md, Benchmark)
        assertThat(jvm).contains("-XX:TieredStopAtLevel=1");
        // at the JVM's own thresholds: the AOT cache's training data names what C1 compiles early, and scaling the
        // thresholds down compiles the start-up code as well (5,225 compiles in a 40-image run against 3,526;
        // AotTrainCommand's --images)
        assertThat(jvm).noneSatisfy(f -> assertThat(f).startsWith("-XX:CompileThresholdScaling"));
        // the JVM's unified logging (e.g. an AOT cache it cannot use) writes warnings to stdout unless told otherwise
        assertThat(jvm).containsSubsequence("-Xlog:disable", "-Xlog:all=warning:stderr:uptime,level,tags");
    }

    @Test
    void declaresTheTasksScratchMountAsAVolumeSoFargateKeepsItWritable() {
        String scratch = ContainerCommandIT.scratchMount();
        assertThat(docker.runtimeStage().stream()
                        .filter(i -> i.keyword().equals("VOLUME"))
                        .flatMap(i -> Dockerfile.execForm(i).stream()))
                .contains(scratch);
    }

    @Test
    void runsAsTheSameNonRootUserAsTheTaskDefinition() {
        String user = docker.user().orElseThrow(() -> new AssertionError("no USER in the runtime stage"));
        assertThat(user.split(":")[0]).doesNotMatch("0|root");
        var worker = TemplateRulesTest.workerContainer();
        assertThat(worker.get("User")).isEqualTo(user);
        // the USER comes after the last RUN, so nothing at run time is done as root
        List<Dockerfile.Instruction> runtime = docker.runtimeStage();
        int userAt = runtime.indexOf(docker.lastInRuntime("USER").orElseThrow());
        assertThat(runtime.subList(userAt, runtime.size()))
                .noneMatch(i -> i.keyword().equals("RUN"));
    }
}
