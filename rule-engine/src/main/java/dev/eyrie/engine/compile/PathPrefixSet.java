package dev.eyrie.engine.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pmatch} path-prefix tree (libsinsp prefix_search.h semantics): paths are split into components
 * (empty components dropped, so {@code //a/} is {@code a}); a value matches when some search path is a
 * component-wise prefix of it — {@code /var} matches {@code /var} and {@code /var/lib} but neither
 * {@code /variable} nor {@code /} . A shorter search path replaces any longer ones below it. A component with
 * {@code * ? [} is an fnmatch glob matched against one component; exact components are tried first.
 */
public final class PathPrefixSet {
  private final Node root = new Node();

  private static final class Node {
    final Map<String, Node> exact = new HashMap<>();
    final List<Map.Entry<Glob, Node>> globs = new ArrayList<>();
    final Map<String, Node> globByText = new HashMap<>();
    boolean terminal;
  }

  public void add(String path) {
    List<String> comps = split(path);
    Node n = root;
    if (n.terminal) {
      return;
    }
    for (String c : comps) {
      Node next;
      if (Glob.hasMeta(c)) {
        next = n.globByText.get(c);
        if (next == null) {
          next = new Node();
          n.globByText.put(c, next);
          n.globs.add(Map.entry(Glob.compile(c, false), next));
        }
      } else {
        next = n.exact.computeIfAbsent(c, k -> new Node());
      }
      if (next.terminal) {
        return; // a shorter prefix already covers this path
      }
      n = next;
    }
    n.terminal = true;
    n.exact.clear();
    n.globs.clear();
    n.globByText.clear();
  }

  public boolean matches(String path) {
    return match(root, path, 0);
  }

  /** Walks the components of path starting at offset; no per-call allocation except substrings. */
  private static boolean match(Node n, String path, int from) {
    if (n.terminal) {
      return true;
    }
    int len = path.length();
    while (from < len && path.charAt(from) == '/') {
      from++;
    }
    if (from >= len) {
      return false; // the path ended inside the tree: /var does not match search path /var/lib
    }
    int end = path.indexOf('/', from);
    if (end < 0) {
      end = len;
    }
    String comp = path.substring(from, end);
    Node next = n.exact.get(comp);
    if (next != null && match(next, path, end)) {
      return true;
    }
    for (int i = 0; i < n.globs.size(); i++) {
      Map.Entry<Glob, Node> g = n.globs.get(i);
      if (g.getKey().matches(comp) && match(g.getValue(), path, end)) {
        return true;
      }
    }
    return false;
  }

  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }
}
