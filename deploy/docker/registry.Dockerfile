# syntax=docker/dockerfile:1.7
# Verso registry service (Spring MVC + JPA + Flyway on PostgreSQL).
#
#   docker build -f deploy/docker/registry.Dockerfile -t verso/registry:0.1.0 .
#
# Configure with VERSO_REGISTRY_DB_URL / _USER / _PASSWORD, VERSO_REGISTRY_BOOTSTRAP_TOKEN and
# VERSO_REGISTRY_ARTIFACT_ROOT (default here: /var/lib/verso/artifacts, a volume).
ARG JAVA_VERSION=17

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl registry-service -am package \
 && mkdir -p /out \
 && cp registry-service/target/registry-service-*.jar /out/app.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

FROM eclipse-temurin:${JAVA_VERSION}-jre-noble
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
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
