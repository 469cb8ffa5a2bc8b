# syntax=docker/dockerfile:1
# The Ebb worker image: `ebb worker` on a JRE 25 with libturbojpeg, as a non-root user.
#   docker build -t ebb .
# Base images: Docker's official maven and eclipse-temurin images, pulled from ECR Public's copy
# (public.ecr.aws/docker/library) so CodeBuild is not held up by Docker Hub's pull limits.

FROM public.ecr.aws/docker/library/maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
# The worker's distribution (dist-worker/): target/ebb.jar, whose manifest starts dev.ebb.cli.Main
# with lib/ on the class path, and target/lib/ holding only what `ebb worker` runs on. bin/ebb's
# cli/target/lib/ also holds ebb local's emulators, the controller and the simulator (96 MB, not 25):
# only the training stage below uses it.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -DskipTests -pl dist-worker,cli -am package

# What the image runs on, shared by the training stage and the image, so that both have the same
# JRE build and the same /app files (down to their timestamps): an AOT cache works only with those.
FROM public.ecr.aws/docker/library/eclipse-temurin:25-jre-noble AS runtime
# libturbojpeg (Ubuntu's name for libturbojpeg.so.0): the engine's fast JPEG path, through FFM.
# Not pinned: the base image pins the distribution, and a rebuild should pick up security fixes
# (an exact version is removed from the archive when a fix lands, which would break the build).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libturbojpeg \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 ebb \
 && useradd --system --uid 10001 --gid ebb --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin ebb
WORKDIR /app
COPY --from=build /src/dist-worker/target/lib/ /app/lib/
COPY --from=build /src/dist-worker/target/ebb.jar /app/ebb.jar
# scratch files go to /tmp: the task's scratch volume (VOLUME below)
ENV TMPDIR=/tmp

# The AOT cache (JEP 483/514/515): a training run of the image's own command, ENTRYPOINT + CMD with
# -XX:AOTCacheOutput in place of -XX:AOTCache, as the image's user, on the emulators of bin/ebb's
# distribution (ebb aot-train: 1,000 camera-sized JPEGs, a PNG, a bad file; about a minute). The
# JVM writes the cache when the worker exits at the empty queue. DockerfileTest keeps the command
# after `--` equal to ENTRYPOINT + CMD (an args file would hide the flags from `docker inspect` and
# the benchmark; .dockerignore keeps the Dockerfile itself out of the build context).
FROM runtime AS train
COPY --from=build /src/cli/target/lib/ /opt/ebb-train/lib/
COPY --from=build /src/cli/target/ebb-cli.jar /opt/ebb-train/ebb-cli.jar
USER 10001:10001
RUN ["java", "-Xmx256m", "-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow", "-jar", "/opt/ebb-train/ebb-cli.jar", "aot-train", "--out", "/tmp/ebb.aot", "--", "java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr:uptime,level,tags", "-XX:-UsePerfData", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:AOTCache=/app/ebb.aot", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/ebb.jar", "worker"]

FROM runtime
COPY --from=train /tmp/ebb.aot /app/ebb.aot
USER 10001:10001
# The task's root file system is read-only; /tmp is its scratch volume. Declaring it a VOLUME
# makes Fargate give the bind mount this image's /tmp permissions (1777), not root-only 0755.
VOLUME ["/tmp"]
EXPOSE 9102
# /health answers 200 while the worker runs, 503 while it drains (no curl in the image: bash's /dev/tcp).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9102 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Container-aware JVM: half the task's memory for the heap, a quarter for the source bodies held in
# native memory (the worker's byte budget, half the heap's ceiling), a quarter for the JVM itself
# and libturbojpeg (docs/worker.md, Memory: the sizing rule per task size). Exit on OOM so ECS records it, FFM allowed for
# libturbojpeg, no hsperfdata file on the read-only root file system. C1 only: a worker lives
# minutes, and C2 spent 2.7 of its 12.9 ms of CPU per image still compiling the SDK, Netty and
# Vert.x after 1,000 images (WorkerBenchIT, steady: 0.57x `ebb resize` with C1 only, 0.49x with C2).
# C1 compiles what the training run compiled at the first check of its call counter (every 128
# calls), the rest at the JVM's usual thresholds: the cache's training data (JEP 515) names the
# methods, and the training's 1,000 images run the per-image code often enough to be among them (ebb
# aot-train --images). That replaced CompileThresholdScaling=0.1 and a 40-image training, which
# together also compiled the start-up code run 20-200 times: 5,225 compiles in a 40-image run, now
# 3,526. Alternated, 3 runs each of 400 images, medians: first output 1.45 -> 1.23 s, CPU at the
# first output 1.48 -> 1.13 s, CPU per image 26.6 -> 25.0 ms (docs/worker.md, Compiling what the
# training compiled).
# The AOT cache: the classes of the training run loaded and linked, and its method profiles, so a
# task starts where the training run ended. Indicative, two back-to-back runs (one core, 400 12 MP
# JPEGs, emulators; docs/worker.md has the same-run benchmark): process
# CPU 13.85 -> 11.38 s, first output 2.9 -> 1.7 s, with C1 only (C2 with the cache was worse). A
# cache the JVM cannot use (another JVM build, other jars) is skipped with an [aot] error line, and
# -Xlog:disable + -Xlog:all=warning:stderr send that (all JVM warnings) to stderr, not the JSON on stdout.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr:uptime,level,tags", "-XX:-UsePerfData", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:AOTCache=/app/ebb.aot", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/ebb.jar"]
CMD ["worker"]
