# Verso gateway (Spring Cloud Gateway on WebFlux).
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) and only its built-in Dockerfile frontend: no
# `# syntax=` image is pulled, so it also builds where no image registry can be reached.
#
#   docker build -f deploy/docker/gateway.Dockerfile -t verso/gateway:0.1.0 .
#
# Point it at the inference service with VERSO_GATEWAY_INFERENCE_URI (default http://127.0.0.1:8501).
ARG JAVA_VERSION=17
# The images the two stages start from. Where no image registry can be reached, pass local ones with --build-arg
# (CI builds both from a Debian base made with debootstrap: .ci/docker-base).
ARG BUILD_IMAGE=eclipse-temurin:${JAVA_VERSION}-jdk-noble
ARG BASE_IMAGE=eclipse-temurin:${JAVA_VERSION}-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl gateway -am package \
 && mkdir -p /out \
 && cp gateway/target/gateway-*.jar /out/app.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

FROM ${BASE_IMAGE}
# curl, for the health checks, unless the base image has it already.
RUN if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system --gid 10001 verso \
 && useradd --system --uid 10001 --gid verso --no-create-home --shell /usr/sbin/nologin verso \
 && mkdir -p /var/lib/verso/gateway \
 && chown verso:verso /var/lib/verso/gateway
WORKDIR /opt/verso
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./

ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
# In registry mode, the last routing table (VERSO_GATEWAY_ROUTINGCACHE=/var/lib/verso/gateway/routing-table.json), so a
# restarted gateway routes while the registry is down.
VOLUME ["/var/lib/verso/gateway"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/verso/app.jar"]
