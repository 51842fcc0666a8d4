package dev.eyrie.engine.compile;

import java.util.Arrays;

/** Byte-buffer comparisons (memcmp/memmem semantics). */
interface BytesPred {
  boolean test(byte[] b);

  final class Op implements BytesPred {
    private final String op;
    private final byte[] v;

    Op(String op, byte[] v) {
      this.op = op;
      this.v = v;
    }

    @Override
    public boolean test(byte[] b) {
      return switch (op) {
        case "=", "==", "in", "intersects" -> Arrays.equals(b, v);
        case "!=" -> !Arrays.equals(b, v);
        case "contains", "bcontains" -> indexOf(b, v) >= 0;
        case "startswith", "bstartswith" -> v.length <= b.length && Arrays.equals(b, 0, v.length, v, 0, v.length);
        case "endswith" -> v.length <= b.length
            && Arrays.equals(b, b.length - v.length, b.length, v, 0, v.length);
        default -> false;
      };
    }

    static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i <= hay.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }

  final class Mod implements BytesPred {
    private final BytesPred[] each;
    private final String mod;

    Mod(BytesPred[] each, String mod) {
      this.each = each;
      this.mod = mod;
    }

    @Override
    public boolean test(byte[] b) {
      int n = 0;
      for (BytesPred p : each) {
        if (p.test(b)) {
          n++;
        }
      }
      return switch (mod) {
        case "oneof" -> n == 1;
        case "anyof" -> n > 0;
        default -> n == each.length;
      };
    }
  }
}
