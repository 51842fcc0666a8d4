package dev.eyrie.engine.compile;

import java.util.Arrays;

/** A numeric (or boolean 0/1) comparison with its right-hand side compiled. */
interface LongPred {
  boolean test(long v);

  /** {@code = != < <= > >=}; unsigned types compare unsigned, as libsinsp's uint64 comparisons do. */
  final class Cmp implements LongPred {
    private final int op;
    private final long rhs;
    private final boolean unsigned;

    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int LE = 3;
    static final int GT = 4;
    static final int GE = 5;

    Cmp(int op, long rhs, boolean unsigned) {
      this.op = op;
      this.rhs = rhs;
      this.unsigned = unsigned;
    }

    int op() {
      return op;
    }

    static int opCode(String op) {
      return switch (op) {
        case "=", "==" -> EQ;
        case "!=" -> NE;
        case "<" -> LT;
        case "<=" -> LE;
        case ">" -> GT;
        case ">=" -> GE;
        default -> throw new IllegalArgumentException(op);
      };
    }

    @Override
    public boolean test(long v) {
      int c = unsigned ? Long.compareUnsigned(v, rhs) : Long.compare(v, rhs);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        default -> c >= 0;
      };
    }
  }

  final class In implements LongPred {
    private final long[] sorted;

    In(long[] values) {
      sorted = values.clone();
      Arrays.sort(sorted);
    }

    @Override
    public boolean test(long v) {
      return Arrays.binarySearch(sorted, v) >= 0;
    }
  }

  final class Mod implements LongPred {
    private final LongPred[] each;
    private final String mod;

    Mod(LongPred[] each, String mod) {
      this.each = each;
      this.mod = mod;
    }

    @Override
    public boolean test(long v) {
      int n = 0;
      for (LongPred p : each) {
        if (p.test(v)) {
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
