# CI only (.ci/compose-docker, through compose-ci.yml): the postgres service of docker-compose.yml where its image,
# postgres:17-alpine, cannot be pulled. Debian's PostgreSQL 15 (base image from .ci/docker-base) with the part of the
# official image's contract the compose file relies on: POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB make the
# role and the database on the first start, the data lives in the volume at /var/lib/postgresql/data, clients connect
# over the network with the password, and pg_isready is on the PATH for the health check.
ARG BASE_IMAGE=verso-ci/debian-postgres:bookworm
FROM ${BASE_IMAGE}
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint.sh
RUN mkdir -p "$PGDATA" /var/run/postgresql \
 && chown postgres:postgres "$PGDATA" /var/run/postgresql \
 && chmod 700 "$PGDATA" \
 && chmod 755 /usr/local/bin/postgres-entrypoint.sh
USER postgres
EXPOSE 5432
ENTRYPOINT ["/usr/local/bin/postgres-entrypoint.sh"]
