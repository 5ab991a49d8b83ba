# Verso inference service, CPU build (TensorFlow natives: linux-x86_64).
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) and only its built-in Dockerfile frontend: no
# `# syntax=` image is pulled, so it also builds where no image registry can be reached.
#
#   docker build -f deploy/docker/inference.Dockerfile -t verso/inference:0.1.0 .
#
# Build context: the repository root. The build stage runs the Maven wrapper exactly as a developer would; the
# runtime stage holds the Spring Boot layers (dependencies first, so a code change only rebuilds the last layer),
# the demo-models jar (for the demo-model init container / compose one-shot service) and nothing else.
ARG JAVA_VERSION=17
# The images the two stages start from. Where no image registry can be reached, pass local ones with --build-arg
# (CI builds both from a Debian base made with debootstrap: .ci/docker-base).
ARG BUILD_IMAGE=eclipse-temurin:${JAVA_VERSION}-jdk-noble
ARG BASE_IMAGE=eclipse-temurin:${JAVA_VERSION}-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The whole reactor (parent POM, every module's POM and sources): Maven reads every module the parent lists.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl inference-service,local-stack -am package \
 && mkdir -p /out \
 && cp inference-service/target/inference-service-*.jar /out/app.jar \
 && cp demo-models/target/demo-models-*.jar /out/demo-models.jar \
 && cp local-stack/target/local-stack-*.jar /out/local-stack.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

FROM ${BASE_IMAGE}
# curl, for the health checks, unless the base image has it already.
RUN if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system --gid 10001 verso \
 && useradd --system --uid 10001 --gid verso --no-create-home --shell /usr/sbin/nologin verso \
 && mkdir -p /var/cache/javacpp /models /var/lib/verso/pod-cache \
 && chown verso:verso /var/cache/javacpp /models /var/lib/verso/pod-cache
WORKDIR /opt/verso
# Root-owned and read-only for the service user; only /var/cache/javacpp (and /tmp) are written at run time.
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./
COPY --from=build /out/demo-models.jar demo/demo-models.jar
# First-run seeding (Helm post-install Job, compose one-shot service): io.verso.localstack.Seed registers and promotes
# the demo models; it needs TensorFlow Java's natives, which this image has in lib/.
COPY --from=build /out/local-stack.jar demo/local-stack.jar

# TensorFlow unpacks ~650 MB of natives into the JavaCPP cache on first start: mount a volume (compose) or an
# emptyDir (Kubernetes) there so a read-only root filesystem works and restarts of the same pod reuse it.
# TensorFlow's native memory lives outside the heap, so the heap gets half of the container's memory, not 3/4.
ENV TF_CPP_MIN_LOG_LEVEL=2 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp"
USER 10001:10001
EXPOSE 8501
# /models: the model repository (<model>/<version>/saved_model.pb), mounted read-only in production; owned
# by the service user so that a fresh named volume can be filled by the demo-model writer.
# /var/lib/verso/pod-cache: following a registry, the artifacts it fetched and the last desired state
# (VERSO_INFERENCE_REGISTRY_CACHEDIR), so a restart serves before the registry answers.
VOLUME ["/var/cache/javacpp", "/models", "/var/lib/verso/pod-cache"]
# Readiness, not liveness: the pod is healthy once its models are AVAILABLE (TF Serving's notion of ready).
HEALTHCHECK --interval=10s --timeout=3s --start-period=300s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8501}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/verso/app.jar"]
