# Eyrie edge collector image. Build from the repository root:
#   docker build -f deploy/docker/collector.Dockerfile -t eyrie/collector:0.1.0 .
# Runs as uid 0 on purpose: Docker and Kubernetes give added capabilities (BPF, PERFMON, SYS_PTRACE) to root
# processes only (no ambient capabilities for other users); the container is still unprivileged, drops every other
# capability and has a read-only root filesystem (see docker-compose.yml and helm/eyrie).

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl edge-collector -am package -DskipTests \
 && mvn -B -q -pl edge-collector dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp edge-collector/target/eyrie-edge-collector-*.jar /out/lib/

# Debian 12 because it packages libbpf 1.1 (libbpf.so.1), which the collector loads through JNA.
FROM debian:12.8-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless libbpf1 curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/lib /opt/eyrie/lib
# JNA unpacks its native stub: keep it on the writable /tmp of a read-only container
ENV JAVA_TOOL_OPTIONS="-Djna.tmpdir=/tmp/jna -XX:MaxRAMPercentage=75" \
    EYRIE_COLLECTOR_HOST_PROC=/host/proc \
    EYRIE_COLLECTOR_PASSWD_FILE=/host/etc/passwd \
    EYRIE_COLLECTOR_GROUP_FILE=/host/etc/group \
    EYRIE_COLLECTOR_METRICS_PORT=9464
ARG MAIN_CLASS=dev.eyrie.collector.CollectorMain
ENV EYRIE_MAIN_CLASS=${MAIN_CLASS}
EXPOSE 9464
ENTRYPOINT ["/bin/sh", "-c", "exec java -cp '/opt/eyrie/lib/*' \"$EYRIE_MAIN_CLASS\" \"$@\"", "collector"]
