package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot be started here (no Docker engine): these checks catch what `up` would trip on. */
class ComposeConsistencyTest {
    private final ComposeFile compose = ComposeFile.load();

    @Test
    void everyServiceReferenceNamesAnExistingService() {
        Set<String> names = compose.services().keySet();
        List<String> broken = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Map<String, Object> s = Tree.map(compose.services(), name);
            ComposeFile.dependsOn(s).keySet().stream().filter(d -> !names.contains(d))
                    .forEach(d -> broken.add(name + ".depends_on -> " + d));
            if (s.get("volumes_from") instanceof List<?> vf) {
                vf.stream().map(v -> v.toString().split(":")[0].replaceFirst("^service:", ""))
                        .filter(v -> !names.contains(v)).forEach(v -> broken.add(name + ".volumes_from -> " + v));
            }
            if (s.get("links") instanceof List<?> links) {
                links.stream().map(v -> v.toString().split(":")[0]).filter(v -> !names.contains(v))
                        .forEach(v -> broken.add(name + ".links -> " + v));
            }
            for (String mode : new String[] {"network_mode", "pid", "ipc"}) {
                Object v = s.get(mode);
                if (v != null && v.toString().startsWith("service:")
                        && !names.contains(v.toString().substring("service:".length()))) {
                    broken.add(name + "." + mode + " -> " + v);
                }
            }
        });
        assertTrue(broken.isEmpty(), "references to services that do not exist: " + broken);
    }

    @Test
    void dependsOnTheServiceItNeedsReadyNotJustStarted() {
        List<String> wrong = new ArrayList<>();
        compose.services().forEach((name, raw) -> ComposeFile.dependsOn(Tree.map(compose.services(), name))
                .forEach((dep, condition) -> {
                    Map<String, Object> target = compose.service(dep);
                    String want = ComposeFile.isOneShot(target) ? "service_completed_successfully" : "service_healthy";
                    if (!want.equals(condition)) {
                        wrong.add(name + " -> " + dep + " waits for " + condition + ", should be " + want);
                    }
                }));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void networksUsedByServicesAreDeclared() {
        Set<String> declared = new TreeSet<>(Tree.map(compose.root, "networks").keySet());
        declared.add("default");
        List<String> broken = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Object n = Tree.map(compose.services(), name).get("networks");
            Iterable<?> used = n instanceof Map<?, ?> m ? m.keySet() : n instanceof List<?> l ? l : List.of();
            for (Object net : used) {
                if (!declared.contains(net.toString())) {
                    broken.add(name + " -> network " + net);
                }
            }
        });
        assertTrue(broken.isEmpty(), "undeclared networks: " + broken);
    }

    @Test
    void namedVolumesAreDeclaredAndEveryDeclaredVolumeIsUsed() {
        Map<String, Object> declaredMap = Tree.map(compose.root, "volumes");
        Set<String> used = new TreeSet<>();
        List<String> undeclared = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            for (ComposeFile.Mount m : ComposeFile.volumes(Tree.map(compose.services(), name))) {
                if ("volume".equals(m.type()) && m.source() != null) {
                    used.add(m.source());
                    if (!declaredMap.containsKey(m.source())) {
                        undeclared.add(name + " -> " + m.source());
                    }
                }
            }
        });
        assertTrue(undeclared.isEmpty(), "named volumes not declared under top-level volumes: " + undeclared);
        Set<String> unused = new TreeSet<>(declaredMap.keySet());
        unused.removeAll(used);
        assertTrue(unused.isEmpty(), "declared volumes no service mounts: " + unused);
    }

    @Test
    void relativeBindMountsPointIntoTheRepository() {
        List<String> missing = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            for (ComposeFile.Mount m : ComposeFile.volumes(Tree.map(compose.services(), name))) {
                if (!"bind".equals(m.type()) || !m.source().startsWith("./")) {
                    continue;
                }
                Path p = RepoPaths.root().resolve(m.source().substring(2)).normalize();
                // build outputs (…/target/…) exist only after `mvn package`: their module must exist
                int target = m.source().indexOf("/target/");
                Path mustExist = target >= 0 ? RepoPaths.root().resolve(m.source().substring(2, target)) : p;
                if (!Files.exists(mustExist)) {
                    missing.add(name + " -> " + m.source());
                }
            }
        });
        assertTrue(missing.isEmpty(), "bind-mount sources missing from the repository: " + missing);
    }

    @Test
    void everyImageIsPinnedToATag() {
        Pattern pinned = Pattern.compile("^[a-z0-9./_-]+(:[0-9]+)?/?[a-z0-9./_-]*:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]*)"
                + "(@sha256:[a-f0-9]{64})?$|^[a-z0-9./_:-]+@sha256:[a-f0-9]{64}$");
        List<String> bad = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Object image = Tree.map(compose.services(), name).get("image");
            if (image == null) {
                bad.add(name + ": no image (a build without `image:` gets an unpinned, generated name)");
                return;
            }
            Matcher m = pinned.matcher(image.toString());
            if (!m.matches()) {
                bad.add(name + ": '" + image + "' has no tag");
            } else if ("latest".equals(m.group("tag"))) {
                bad.add(name + ": '" + image + "' uses latest");
            }
        });
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void hostPortsDoNotClashAndStayOnLoopback() {
        Map<String, String> taken = new HashMap<>();
        List<String> problems = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Object ports = Tree.map(compose.services(), name).get("ports");
            if (!(ports instanceof List<?> l)) {
                return;
            }
            for (Object p : l) {
                String ip;
                String hostPort;
                String proto = "tcp";
                if (p instanceof Map<?, ?> m) {
                    ip = String.valueOf(m.get("host_ip"));
                    hostPort = String.valueOf(m.get("published"));
                    if (m.get("protocol") != null) {
                        proto = m.get("protocol").toString();
                    }
                } else {
                    String spec = p.toString();
                    int slash = spec.indexOf('/');
                    if (slash >= 0) {
                        proto = spec.substring(slash + 1);
                        spec = spec.substring(0, slash);
                    }
                    String[] parts = spec.split(":");
                    if (parts.length != 3) {
                        problems.add(name + ": port '" + p + "' must name the host address (127.0.0.1:host:container)");
                        continue;
                    }
                    ip = parts[0];
                    hostPort = parts[1];
                }
                if (!"127.0.0.1".equals(ip)) {
                    problems.add(name + ": port '" + p + "' is published beyond loopback");
                }
                String key = hostPort + "/" + proto;
                String prev = taken.putIfAbsent(key, name);
                if (prev != null) {
                    problems.add("host port " + key + " published by both " + prev + " and " + name);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void longRunningServicesHaveHealthchecks() {
        List<String> missing = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Map<String, Object> s = Tree.map(compose.services(), name);
            if (ComposeFile.isOneShot(s)) {
                return;
            }
            Object test = Tree.get(s, "healthcheck.test");
            boolean disabled = Boolean.TRUE.equals(Tree.get(s, "healthcheck.disable"))
                    || (test instanceof List<?> l && !l.isEmpty() && "NONE".equals(l.get(0)));
            if (test == null || disabled || (test instanceof List<?> l && l.size() < 2)) {
                missing.add(name);
            }
        });
        assertTrue(missing.isEmpty(), "long-running services without a healthcheck: " + missing);
    }

    @Test
    void topicsTheServicesUseAreCreatedWithTheRightPolicy() {
        String script = String.join("\n", Tree.list(compose.service("kafka-topics"), "command").stream()
                .map(Object::toString).toList());
        Map<String, String> created = new HashMap<>();
        Matcher m = Pattern.compile("--topic (\\S+)([^\\n]*)").matcher(script);
        while (m.find()) {
            created.put(m.group(1), m.group(2));
        }
        Set<String> used = new LinkedHashSet<>();
        String rulesTopic = null;
        for (Map.Entry<String, Object> e : compose.services().entrySet()) {
            for (Map.Entry<String, String> env : ComposeFile.environment(Tree.map(compose.services(), e.getKey()))
                    .entrySet()) {
                if (env.getKey().startsWith("EYRIE_TOPIC_")) {
                    used.add(env.getValue());
                }
                if (env.getKey().equals("EYRIE_TOPIC_RULES")) {
                    rulesTopic = env.getValue();
                }
            }
        }
        assertEquals(5, used.size(), "expected the five Eyrie topics in the services' env, got " + used);
        for (String t : used) {
            assertTrue(created.containsKey(t), "topic " + t + " is used but kafka-topics does not create it");
        }
        assertNotNull(rulesTopic);
        assertTrue(created.get(rulesTopic).contains("cleanup.policy=compact"),
                "the rules topic must be compacted (a restarted job reads exactly the latest ruleset)");
        assertEquals("false", ComposeFile.environment(compose.service("kafka")).get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"),
                "auto-creation would hide a topic-name mismatch behind a silently created empty topic");
    }

    @Test
    void endpointsInEyrieEnvPointAtServicesAndTheirListeners() {
        Map<String, String> kafkaEnv = ComposeFile.environment(compose.service("kafka"));
        Set<String> advertised = new TreeSet<>();
        for (String l : kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            advertised.add(l.substring(l.indexOf("://") + 3));
        }
        List<String> wrong = new ArrayList<>();
        compose.services().forEach((name, raw) -> {
            Map<String, String> env = ComposeFile.environment(Tree.map(compose.services(), name));
            String bootstrap = env.get("EYRIE_KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap != null) {
                for (String hp : bootstrap.split(",")) {
                    if (!advertised.contains(hp)) {
                        wrong.add(name + ": bootstrap " + hp + " is not an advertised listener " + advertised);
                    }
                }
            }
            String es = env.get("EYRIE_ELASTICSEARCH_URL");
            if (es != null) {
                Matcher m = Pattern.compile("^https?://([^:/]+):(\\d+)$").matcher(es);
                if (!m.matches() || !compose.services().containsKey(m.group(1)) || !"9200".equals(m.group(2))) {
                    wrong.add(name + ": EYRIE_ELASTICSEARCH_URL " + es + " is not the elasticsearch service's port");
                }
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void flinkJobManagersRunOneJobEachAndTaskManagersFindThem() {
        int jobManagers = 0;
        for (String name : compose.services().keySet()) {
            Map<String, Object> s = compose.service(name);
            Object command = s.get("command");
            boolean flinkProcess = command instanceof List<?> c ? c.contains("standalone-job")
                    : "taskmanager".equals(command);
            if (!String.valueOf(s.get("image")).startsWith("flink:") || !flinkProcess) {
                continue;
            }
            String props = ComposeFile.environment(s).get("FLINK_PROPERTIES");
            assertNotNull(props, name + " has no FLINK_PROPERTIES");
            Matcher rpc = Pattern.compile("jobmanager\\.rpc\\.address:\\s*(\\S+)").matcher(props);
            assertTrue(rpc.find(), name + " does not set jobmanager.rpc.address");
            assertTrue(compose.services().containsKey(rpc.group(1)),
                    name + " points at JobManager " + rpc.group(1) + ", which is not a service");
            for (String key : List.of("state.checkpoints.dir", "state.savepoints.dir")) {
                assertTrue(props.contains(key + ": file:///flink-data/"), name + ": " + key
                        + " must be on the shared flink-data volume, or a TaskManager's checkpoint is lost");
            }
            if (s.get("command") instanceof List<?> cmd && cmd.contains("standalone-job")) {
                jobManagers++;
                assertEquals(rpc.group(1), name, name + " must advertise itself as the JobManager");
                assertTrue(cmd.indexOf("--job-classname") >= 0, name + " must name the job's main class");
                assertTrue(ComposeFile.volumes(s).stream().anyMatch(m ->
                                m.source() != null && m.source().equals("./flink-jobs/target/eyrie-flink-jobs.jar")
                                        && m.target().startsWith("/opt/flink/usrlib/")),
                        name + " must mount the jobs jar into usrlib (application mode loads it from there)");
            }
        }
        assertEquals(3, jobManagers, "one application-mode JobManager per job: detection, correlation, archive");
    }

    @Test
    void kibanaImportPostsTheSavedObjectsFile() {
        Map<String, Object> s = compose.service("kibana-dashboards");
        String cmd = String.join(" ", Tree.list(s, "command").stream().map(Object::toString).toList());
        assertTrue(cmd.contains("/api/saved_objects/_import"), "must call Kibana's saved objects import API: " + cmd);
        Matcher file = Pattern.compile("file=@(\\S+)").matcher(cmd);
        assertTrue(file.find(), "no file=@... in " + cmd);
        String inContainer = file.group(1);
        ComposeFile.Mount mount = ComposeFile.volumes(s).stream().filter(m -> inContainer.startsWith(m.target() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(inContainer + " is not under a mounted directory"));
        Path onHost = RepoPaths.root().resolve(mount.source().substring(2))
                .resolve(inContainer.substring(mount.target().length() + 1));
        assertTrue(Files.isRegularFile(onHost), "saved objects file missing: " + onHost);
        if (!ComposeFile.dependsOn(s).containsKey("kibana")) {
            fail("kibana-dashboards must wait for kibana");
        }
    }
}
