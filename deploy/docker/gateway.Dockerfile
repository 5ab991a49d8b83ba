# syntax=docker/dockerfile:1.7
# Verso gateway (Spring Cloud Gateway on WebFlux).
#
#   docker build -f deploy/docker/gateway.Dockerfile -t verso/gateway:0.1.0 .
#
# Point it at the inference service with VERSO_GATEWAY_INFERENCE_URI (default http://127.0.0.1:8501).
ARG JAVA_VERSION=17

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl gateway -am package \
 && mkdir -p /out \
 && cp gateway/target/gateway-*.jar /out/app.jar \
 && java -Djarmode=tools -jar /out/app.jar extract --layers --destination /out/layers

FROM eclipse-temurin:${JAVA_VERSION}-jre-noble
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 verso \
 && useradd --system --uid 10001 --gid verso --no-create-home --shell /usr/sbin/nologin verso
WORKDIR /opt/verso
COPY --from=build /out/layers/dependencies/ ./
COPY --from=build /out/layers/spring-boot-loader/ ./
COPY --from=build /out/layers/snapshot-dependencies/ ./
COPY --from=build /out/layers/application/ ./

ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-jar", "/opt/verso/app.jar"]
