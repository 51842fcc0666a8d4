package dev.eyrie.engine.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trie agrees with a brute-force scan of its literals, forwards (prefixes) and backwards (suffixes). */
class PrefixTrieTest {
  private static String random(Random r, int maxLen) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(maxLen + 1);
    for (int i = 0; i < n; i++) {
      sb.append("/ab\u00e9".charAt(r.nextInt(4)));
    }
    return sb.toString();
  }

  private static String reversed(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = s.length() - 1; i >= 0; i--) {
      sb.append(s.charAt(i));
    }
    return sb.toString();
  }

  @Test
  void agreesWithBruteForce() {
    Random r = new Random(5);
    int hits = 0;
    for (int round = 0; round < 200; round++) {
      List<String> prefixes = new ArrayList<>();
      List<String> exacts = new ArrayList<>();
      PrefixTrie.Builder fwd = new PrefixTrie.Builder();
      PrefixTrie.Builder bwd = new PrefixTrie.Builder();
      for (int i = 0; i < 1 + r.nextInt(12); i++) {
        String p = random(r, 6);
        String e = random(r, 6);
        prefixes.add(p);
        exacts.add(e);
        fwd.prefix(p, 1L << i).exact(e, 1L << (i + 16));
        bwd.prefix(reversed(p), 1L << i).exact(reversed(e), 1L << (i + 16));
      }
      PrefixTrie f = fwd.build();
      PrefixTrie b = bwd.build();
      for (int q = 0; q < 200; q++) {
        String s = random(r, 9);
        long want = 0;
        long wantEnd = 0;
        for (int i = 0; i < prefixes.size(); i++) {
          want |= s.startsWith(prefixes.get(i)) ? 1L << i : 0;
          want |= s.equals(exacts.get(i)) ? 1L << (i + 16) : 0;
          wantEnd |= s.endsWith(prefixes.get(i)) ? 1L << i : 0;
          wantEnd |= s.equals(exacts.get(i)) ? 1L << (i + 16) : 0;
        }
        hits += want != 0 ? 1 : 0;
        assertEquals(want, f.lookup(s), () -> s + " in " + prefixes + " / " + exacts);
        assertEquals(wantEnd, b.lookupReversed(s), () -> s + " ends with " + prefixes + " / " + exacts);
      }
    }
    assertTrue(hits > 5_000, "queries hit literals: " + hits);
  }

  @Test
  void emptyTrieFindsNothing() {
    PrefixTrie t = new PrefixTrie.Builder().build();
    assertTrue(t.isEmpty());
    assertEquals(0, t.lookup("/etc"));
    assertEquals(0, t.lookupReversed(""));
  }
}
