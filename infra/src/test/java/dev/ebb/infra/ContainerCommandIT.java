package dev.ebb.infra;

import static dev.ebb.infra.CfnTemplate.list;
import static dev.ebb.infra.CfnTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.worker.testing.Harness;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The image cannot be built here (no Docker engine, no base images), so this runs what the image
 * would run, taken from the Dockerfile and ebb.yaml rather than copied into the test:
 * <ul>
 *   <li>the files the runtime stage COPYs, laid out under a folder standing for {@code /};</li>
 *   <li>its AOT cache, made as the build makes it: the training stage's RUN (ebb aot-train on the
 *       image's command) on those files, then the last stage's COPY of the cache; the worker then
 *       runs with {@code -XX:AOTMode=on}, so a cache the JVM would skip fails the test;</li>
 *   <li>ENTRYPOINT + CMD with their JVM flags, from WORKDIR, with the image's ENV;</li>
 *   <li>the task definition's environment for the worker container, its Refs resolved to the
 *       emulators' queue and buckets and its parameters to their defaults;</li>
 *   <li>as root (CI): in a private mount namespace with the root file system read-only and the
 *       task's scratch volume mounted where the task definition mounts it, as the Dockerfile's
 *       USER (uid:gid) — the task's runtime constraints; as root without mount namespaces (an
 *       unprivileged container, as in CodeBuild): as that USER; as another user: as that user.</li>
 * </ul>
 * Then it checks that the worker resized every uploaded image, emptied the queue and exited 0.
 */
class ContainerCommandIT {

    static final int IMAGES = 6;

    @Test
    void theImageCommandUserAndJvmFlagsRunAWorkerThatProcessesTheQueue() throws Exception {
        Dockerfile docker = Dockerfile.load("Dockerfile");
        List<String> argv = docker.command();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Path work = Files.createDirectories(Repo.path("infra/target/container-it"));
        Path image = Files.createTempDirectory(scratchBase(), "ebb-image-");
        Path scratch = Files.createTempDirectory(scratchBase(), "ebb-scratch-");
        try {
            layOutTrained(docker, image, java, work);
            Path jar = inImage(image, argv.get(argv.indexOf("-jar") + 1));
            assertThat(cliHas(java, jar, argv.getLast()))
                    .as("the image's ebb --help lists the Dockerfile's CMD '" + argv.getLast() + "'")
                    .isTrue();
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxrwxrwx"));

            Harness h = new Harness("container", 30, 3);
            List<String> keys = h.upload(IMAGES, "incoming/2026");
            Map<String, String> env = environment(docker, h);

            List<String> command = new ArrayList<>(
                    argv.stream().map(a -> inImage(image, java, a)).toList());
            // in the image a cache the JVM cannot use is skipped with a warning; here it is an error
            command.add(1, "-XX:AOTMode=on");
            String user = docker.user().orElseThrow();
            Mode mode = Mode.detect();
            List<String> launched = mode.wrap(command, user, scratch, scratchMount());
            System.out.println("container-it: " + mode + ": " + String.join(" ", launched));

            ProcessBuilder pb = new ProcessBuilder(launched)
                    .directory(inImage(image, workdir(docker)).toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Path stdout = work.resolve("stdout.log");
            Path stderr = work.resolve("stderr.log");
            pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process p = pb.start();
            boolean exited = p.waitFor(180, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor();
            }
            String log = Files.readString(stdout) + Files.readString(stderr);
            assertThat(exited)
                    .as("the worker exits by itself once the queue is empty:\n" + log)
                    .isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(Files.readAllLines(stdout))
                    .as("stdout is one JSON object a line, nothing of the JVM's")
                    .allMatch(l -> l.startsWith("{"));

            List<String> outputs = h.aws.keys(h.dest);
            String[] sizes = env.get("EBB_SIZES").split(",");
            assertThat(outputs).as(log).hasSize(IMAGES * sizes.length);
            for (String key : keys) {
                for (String size : sizes) {
                    assertThat(outputs).contains(env.getOrDefault("EBB_DEST_PREFIX", "") + size + "/" + key);
                }
            }
            assertThat(h.aws.depth(h.queues.url())).isZero();
            assertThat(h.aws.depth(h.queues.dlqUrl())).isZero();
            if (mode.asImageUser()) {
                assertThat(Files.readString(scratch.resolve(".ebb-uid")).strip())
                        .isEqualTo(user.split(":")[0]);
            }
        } finally {
            deleteTree(image);
            deleteTree(scratch);
        }
    }

    /**
     * The image carries what {@code ebb worker} runs on and not ebb local's emulators, the
     * controller or the simulator (dist-worker/); a command left out says so rather than failing
     * on a missing class.
     */
    @Test
    void theImageCarriesOnlyTheWorkersClassPathAndSaysWhatItLeavesOut() throws Exception {
        Dockerfile docker = Dockerfile.load("Dockerfile");
        List<String> argv = docker.command();
        Path image = Files.createTempDirectory(scratchBase(), "ebb-image-");
        try {
            layOut(docker.stage("runtime"), image);
            try (var jars = Files.list(inImage(image, "/app/lib"))) {
                assertThat(jars.map(f -> f.getFileName().toString()).toList())
                        .anyMatch(n -> n.startsWith("ebb-worker-"))
                        .noneMatch(
                                n -> n.matches(
                                        "(elasticmq|s3proxy|pekko|scala|jclouds|ebb-local|ebb-emulators|ebb-controller|ebb-simulator|ecs-).*"));
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // the ENTRYPOINT, with `local` for the CMD (and no AOT cache: the JVM says so on stderr and goes on)
            List<String> command = new ArrayList<>(argv.subList(0, argv.size() - 1).stream()
                    .map(a -> inImage(image, java, a))
                    .toList());
            command.addAll(List.of(
                    "local", "--generate", "1", "--output", image.resolve("out").toString()));
            Process p = new ProcessBuilder(command)
                    .directory(inImage(image, workdir(docker)).toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("ebb local: not in this distribution").doesNotContain("Exception");
            assertThat(image.resolve("out")).doesNotExist();
        } finally {
            deleteTree(image);
        }
    }

    /** Where the image and scratch folders go: /var/tmp when there is one. */
    static Path scratchBase() {
        return Files.isDirectory(Path.of("/var/tmp"))
                ? Path.of("/var/tmp")
                : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** How close to the task this machine lets the test get. */
    enum Mode {
        /** root with mount namespaces (CI): read-only root, scratch volume, the image's user. */
        READ_ONLY_ROOT_AS_IMAGE_USER,
        /** root without mount namespaces (e.g. inside an unprivileged container): the image's user. */
        AS_IMAGE_USER,
        /** not root: cannot switch user; already not root. */
        AS_CURRENT_USER;

        static Mode detect() throws Exception {
            if (!"root".equals(System.getProperty("user.name"))) {
                return AS_CURRENT_USER;
            }
            if (works("unshare", "--mount", "--propagation", "private", "setpriv", "--reuid=65534", "true")) {
                return READ_ONLY_ROOT_AS_IMAGE_USER;
            }
            if (works("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "true")) {
                return AS_IMAGE_USER;
            }
            // Running the worker as root would prove nothing about USER.
            throw new AssertionError("running as root but 'setpriv' (util-linux) does not work here");
        }

        private static boolean works(String... command) throws Exception {
            try {
                Process p =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException notInstalled) {
                return false;
            }
        }

        boolean asImageUser() {
            return this != AS_CURRENT_USER;
        }

        List<String> wrap(List<String> command, String user, Path scratch, String mountPoint) {
            String[] ug = user.split(":");
            String uid = ug[0];
            String gid = ug.length > 1 ? ug[1] : ug[0];
            // records the uid the worker runs as, then becomes the worker
            List<String> recordUid = List.of("sh", "-c", "id -u > \"$0/.ebb-uid\" && exec \"$@\"");
            List<String> out = new ArrayList<>();
            switch (this) {
                case AS_CURRENT_USER -> {
                    return command;
                }
                case AS_IMAGE_USER -> {
                    out.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
                    out.addAll(recordUid);
                    out.add(scratch.toString());
                }
                case READ_ONLY_ROOT_AS_IMAGE_USER -> {
                    String script = """
                            scratch=$1; mnt=$2; uid=$3; gid=$4; shift 4
                            mount --rbind / / && mount --bind "$scratch" "$mnt" && mount -o remount,bind,ro / || exit 97
                            exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- sh -c 'id -u > "$0/.ebb-uid" && exec "$@"' "$mnt" "$@"
                            """;
                    out.addAll(List.of(
                            "unshare",
                            "--mount",
                            "--propagation",
                            "private",
                            "sh",
                            "-c",
                            script,
                            "sh",
                            scratch.toString(),
                            mountPoint,
                            uid,
                            gid));
                }
            }
            out.addAll(command);
            return out;
        }
    }

    /** Where the task definition mounts the scratch volume (the one writable path). */
    static String scratchMount() {
        return (String)
                map(list(TemplateRulesTest.workerContainer().get("MountPoints")).getFirst())
                        .get("ContainerPath");
    }

    /** The image's ENV, then the task definition's environment, then what only a local run needs. */
    static Map<String, String> environment(Dockerfile docker, Harness h) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("HOME", "/nonexistent");
        for (var i : docker.runtimeStage()) {
            if (i.keyword().equals("ENV")) {
                for (String kv : i.arguments().split("\\s+")) {
                    int eq = kv.indexOf('=');
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        Map<String, String> refs = Map.of(
                "Queue",
                h.queues.url(),
                "DeadLetterQueue",
                h.queues.dlqUrl(),
                "DestinationBucket",
                h.dest,
                "SourceBucket",
                h.source);
        for (Object o : list(TemplateRulesTest.workerContainer().get("Environment"))) {
            Map<String, Object> e = map(o);
            Object v = e.get("Value");
            String value;
            if (v instanceof Map<?, ?> m && m.containsKey("Fn::FindInMap")) {
                // e.g. EBB_TASK_VCPU: !FindInMap [TaskVcpus, !Ref WorkerCpu, Vcpus], at the parameter's default
                List<Object> args = list(m.get("Fn::FindInMap"));
                Object key = args.get(1) instanceof Map<?, ?> k
                        ? TemplateRulesTest.parameterDefault(TemplateRulesTest.EBB, (String) k.get("Ref"))
                        : args.get(1);
                value = String.valueOf(map(map(map(TemplateRulesTest.EBB.root().get("Mappings"))
                                        .get((String) args.get(0)))
                                .get(String.valueOf(key)))
                        .get((String) args.get(2)));
                assertThat(value).as("test cannot resolve " + m).isNotEqualTo("null");
            } else if (v instanceof Map<?, ?> m && m.containsKey("Ref")) {
                String ref = (String) m.get("Ref");
                value = refs.containsKey(ref)
                        ? refs.get(ref)
                        : String.valueOf(TemplateRulesTest.parameterDefault(TemplateRulesTest.EBB, ref));
                assertThat(refs.containsKey(ref)
                                || TemplateRulesTest.parameterDefault(TemplateRulesTest.EBB, ref) != null)
                        .as("test cannot resolve Ref " + ref + ": teach it here")
                        .isTrue();
            } else {
                assertThat(v).as("environment values are literals or Refs").isInstanceOf(String.class);
                value = (String) v;
            }
            env.put((String) e.get("Name"), value);
        }
        // Local only: emulator endpoints and fake credentials (ECS gives the task role's), a free
        // metrics port, and a short idle window so the test does not wait a minute for the exit.
        env.put("EBB_SQS_ENDPOINT", h.emulators.sqs.toString());
        env.put("EBB_S3_ENDPOINT", h.emulators.s3.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        try (ServerSocket s = new ServerSocket(0)) {
            env.put("EBB_METRICS_PORT", Integer.toString(s.getLocalPort()));
        }
        env.put("EBB_WAIT_TIME_SECONDS", "1");
        env.put("EBB_IDLE_SECONDS", "2");
        env.put("EBB_IDLE_EMPTY_POLLS", "2");
        return env;
    }

    static String workdir(Dockerfile docker) {
        return workdir(docker.runtimeStage());
    }

    static String workdir(List<Dockerfile.Instruction> stage) {
        List<String> found = stage.stream()
                .filter(i -> i.keyword().equals("WORKDIR"))
                .map(Dockerfile.Instruction::arguments)
                .toList();
        return found.isEmpty() ? "/" : found.getLast();
    }

    static Path inImage(Path image, String absolute) {
        return image.resolve(absolute.substring(1));
    }

    /** An argument of the image's exec form, as it runs here: {@code java} is this JVM's, a path (also {@code -XX:Flag=/path}) one in the image. */
    static String inImage(Path image, Path java, String arg) {
        if (arg.equals("java")) {
            return java.toString();
        }
        if (arg.startsWith("/") && !arg.startsWith("//")) {
            return inImage(image, arg).toString();
        }
        var flag = Pattern.compile("(-[^=/]+=)(/[^/].*)").matcher(arg);
        return flag.matches() ? flag.group(1) + inImage(image, flag.group(2)) : arg;
    }

    /**
     * The image as the build makes it: the training stage's files (the image's /app and, beside
     * them, bin/ebb's distribution the training runs on), its RUN, then the last stage's COPY of
     * the cache the RUN wrote. One folder holds both stages, which differ only in the training's
     * own files. The training runs as this process's user; its output is kept in {@code logs}.
     */
    static void layOutTrained(Dockerfile docker, Path image, Path java, Path logs) throws Exception {
        List<Dockerfile.Instruction> train = docker.stage("train");
        layOut(train, image);
        Files.createDirectories(inImage(image, "/tmp"));
        List<String> run = Dockerfile.execForm(
                train.stream().filter(i -> i.keyword().equals("RUN")).toList().getLast());
        Path log = logs.resolve("train.log");
        Process p = new ProcessBuilder(
                        run.stream().map(a -> inImage(image, java, a)).toList())
                .directory(inImage(image, workdir(train)).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean exited = p.waitFor(300, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        assertThat(exited && p.exitValue() == 0)
                .as("the training stage's RUN:\n" + Files.readString(log))
                .isTrue();
        System.out.println("container-it: " + Files.readString(log).strip());
        layOut(docker.lastStage(), image);
    }

    /**
     * The COPY lines of {@code stage}: {@code --from=build /src/X /Y} copies X of this repository
     * (as the build stage leaves it) to Y in the image; {@code --from=<stage> X /Y} copies X of an
     * earlier stage, laid out in the same folder.
     */
    static void layOut(List<Dockerfile.Instruction> stage, Path image) throws IOException {
        for (var i : stage) {
            if (!i.keyword().equals("COPY")) {
                continue;
            }
            String[] parts = i.arguments().split("\\s+");
            assertThat(parts)
                    .as("line " + i.line() + ": COPY --from=<stage> /... /...")
                    .hasSize(3);
            assertThat(parts[0]).startsWith("--from=");
            Path from;
            if (parts[0].equals("--from=build")) {
                assertThat(parts[1]).startsWith("/src/");
                from = Repo.path(parts[1].substring("/src/".length()));
            } else {
                from = inImage(image, parts[1]);
            }
            Path to = inImage(image, parts[2]);
            assertThat(from).as("line " + i.line()).exists();
            if (Files.isDirectory(from)) {
                try (var files = Files.walk(from)) {
                    for (Path f : files.toList()) {
                        Path target = to.resolve(from.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(f, target);
                        }
                    }
                }
            } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
            }
        }
        // as docker COPY leaves them: owned by root, readable by everyone
        try (var files = Files.walk(image)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(
                        f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static boolean cliHas(Path java, Path jar, String command) throws Exception {
        Process p = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--help")
                .redirectErrorStream(true)
                .start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return help.lines()
                .anyMatch(l -> l.strip().startsWith(command + " ") || l.strip().equals(command));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
