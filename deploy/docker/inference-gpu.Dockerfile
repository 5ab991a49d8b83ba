# Verso inference service, GPU build: TensorFlow's linux-x86_64-gpu natives (Maven profile -Pgpu) on an NVIDIA CUDA
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) and only its built-in Dockerfile frontend: no
# `# syntax=` image is pulled, so it also builds where no image registry can be reached.
# runtime base with cuDNN. The host needs the NVIDIA driver and the NVIDIA container toolkit (Kubernetes: the
# NVIDIA device plugin or GPU operator); the image carries the CUDA user-space libraries, not the driver.
#
#   docker build -f deploy/docker/inference-gpu.Dockerfile -t verso/inference:0.1.0-gpu .
#
# CUDA_IMAGE must match the CUDA/cuDNN major versions the TensorFlow build inside tensorflow-core-native was
# compiled against (see docs/deploy.md); override it with --build-arg when TensorFlow Java is upgraded.
ARG JAVA_VERSION=17
ARG CUDA_IMAGE=nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Pgpu -pl inference-service -am package \
 && mkdir -p /out \
 && cp inference-service/target/inference-service-*.jar /out/app.jar \
 && cp demo-models/target/demo-models-*.jar /out/demo-models.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

# The JRE comes from the Temurin image; the CUDA image provides libcudart, cuBLAS, cuFFT, cuDNN and friends.
FROM eclipse-temurin:${JAVA_VERSION}-jre-jammy AS jre

FROM ${CUDA_IMAGE}
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 verso \
 && useradd --system --uid 10001 --gid verso --no-create-home --shell /usr/sbin/nologin verso \
 && mkdir -p /var/cache/javacpp /models \
 && chown verso:verso /var/cache/javacpp /models
WORKDIR /opt/verso
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./
COPY --from=build /out/demo-models.jar demo/demo-models.jar

# NVIDIA_* tell the container toolkit which devices and driver capabilities to mount.
ENV NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_FORCE_GPU_ALLOW_GROWTH=true \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp"
USER 10001:10001
EXPOSE 8501
# /models: the model repository (<model>/<version>/saved_model.pb), mounted read-only in production; owned
# by the service user so that a fresh named volume can be filled by the demo-model writer.
VOLUME ["/var/cache/javacpp", "/models"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=300s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8501}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/verso/app.jar"]
