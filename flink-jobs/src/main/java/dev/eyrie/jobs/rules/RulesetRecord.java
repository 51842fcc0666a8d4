package dev.eyrie.jobs.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A published ruleset, the value of the rules topic (key {@value #KEY}, compacted: the last one wins). Files are
 * loaded in the order given, as Falco loads {@code -r} files. JSON so an operator can read the topic with any tool.
 */
public record RulesetRecord(String version, Instant publishedAt, String publishedBy, List<RuleFile> files) {
  public static final String KEY = "ruleset";
  private static final ObjectMapper JSON = new ObjectMapper();

  public RulesetRecord {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("ruleset version is empty");
    }
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("ruleset " + version + " has no rules files");
    }
  }

  /** A version derived from the content: publishing the same files twice yields the same version. */
  public static String contentVersion(List<RuleFile> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (RuleFile f : files) {
        byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
        byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
        sha.update(intBytes(name.length));
        sha.update(name);
        sha.update(intBytes(content.length));
        sha.update(content);
      }
      return "sha256-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] intBytes(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("version", version);
    n.put("published_at", publishedAt.toString());
    n.put("published_by", publishedBy);
    ArrayNode fs = n.putArray("files");
    for (RuleFile f : files) {
      fs.addObject().put("name", f.name()).put("content", f.content());
    }
    return n.toString();
  }

  /** Throws IllegalArgumentException naming what is wrong; the job turns it into a rejected status. */
  public static RulesetRecord fromJson(String json) {
    JsonNode n;
    try {
      n = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("ruleset record is not JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("ruleset record is not a JSON object");
    }
    JsonNode files = n.path("files");
    if (!files.isArray()) {
      throw new IllegalArgumentException("ruleset record has no 'files' array");
    }
    List<RuleFile> out = new ArrayList<>();
    for (JsonNode f : files) {
      out.add(new RuleFile(f.path("name").asText(null), f.path("content").asText(null)));
    }
    String at = n.path("published_at").asText(null);
    Instant publishedAt;
    try {
      publishedAt = at == null ? Instant.EPOCH : Instant.parse(at);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("ruleset record has a bad published_at '" + at + "'", e);
    }
    return new RulesetRecord(n.path("version").asText(null), publishedAt, n.path("published_by").asText(""), out);
  }

  /** The version of a record that may not parse, for reporting a rejection; "unknown" if absent. */
  public static String versionOf(String json) {
    try {
      String v = JSON.readTree(json).path("version").asText("");
      return v.isBlank() ? "unknown" : v;
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
