# Flink image with the Eyrie jobs jar, for the FlinkDeployments in helm/eyrie (jarURI local:///opt/flink/usrlib/...).
# Build from the repository root: docker build -f deploy/docker/flink-jobs.Dockerfile -t eyrie/flink-jobs:0.1.0 .
# (docker-compose.yml mounts the host-built jar into the plain flink image instead.)

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl flink-jobs -am package -DskipTests

FROM flink:2.1.1-java17
COPY --from=build --chown=flink:flink /src/flink-jobs/target/eyrie-flink-jobs.jar /opt/flink/usrlib/eyrie-flink-jobs.jar
