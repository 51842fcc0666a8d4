package dev.eyrie.jobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Per rule: how many alerts the candidate ruleset adds, removes and leaves unchanged relative to the baseline,
 * with up to {@code examples} examples each. An alert is identified by its deterministic id (rule, kind, event
 * ids), so "unchanged" means both rulesets raise that rule on the same event(s). Partial diffs from parallel
 * tasks travel as JSON and are merged on the client.
 */
public final class WhatIfDiff {
  private static final ObjectMapper JSON = new ObjectMapper();

  public enum Change { ADDED, REMOVED, UNCHANGED }

  public record Example(String alertId, String rule, String eventId, String hostname, long time, String output) {}

  public static final class RuleDiff {
    final long[] counts = new long[3];
    final List<List<Example>> examples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

    public long count(Change c) {
      return counts[c.ordinal()];
    }

    public List<Example> examples(Change c) {
      return examples.get(c.ordinal());
    }
  }

  private final int examples;
  private final Map<String, RuleDiff> rules = new TreeMap<>();

  public WhatIfDiff(int examples) {
    this.examples = examples;
  }

  public Map<String, RuleDiff> rules() {
    return rules;
  }

  public int exampleLimit() {
    return examples;
  }

  public void record(String rule, Change change, Supplier<Example> example) {
    RuleDiff d = rules.computeIfAbsent(rule, r -> new RuleDiff());
    d.counts[change.ordinal()]++;
    List<Example> ex = d.examples.get(change.ordinal());
    if (ex.size() < examples) {
      ex.add(example.get());
    }
  }

  public long total(Change c) {
    long n = 0;
    for (RuleDiff d : rules.values()) {
      n += d.count(c);
    }
    return n;
  }

  public void merge(WhatIfDiff other) {
    for (Map.Entry<String, RuleDiff> e : other.rules.entrySet()) {
      RuleDiff d = rules.computeIfAbsent(e.getKey(), r -> new RuleDiff());
      for (Change c : Change.values()) {
        d.counts[c.ordinal()] += e.getValue().count(c);
        List<Example> mine = d.examples.get(c.ordinal());
        for (Example x : e.getValue().examples(c)) {
          if (mine.size() < examples) {
            mine.add(x);
          }
        }
      }
    }
  }

  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("example_limit", examples);
    ObjectNode totals = root.putObject("totals");
    for (Change c : Change.values()) {
      totals.put(c.name().toLowerCase(), total(c));
    }
    ArrayNode arr = root.putArray("rules");
    for (Map.Entry<String, RuleDiff> e : rules.entrySet()) {
      ObjectNode r = arr.addObject();
      r.put("rule", e.getKey());
      for (Change c : Change.values()) {
        r.put(c.name().toLowerCase(), e.getValue().count(c));
      }
      ObjectNode ex = r.putObject("examples");
      for (Change c : Change.values()) {
        ArrayNode a = ex.putArray(c.name().toLowerCase());
        for (Example x : e.getValue().examples(c)) {
          a.addObject().put("alert_id", x.alertId()).put("event_id", x.eventId()).put("hostname", x.hostname())
              .put("time", x.time()).put("output", x.output());
        }
      }
    }
    return root;
  }

  public String serialize() {
    return toJson().toString();
  }

  public static WhatIfDiff parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WhatIfDiff d = new WhatIfDiff(root.path("example_limit").asInt());
    for (JsonNode r : root.path("rules")) {
      String rule = r.path("rule").asText();
      RuleDiff rd = d.rules.computeIfAbsent(rule, k -> new RuleDiff());
      for (Change c : Change.values()) {
        String key = c.name().toLowerCase();
        rd.counts[c.ordinal()] = r.path(key).asLong();
        for (JsonNode x : r.path("examples").path(key)) {
          rd.examples(c).add(new Example(x.path("alert_id").asText(), rule, x.path("event_id").asText(),
              x.path("hostname").asText(), x.path("time").asLong(), x.path("output").asText()));
        }
      }
    }
    return d;
  }
}
