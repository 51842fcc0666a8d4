package dev.eyrie.engine.testkit;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A rule test file:
 *
 * <pre>
 * rules: [../eyrie_rules.yaml]        # rules files, relative to this file, loaded in order
 * rule_matching: all                   # optional: first | all (default all)
 * cases:
 *   - name: shell spawned in a container
 *     event: {evt.type: execve, proc.name: bash, container.id: 0123456789ab}   # or events: [ ... ]
 *     expect:                          # the alerts the case must raise; [] = none
 *       - rule: Shell in container
 *         priority: Notice             # optional
 *         output_contains: bash        # optional
 *         fields: {proc.name: bash}    # optional subset of output_fields
 *     strict: true                     # default: no other rule may fire; false = others may
 *     not_expect: [Some Rule]          # rules that must not fire (useful with strict: false)
 * </pre>
 */
public record RuleTestFile(Path path, List<Path> rules, String ruleMatching, List<Case> cases) {

  /** One case; {@code line} is where it starts in the file. */
  public record Case(String name, int line, List<Map<String, Object>> events, List<Expectation> expect,
      boolean strict, List<String> notExpect) {}

  public record Expectation(String rule, String priority, String outputContains, Map<String, Object> fields) {}

  private static final Set<String> FILE_KEYS = Set.of("rules", "rule_matching", "cases");
  private static final Set<String> CASE_KEYS = Set.of("name", "event", "events", "expect", "strict", "not_expect");
  private static final Set<String> EXPECT_KEYS = Set.of("rule", "priority", "output_contains", "fields");

  public static RuleTestFile read(Path path) throws IOException {
    String text = Files.readString(path);
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new RuleTestFormatException(path, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
          "invalid YAML: " + e.getProblem());
    }
    if (!(root instanceof MappingNode map)) {
      throw new RuleTestFormatException(path, 1, "a rule test file is a mapping with 'rules' and 'cases'");
    }
    Reader r = new Reader(path);
    Map<String, Node> top = r.keys(map, FILE_KEYS);
    List<Path> rules = new ArrayList<>();
    for (Object o : r.list(r.require(top, "rules", map))) {
      rules.add(path.toAbsolutePath().getParent().resolve(String.valueOf(o)).normalize());
    }
    String matching = top.containsKey("rule_matching") ? r.scalar(top.get("rule_matching")) : "all";
    if (!matching.equals("all") && !matching.equals("first")) {
      throw r.error(top.get("rule_matching"), "rule_matching must be 'first' or 'all'");
    }
    Node casesNode = r.require(top, "cases", map);
    if (!(casesNode instanceof SequenceNode seq)) {
      throw r.error(casesNode, "'cases' must be a list");
    }
    List<Case> cases = new ArrayList<>();
    for (Node c : seq.getValue()) {
      cases.add(r.testCase(c));
    }
    return new RuleTestFile(path, rules, matching, cases);
  }

  /** Converts YAML nodes to plain values while remembering where each came from for error messages. */
  private record Reader(Path path) {
    RuleTestFormatException error(Node n, String message) {
      return new RuleTestFormatException(path, n.getStartMark().getLine() + 1, message);
    }

    Map<String, Node> keys(MappingNode m, Set<String> allowed) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String k = scalar(t.getKeyNode());
        if (!allowed.contains(k)) {
          throw error(t.getKeyNode(), "unknown key '" + k + "' (expected one of " + allowed + ")");
        }
        out.put(k, t.getValueNode());
      }
      return out;
    }

    Node require(Map<String, Node> m, String key, Node owner) {
      Node n = m.get(key);
      if (n == null) {
        throw error(owner, "missing '" + key + "'");
      }
      return n;
    }

    String scalar(Node n) {
      if (!(n instanceof ScalarNode s)) {
        throw error(n, "a single value expected");
      }
      return s.getValue();
    }

    List<Object> list(Node n) {
      Object v = value(n);
      if (v instanceof List<?> l) {
        return new ArrayList<>(l);
      }
      return new ArrayList<>(List.of(v));
    }

    Object value(Node n) {
      if (n instanceof ScalarNode s) {
        Tag t = s.getTag();
        String v = s.getValue();
        if (Tag.INT.equals(t)) {
          return Long.decode(v.replace("_", ""));
        }
        if (Tag.BOOL.equals(t)) {
          return Boolean.parseBoolean(v) || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("on");
        }
        if (Tag.NULL.equals(t)) {
          return null;
        }
        return v;
      }
      if (n instanceof SequenceNode seq) {
        List<Object> out = new ArrayList<>();
        for (Node c : seq.getValue()) {
          out.add(value(c));
        }
        return out;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : ((MappingNode) n).getValue()) {
        out.put(scalar(t.getKeyNode()), value(t.getValueNode()));
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    Case testCase(Node n) {
      if (!(n instanceof MappingNode m)) {
        throw error(n, "each case is a mapping with 'name', 'event(s)' and 'expect'");
      }
      Map<String, Node> k = keys(m, CASE_KEYS);
      String name = scalar(require(k, "name", n));
      List<Map<String, Object>> events = new ArrayList<>();
      if (k.containsKey("event") == k.containsKey("events")) {
        throw error(n, "case '" + name + "': give exactly one of 'event' or 'events'");
      }
      for (Object e : k.containsKey("event") ? List.of(value(k.get("event"))) : list(k.get("events"))) {
        if (!(e instanceof Map<?, ?>)) {
          throw error(n, "case '" + name + "': an event is a mapping of Falco field names to values");
        }
        events.add((Map<String, Object>) e);
      }
      List<Expectation> expect = new ArrayList<>();
      Node expectNode = require(k, "expect", n);
      if (!(expectNode instanceof SequenceNode es)) {
        throw error(expectNode, "case '" + name + "': 'expect' must be a list ([] for no alert)");
      }
      for (Node e : es.getValue()) {
        if (!(e instanceof MappingNode em)) {
          throw error(e, "case '" + name + "': each expectation is a mapping with 'rule'");
        }
        Map<String, Node> ek = keys(em, EXPECT_KEYS);
        Map<String, Object> fields = ek.containsKey("fields") ? (Map<String, Object>) value(ek.get("fields")) : Map.of();
        expect.add(new Expectation(scalar(require(ek, "rule", e)),
            ek.containsKey("priority") ? scalar(ek.get("priority")) : null,
            ek.containsKey("output_contains") ? scalar(ek.get("output_contains")) : null, fields));
      }
      boolean strict = !k.containsKey("strict") || Boolean.TRUE.equals(value(k.get("strict")));
      List<String> notExpect = new ArrayList<>();
      if (k.containsKey("not_expect")) {
        for (Object o : list(k.get("not_expect"))) {
          notExpect.add(String.valueOf(o));
        }
      }
      return new Case(name, n.getStartMark().getLine() + 1, events, expect, strict, notExpect);
    }
  }
}
