# Eyrie edge collector image: the `eyrie` CLI (which registers edge-collector's `collector` command) on a runtime
# with libbpf. Build from the repository root:
#   docker build -f deploy/docker/collector.Dockerfile -t eyrie/collector:0.1.0 .
# Runs as uid 0 on purpose: Docker and Kubernetes give added capabilities (BPF, PERFMON, SYS_PTRACE) to root
# processes only (no ambient capabilities for other users); the container is still unprivileged, drops every other
# capability and has a read-only root filesystem (see docker-compose.yml and helm/eyrie).

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl cli -am package -DskipTests \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp cli/target/eyrie-cli.jar /out/lib/

# Debian 12 because it packages libbpf 1.1 (libbpf.so.1), which the collector loads through JNA.
FROM debian:12.8-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless libbpf1 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/lib /opt/eyrie/lib
ARG MAIN_CLASS=dev.eyrie.cli.Eyrie
RUN printf '#!/bin/sh\nexec java $EYRIE_JAVA_OPTS -cp "/opt/eyrie/lib/*" %s "$@"\n' "$MAIN_CLASS" > /usr/local/bin/eyrie \
 && chmod 0755 /usr/local/bin/eyrie
# JNA unpacks its native stub: keep it on the writable /tmp of a read-only container
ENV EYRIE_JAVA_OPTS="-Djna.tmpdir=/tmp/jna -XX:MaxRAMPercentage=75"
# spool for Kafka outages (a volume in compose, emptyDir or hostPath in the chart)
VOLUME /var/lib/eyrie/collector
EXPOSE 9464
ENTRYPOINT ["eyrie", "collector"]
