# Verso registry service (Spring MVC + JPA + Flyway on PostgreSQL).
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) and only its built-in Dockerfile frontend: no
# `# syntax=` image is pulled, so it also builds where no image registry can be reached.
#
#   docker build -f deploy/docker/registry.Dockerfile -t verso/registry:0.1.0 .
#
# Configure with VERSO_REGISTRY_DB_URL / _USER / _PASSWORD, VERSO_REGISTRY_BOOTSTRAP_TOKEN and
# VERSO_REGISTRY_ARTIFACT_ROOT (default here: /var/lib/verso/artifacts, a volume).
ARG JAVA_VERSION=17
# The images the two stages start from. Where no image registry can be reached, pass local ones with --build-arg
# (CI builds both from a Debian base made with debootstrap: .ci/docker-base).
ARG BUILD_IMAGE=eclipse-temurin:${JAVA_VERSION}-jdk-noble
ARG BASE_IMAGE=eclipse-temurin:${JAVA_VERSION}-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl registry-service -am package \
 && mkdir -p /out \
 && cp registry-service/target/registry-service-*.jar /out/app.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

FROM ${BASE_IMAGE}
# curl, for the health checks, unless the base image has it already.
RUN if ! command -v curl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system --gid 10001 verso \
 && useradd --system --uid 10001 --gid verso --no-create-home --shell /usr/sbin/nologin verso \
 && mkdir -p /var/lib/verso/artifacts \
 && chown -R verso:verso /var/lib/verso
WORKDIR /opt/verso
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./

ENV VERSO_REGISTRY_ARTIFACT_ROOT=/var/lib/verso/artifacts \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8090
VOLUME ["/var/lib/verso/artifacts"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8090}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/verso/app.jar"]
