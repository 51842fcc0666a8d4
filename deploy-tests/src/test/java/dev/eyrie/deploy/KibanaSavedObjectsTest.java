package dev.eyrie.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/kibana/eyrie-alerts.ndjson is imported as-is by docker-compose: Kibana rejects or silently breaks objects
 * whose references dangle, and a visualization over a field the alert index does not map shows nothing.
 */
class KibanaSavedObjectsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> objects = load();

    private static Map<String, JsonNode> load() {
        Path file = RepoPaths.root().resolve("deploy/kibana/eyrie-alerts.ndjson");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        try {
            int line = 0;
            for (String l : Files.readAllLines(file)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode o = JSON.readTree(l);
                String key = o.path("type").asText() + "/" + o.path("id").asText();
                assertFalse(out.containsKey(key), file + ":" + line + " duplicates " + key);
                out.put(key, o);
            }
        } catch (IOException e) {
            throw new AssertionError("reading " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Test
    void everyReferenceResolvesInsideTheFile() {
        List<String> dangling = new ArrayList<>();
        objects.forEach((key, o) -> o.path("references").forEach(r -> {
            if (!objects.containsKey(r.path("type").asText() + "/" + r.path("id").asText())) {
                dangling.add(key + " -> " + r);
            }
        }));
        assertTrue(dangling.isEmpty(), "references to objects not in the file: " + dangling);
    }

    @Test
    void dashboardPanelsUseDeclaredReferences() throws IOException {
        JsonNode dash = objects.get("dashboard/eyrie-alerts-dashboard");
        assertNotNull(dash, "the Eyrie alerts dashboard is missing");
        Set<String> refNames = new HashSet<>();
        dash.path("references").forEach(r -> refNames.add(r.path("name").asText()));
        JsonNode panels = JSON.readTree(dash.path("attributes").path("panelsJSON").asText());
        assertTrue(panels.size() >= 4, "expected the over-time, priority, rules, hosts and table panels");
        for (JsonNode p : panels) {
            assertTrue(refNames.contains(p.path("panelRefName").asText()), "panel without reference: " + p);
        }
    }

    @Test
    void searchSourcesPointAtTheDataViewThroughReferences() throws IOException {
        for (Map.Entry<String, JsonNode> e : objects.entrySet()) {
            JsonNode src = e.getValue().path("attributes").path("kibanaSavedObjectMeta").path("searchSourceJSON");
            if (src.isMissingNode()) {
                continue;
            }
            JsonNode parsed = JSON.readTree(src.asText());
            if (parsed.has("indexRefName")) {
                String name = parsed.path("indexRefName").asText();
                boolean declared = false;
                for (JsonNode r : e.getValue().path("references")) {
                    declared |= r.path("name").asText().equals(name) && r.path("type").asText().equals("index-pattern");
                }
                assertTrue(declared, e.getKey() + " uses indexRefName " + name + " without such a reference");
            }
            assertFalse(parsed.has("index"), e.getKey() + " inlines an index id instead of a reference");
        }
    }

    /** The fields the dashboard aggregates on are mapped by the jobs' index template with a usable type. */
    @Test
    void fieldsMatchTheAlertIndexTemplate() throws IOException {
        JsonNode mapping = alertIndexTemplate().path("template").path("mappings").path("properties");
        JsonNode view = objects.get("index-pattern/eyrie-alerts").path("attributes");
        String timeField = view.path("timeFieldName").asText();
        assertTrue(Set.of("date", "date_nanos").contains(mapping.path(timeField).path("type").asText()),
                "data view time field '" + timeField + "' is not a date in alerts-template.json");
        assertEquals(alertIndexFromCompose() + "*", view.path("title").asText(),
                "the data view must match the index the jobs write (EYRIE_ELASTICSEARCH_INDEX)");
        int checked = 0;
        for (JsonNode o : objects.values()) {
            JsonNode vis = o.path("attributes").path("visState");
            if (vis.isMissingNode()) {
                continue;
            }
            for (JsonNode agg : JSON.readTree(vis.asText()).path("aggs")) {
                String field = agg.path("params").path("field").asText(null);
                if (field == null) {
                    continue;
                }
                String type = mapping.path(field).path("type").asText("<unmapped>");
                String aggType = agg.path("type").asText();
                boolean ok = switch (aggType) {
                    case "terms" -> type.equals("keyword");
                    case "date_histogram" -> type.startsWith("date");
                    default -> !type.equals("<unmapped>");
                };
                assertTrue(ok, o.path("id").asText() + ": " + aggType + " on '" + field + "' mapped as " + type);
                checked++;
            }
        }
        assertTrue(checked >= 4, "expected aggregations to check, found " + checked);
    }

    private static JsonNode alertIndexTemplate() throws IOException {
        Path resources = RepoPaths.root().resolve("flink-jobs/src/main/resources");
        try (Stream<Path> s = Files.exists(resources) ? Files.walk(resources) : Stream.empty()) {
            Path t = s.filter(p -> p.getFileName().toString().equals("alerts-template.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("flink-jobs/src/main/resources has no alerts-template.json "
                            + "(the Elasticsearch mapping the dashboard is checked against)"));
            return JSON.readTree(Files.readString(t).replace("@INDEX@", "eyrie-alerts"));
        }
    }

    private static String alertIndexFromCompose() {
        ComposeFile compose = ComposeFile.load();
        return ComposeFile.environment(compose.service("flink-detection-jobmanager")).get("EYRIE_ELASTICSEARCH_INDEX");
    }
}
