package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The images compose builds and the chart runs: pinned bases, and the artifact names the module builds produce. */
class DockerfilesTest {
    private static final Path DOCKER = RepoPaths.root().resolve("deploy/docker");

    @Test
    void composeBuildsPointAtExistingDockerfiles() {
        ComposeFile compose = ComposeFile.load();
        int builds = 0;
        for (String name : compose.services().keySet()) {
            Object build = compose.service(name).get("build");
            if (build instanceof Map<?, ?> b) {
                Path file = RepoPaths.root().resolve(String.valueOf(b.get("context")))
                        .resolve(String.valueOf(b.get("dockerfile"))).normalize();
                assertTrue(Files.isRegularFile(file), name + " builds from missing " + file);
                builds++;
            }
        }
        assertEquals(2, builds, "collector and CLI images are built by compose");
    }

    @Test
    void baseImagesArePinnedAndStagesExist() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : dockerfiles()) {
            Set<String> stages = new HashSet<>();
            for (String line : Files.readAllLines(f)) {
                Matcher from = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE)
                        .matcher(line.trim());
                if (from.find()) {
                    String image = from.group(1);
                    if (!stages.contains(image)) {
                        Matcher tag = Pattern.compile(":([A-Za-z0-9_][A-Za-z0-9_.-]*)$").matcher(image);
                        if (!tag.find() || tag.group(1).equals("latest")) {
                            bad.add(f.getFileName() + ": FROM " + image + " is not pinned");
                        }
                    }
                    if (from.group(2) != null) {
                        stages.add(from.group(2));
                    }
                }
                Matcher copyFrom = Pattern.compile("--from=(\\S+)").matcher(line);
                if (copyFrom.find() && !stages.contains(copyFrom.group(1))) {
                    bad.add(f.getFileName() + ": COPY --from=" + copyFrom.group(1) + " names no earlier stage");
                }
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void jobsJarNameMatchesWhatFlinkJobsBuilds() throws IOException {
        String pom = Files.readString(RepoPaths.root().resolve("flink-jobs/pom.xml"));
        Matcher m = Pattern.compile("<outputFile>\\$\\{project\\.build\\.directory}/([^<]+\\.jar)</outputFile>")
                .matcher(pom);
        assertTrue(m.find(), "flink-jobs/pom.xml no longer names the application jar with <outputFile>");
        String jar = m.group(1);
        ComposeFile compose = ComposeFile.load();
        assertTrue(ComposeFile.volumes(compose.service("flink-detection-jobmanager")).stream()
                .anyMatch(v -> ("./flink-jobs/target/" + jar).equals(v.source())), "compose must mount " + jar);
        assertTrue(Files.readString(DOCKER.resolve("flink-jobs.Dockerfile")).contains("flink-jobs/target/" + jar));
        String jarURI = Tree.str(Rendered.defaults().ofKind("FlinkDeployment").get(0), "spec.job.jarURI");
        assertTrue(jarURI.endsWith("/" + jar), jarURI + " does not end with " + jar);
    }

    @Test
    void cliJarNameMatchesWhatTheCliBuilds() throws IOException {
        Matcher m = Pattern.compile("<finalName>([^<]+)</finalName>")
                .matcher(Files.readString(RepoPaths.root().resolve("cli/pom.xml")));
        assertTrue(m.find(), "cli/pom.xml has no <finalName>");
        for (String f : List.of("cli.Dockerfile", "collector.Dockerfile")) {
            String text = Files.readString(DOCKER.resolve(f));
            assertTrue(text.contains("cli/target/" + m.group(1) + ".jar"), f + " copies a jar the cli build does not make");
            assertFalse(text.contains(":latest"), f);
        }
    }

    @Test
    void cliImageBundlesEyriesRules() throws IOException {
        assertTrue(Files.readString(DOCKER.resolve("cli.Dockerfile")).contains("cp rules/*.yaml /out/rules/"),
                "the CLI image must carry Eyrie's rules for `eyrie rules publish /opt/eyrie/rules/*.yaml`");
        try (Stream<Path> s = Files.list(RepoPaths.root().resolve("rules"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".yaml")),
                    "rules/*.yaml matches no rule file: the image would publish nothing");
        }
    }

    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> s = Files.list(DOCKER)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
            assertEquals(3, files.size(), "collector, cli and flink-jobs Dockerfiles");
            return files;
        }
    }
}
