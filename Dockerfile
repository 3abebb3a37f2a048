# Clearance: build with Maven, run the Quarkus jar (AOT-friendly layout) on a JRE 17 as a non-root user.
#   docker build -t clearance .                                   (embedded H2 under /app/data)
#   docker build --build-arg CLEARANCE_DB_KIND=postgresql -t clearance-pg .
#   docker run -p 8080:8080 -v clearance-data:/app/data clearance
# Rules and policies are baked in and can be replaced by mounting folders over them:
#   docker run -p 8080:8080 -v "$PWD/rules:/app/rules:ro" -v "$PWD/policies:/app/policies:ro" clearance
# Arguments run the command line instead of the server:
#   docker run --rm -v "$PWD/rules:/app/rules:ro" clearance validate rules/

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# Dependencies first, in their own layer, so that a source change does not download them again.
RUN mvn -B -q dependency:resolve dependency:resolve-plugins || true
COPY src ./src
COPY rules ./rules
COPY policies ./policies
# The database kind is fixed at build time (a Quarkus constraint): h2 or postgresql.
ARG CLEARANCE_DB_KIND=h2
RUN CLEARANCE_DB_KIND="${CLEARANCE_DB_KIND}" mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
ARG CLEARANCE_DB_KIND=h2
# curl for the health check only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 1001 clearance \
 && useradd --system --uid 1001 --gid clearance --home-dir /app --shell /usr/sbin/nologin clearance
WORKDIR /app
COPY --from=build --chown=1001:1001 /src/target/quarkus-app/ ./quarkus-app/
COPY --chown=1001:1001 rules/ ./rules/
COPY --chown=1001:1001 policies/ ./policies/
COPY --chown=1001:1001 docker/entrypoint.sh ./entrypoint.sh
RUN mkdir -p /app/data && chown 1001:1001 /app/data
USER 1001
# A class-data archive (AppCDS) of one start, made here by the image's own JVM so that it matches at run time:
# every start maps the classes the server loads instead of loading and verifying them again (the entrypoint
# uses it when it is there). The training start runs on a throwaway H2 database and stops once ready; an
# image built for PostgreSQL has no database here, so it has no archive and starts as before. An archive the
# JVM cannot map (-Xshare:on refuses it) is not kept.
RUN if [ "${CLEARANCE_DB_KIND:-h2}" = h2 ]; then \
      mkdir -p /tmp/train && cd /tmp/train && cp -r /app/rules /app/policies . \
      && (java -XX:ArchiveClassesAtExit=/app/quarkus-app/app-cds.jsa -Dquarkus.http.port=18080 \
            -Dclearance.auth.admin-key="clr_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" \
            -jar /app/quarkus-app/quarkus-run.jar >train.log 2>&1 & echo $! >pid) \
      && for _ in $(seq 600); do curl -fsS -o /dev/null http://127.0.0.1:18080/q/health/ready && break; sleep 0.5; done \
      && kill -TERM "$(cat pid)" && while kill -0 "$(cat pid)" 2>/dev/null; do sleep 0.5; done \
      && cd / && rm -rf /tmp/train \
      && { java -Xshare:on -XX:SharedArchiveFile=/app/quarkus-app/app-cds.jsa \
             -jar /app/quarkus-app/quarkus-run.jar --version >/dev/null 2>&1 \
           || rm -f /app/quarkus-app/app-cds.jsa; }; \
    fi
EXPOSE 8080
VOLUME ["/app/data"]
# Rules and policies are read from the working directory (/app); CLEARANCE_RULES_DIR and
# CLEARANCE_POLICIES_DIR point elsewhere. For PostgreSQL set CLEARANCE_DB_URL, _USERNAME, _PASSWORD.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Ready means a rule set serves, the graph is loaded and the audit log can be written.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/q/health/ready >/dev/null || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
