package dev.eyrie.jobs.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What a job did with a published ruleset, written to the rules-status topic (key = version):
 * {@code {"version", "status": "accepted"|"rejected", "active_version", "job", "published_at", "processed_at",
 * "message", "errors": [...], "warnings": [...]}} where errors/warnings are the engine's Falco-style load messages
 * (code such as LOAD_ERR_COMPILE_CONDITION, message, location).
 */
public record RulesetStatus(
    String version,
    boolean accepted,
    String activeVersion,
    String job,
    Instant publishedAt,
    Instant processedAt,
    String message,
    JsonNode errors,
    JsonNode warnings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", version);
    n.put("status", accepted ? "accepted" : "rejected");
    n.put("active_version", activeVersion);
    n.put("job", job);
    n.put("published_at", publishedAt == null ? null : publishedAt.toString());
    n.put("processed_at", processedAt.toString());
    n.put("message", message);
    n.set("errors", errors == null ? JSON.createArrayNode() : errors);
    n.set("warnings", warnings == null ? JSON.createArrayNode() : warnings);
    return n.toString();
  }

  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ArrayNode messages(String... texts) {
    ArrayNode a = JSON.createArrayNode();
    for (String t : texts) {
      a.addObject().put("message", t);
    }
    return a;
  }
}
