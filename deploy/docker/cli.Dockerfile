# Eyrie CLI image (`eyrie ...`), used by the rules-publish one-shot service and the chart's rules Job.
# Build from the repository root: docker build -f deploy/docker/cli.Dockerfile -t eyrie/cli:0.1.0 .
# Eyrie's own rules are baked in at /opt/eyrie/rules; deployments add theirs under /rules.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -pl cli -am package -DskipTests \
 && mvn -B -q -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp cli/target/eyrie-cli.jar /out/lib/ \
 && mkdir -p /out/rules && cp rules/*.yaml /out/rules/

FROM eclipse-temurin:17.0.13_11-jre-jammy
COPY --from=build /out/lib /opt/eyrie/lib
COPY --from=build /out/rules /opt/eyrie/rules
ARG MAIN_CLASS=dev.eyrie.cli.Eyrie
RUN printf '#!/bin/sh\nexec java $EYRIE_JAVA_OPTS -cp "/opt/eyrie/lib/*" %s "$@"\n' "$MAIN_CLASS" > /usr/local/bin/eyrie \
 && chmod 0755 /usr/local/bin/eyrie
# the CLI needs no privileges at all
USER 65532:65532
ENTRYPOINT ["eyrie"]
