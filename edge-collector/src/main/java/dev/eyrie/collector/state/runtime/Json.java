package dev.eyrie.collector.state.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over Jackson trees for the runtimes' state files. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** the parsed file, or null when it does not exist; a file that exists but does not parse is an error */
  static JsonNode read(Path file) throws IOException {
    try {
      return MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return text == null || text.isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance(); // an annotation holding broken JSON just contributes nothing
    }
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
  }

  static Map<String, String> strings(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    if (obj != null && obj.isObject()) {
      obj.fields().forEachRemaining(e -> {
        if (e.getValue().isValueNode() && !e.getValue().isNull()) {
          out.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return out;
  }

  static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
