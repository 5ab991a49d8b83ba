# CI only (.ci/compose-docker): copies the host's local Maven repository and Maven wrapper distribution (the build
# context, ~/.m2) into the BuildKit cache mount at /root/.m2 that deploy/docker/*.Dockerfile's build stages use, so
# they compile the project inside Docker without reaching the network. Its image is never used.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN --mount=type=cache,target=/root/.m2 --mount=type=bind,target=/seed \
    cp -a /seed/repository /seed/wrapper /root/.m2/ && rm -rf /root/.m2/repository/io/verso
