package dev.eyrie.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Renders helm/eyrie with the helm library bundled by helm-java (no helm binary needed) and parses the manifests. */
final class ChartRenderer {
    static final String RELEASE = "eyrie-test";
    static final String NAMESPACE = "security";
    static final String KUBE_VERSION = "1.30.0";

    private final Map<String, Object> sets = new LinkedHashMap<>();
    private final List<Path> valuesFiles = new ArrayList<>();

    static ChartRenderer chart() {
        return new ChartRenderer();
    }

    ChartRenderer set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    /** Values given as a YAML document (lists and maps, which --set strings cannot express through helm-java). */
    ChartRenderer values(String yaml) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            Path f = Files.createTempFile(dir, "values-", ".yaml");
            Files.writeString(f, yaml);
            f.toFile().deleteOnExit();
            valuesFiles.add(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The raw `helm template` output; throws IllegalStateException with helm's message when rendering fails. */
    String renderText() {
        TemplateCommand cmd = new Helm(RepoPaths.chart()).template().withName(RELEASE).withNamespace(NAMESPACE)
                // helm's built-in default (1.20) is older than the chart's kubeVersion floor
                .withKubeVersion(KUBE_VERSION);
        valuesFiles.forEach(cmd::withValuesFile);
        sets.forEach(cmd::set);
        return cmd.call();
    }

    Manifests render() {
        String text = renderText();
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc instanceof Map<?, ?> m && !m.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                docs.add(typed);
            }
        }
        return new Manifests(text, docs);
    }
}
