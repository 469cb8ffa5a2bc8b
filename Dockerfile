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
# cli/target/lib/ also holds ebb local's emulators, the controller and the simulator (96 MB, not 25).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -q -DskipTests -pl dist-worker -am package

FROM public.ecr.aws/docker/library/eclipse-temurin:25-jre-noble
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
USER 10001:10001
# The task's root file system is read-only; /tmp is its scratch volume. Declaring it a VOLUME
# makes Fargate give the bind mount this image's /tmp permissions (1777), not root-only 0755.
ENV TMPDIR=/tmp
VOLUME ["/tmp"]
EXPOSE 9102
# /health answers 200 while the worker runs, 503 while it drains (no curl in the image: bash's /dev/tcp).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9102 && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# Container-aware JVM: heap sized from the task's memory (the rest is left for libturbojpeg's
# native buffers and the metrics sidecar), exit on OOM so ECS records it, FFM allowed for
# libturbojpeg, no hsperfdata file on the read-only root file system. C1 only: a worker lives
# minutes, and C2 spent 2.7 of its 12.9 ms of CPU per image still compiling the SDK, Netty and
# Vert.x after 1,000 images (WorkerBenchIT, steady: 0.57x `ebb resize` with C1 only, 0.49x with C2).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:-UsePerfData", "-Xss512k", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/ebb.jar"]
CMD ["worker"]
