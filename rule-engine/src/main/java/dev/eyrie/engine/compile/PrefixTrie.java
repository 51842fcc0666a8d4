package dev.eyrie.engine.compile;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A character trie over string literals, each literal carrying a bit mask either as a prefix (its mask applies to
 * every string starting with it) or as an exact value. {@link #lookup} ORs the masks of all literals a string
 * starts with or equals, in one walk over the string's leading characters, without allocating. Built from
 * reversed literals, {@link #lookupReversed} does the same for suffixes. (A radix-compressed variant measured
 * no faster on the benchmark paths, which leave the trie within a few characters.)
 */
final class PrefixTrie {
  private static final Node EMPTY = new Node(new char[0], new Node[0], 0, 0);

  private record Node(char[] keys, Node[] kids, long prefix, long exact) {
    Node child(char c) {
      char[] k = keys;
      if (k.length <= 8) {
        for (int i = 0; i < k.length; i++) {
          if (k[i] == c) {
            return kids[i];
          }
        }
        return null;
      }
      int i = Arrays.binarySearch(k, c);
      return i >= 0 ? kids[i] : null;
    }
  }

  private final Node root;

  private PrefixTrie(Node root) {
    this.root = root;
  }

  /** The OR of the masks of every prefix literal s starts with and every exact literal s equals. */
  long lookup(String s) {
    Node n = root;
    long m = 0;
    int len = s.length();
    for (int i = 0; ; i++) {
      m |= n.prefix;
      if (i == len) {
        return m | n.exact;
      }
      n = n.child(s.charAt(i));
      if (n == null) {
        return m;
      }
    }
  }

  /** {@link #lookup} of the reversed string, without reversing it: for a trie built from reversed suffixes. */
  long lookupReversed(String s) {
    Node n = root;
    long m = 0;
    for (int i = s.length() - 1; ; i--) {
      m |= n.prefix;
      if (i < 0) {
        return m | n.exact;
      }
      n = n.child(s.charAt(i));
      if (n == null) {
        return m;
      }
    }
  }

  boolean isEmpty() {
    return root == EMPTY;
  }

  static final class Builder {
    private static final class MNode {
      final TreeMap<Character, MNode> kids = new TreeMap<>();
      long prefix;
      long exact;
    }

    private final MNode root = new MNode();
    private boolean empty = true;

    Builder prefix(String p, long mask) {
      at(p).prefix |= mask;
      return this;
    }

    Builder exact(String v, long mask) {
      at(v).exact |= mask;
      return this;
    }

    private MNode at(String s) {
      empty = false;
      MNode n = root;
      for (int i = 0; i < s.length(); i++) {
        n = n.kids.computeIfAbsent(s.charAt(i), c -> new MNode());
      }
      return n;
    }

    PrefixTrie build() {
      return new PrefixTrie(empty ? EMPTY : freeze(root));
    }

    private static Node freeze(MNode n) {
      char[] keys = new char[n.kids.size()];
      Node[] kids = new Node[keys.length];
      int i = 0;
      for (Map.Entry<Character, MNode> e : n.kids.entrySet()) {
        keys[i] = e.getKey();
        kids[i++] = freeze(e.getValue());
      }
      return new Node(keys, kids, n.prefix, n.exact);
    }
  }
}
