package dev.eyrie.engine.load;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Node-level YAML access with yaml-cpp's view of scalars (everything is text; a plain {@code ~}/{@code null}/empty
 * scalar is null), so values decode the way Falco decodes them. Marks give line/column/offset for messages.
 */
final class Yaml {
  private Yaml() {}

  /** All documents of the stream; throws SnakeYAML's exception on the first syntax error. */
  static List<Node> composeAll(String content) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(256 * 1024 * 1024);
    options.setAllowDuplicateKeys(true);
    options.setMaxAliasesForCollections(1000);
    org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(options);
    List<Node> docs = new ArrayList<>();
    for (Node n : yaml.composeAll(new StringReader(content))) {
      docs.add(n);
    }
    return docs;
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.isPlain();
  }

  static boolean isScalar(Node n) {
    return n instanceof ScalarNode && !isNull(n);
  }

  static boolean isMap(Node n) {
    return n instanceof MappingNode;
  }

  static boolean isSeq(Node n) {
    return n instanceof SequenceNode;
  }

  static String scalar(Node n) {
    return ((ScalarNode) n).getValue();
  }

  /** The value of the first entry whose key is the scalar {@code key}; null when absent. */
  static Node get(Node map, String key) {
    if (!(map instanceof MappingNode m)) {
      return null;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  static Node keyNode(Node map, String key) {
    for (NodeTuple t : ((MappingNode) map).getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return t.getKeyNode();
      }
    }
    return null;
  }

  static List<NodeTuple> entries(Node map) {
    return ((MappingNode) map).getValue();
  }

  static List<Node> items(Node seq) {
    return ((SequenceNode) seq).getValue();
  }

  static String keyText(Node key) {
    return key instanceof ScalarNode s ? s.getValue() : "";
  }

  /** yaml-cpp's bool spellings. Null when the text is not a bool. */
  static Boolean parseBool(String s) {
    return switch (s) {
      case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> Boolean.TRUE;
      case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** An unsigned 32-bit integer (decimal, 0x hex or 0o octal), or -1 when the text is not one. */
  static long parseUint32(String s) {
    String t = s.startsWith("+") ? s.substring(1) : s;
    int radix = 10;
    if (t.startsWith("0x") || t.startsWith("0X")) {
      radix = 16;
      t = t.substring(2);
    } else if (t.startsWith("0o")) {
      radix = 8;
      t = t.substring(2);
    }
    if (t.isEmpty() || t.length() > 12) {
      return -1;
    }
    for (int i = 0; i < t.length(); i++) {
      if (Character.digit(t.charAt(i), radix) < 0 || t.charAt(i) > 127) {
        return -1;
      }
    }
    long v = Long.parseLong(t, radix);
    return v > 0xFFFFFFFFL ? -1 : v;
  }
}
