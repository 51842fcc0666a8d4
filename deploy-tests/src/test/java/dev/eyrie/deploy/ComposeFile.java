package dev.eyrie.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** docker-compose.yml parsed as Compose does it: YAML anchors and `<<` merge keys resolved. */
final class ComposeFile {
    final String text;
    final Map<String, Object> root;

    private ComposeFile(String text, Map<String, Object> root) {
        this.text = text;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile load() {
        try (Reader r = Files.newBufferedReader(RepoPaths.compose(), StandardCharsets.UTF_8)) {
            LoaderOptions opts = new LoaderOptions();
            opts.setAllowDuplicateKeys(false);
            Object doc = new Yaml(new SafeConstructor(opts)).load(r);
            return new ComposeFile(Files.readString(RepoPaths.compose()), (Map<String, Object>) doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> services() {
        return Tree.map(root, "services");
    }

    Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (!(s instanceof Map<?, ?>)) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'");
        }
        return Tree.map(services(), name);
    }

    /** A one-shot service runs to completion (`restart: "no"`); everything else is long-running. */
    static boolean isOneShot(Map<String, Object> service) {
        return "no".equals(String.valueOf(service.get("restart")));
    }

    /** depends_on in either syntax: list of names, or map name -> {condition}. */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object d = service.get("depends_on");
        if (d instanceof List<?> l) {
            l.forEach(n -> out.put(n.toString(), "service_started"));
        } else if (d instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(k.toString(),
                    v instanceof Map<?, ?> c && c.get("condition") != null ? c.get("condition").toString()
                            : "service_started"));
        }
        return out;
    }

    /** environment in either syntax (map, or list of NAME=value). */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object e = service.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(k.toString(), v == null ? null : v.toString()));
        } else if (e instanceof List<?> l) {
            for (Object item : l) {
                String s = item.toString();
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** Volume entries normalised to (type, source, target, readOnly). */
    static List<Mount> volumes(Map<String, Object> service) {
        List<Mount> out = new ArrayList<>();
        Object v = service.get("volumes");
        if (!(v instanceof List<?> l)) {
            return out;
        }
        for (Object item : l) {
            if (item instanceof Map<?, ?> m) {
                boolean ro = Boolean.TRUE.equals(m.get("read_only"));
                out.add(new Mount(String.valueOf(m.get("type")), String.valueOf(m.get("source")),
                        String.valueOf(m.get("target")), ro));
            } else {
                String[] parts = item.toString().split(":");
                if (parts.length == 1) {
                    out.add(new Mount("volume", null, parts[0], false)); // anonymous volume
                    continue;
                }
                String src = parts[0];
                boolean bind = src.startsWith("/") || src.startsWith(".") || src.startsWith("~") || src.startsWith("$");
                boolean ro = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
                out.add(new Mount(bind ? "bind" : "volume", src, parts[1], ro));
            }
        }
        return out;
    }

    record Mount(String type, String source, String target, boolean readOnly) {}
}
