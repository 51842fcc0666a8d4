package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.Cidr;
import java.util.Arrays;

/** Address comparisons: equality against addresses, membership against networks. */
interface IpPred {
  boolean test(byte[] ip);

  /** Equality with any of the addresses (one address for {@code =}). */
  final class AnyAddr implements IpPred {
    private final byte[][] addrs;

    AnyAddr(byte[][] addrs) {
      this.addrs = addrs;
    }

    @Override
    public boolean test(byte[] ip) {
      for (byte[] a : addrs) {
        if (Arrays.equals(a, ip)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Membership in any of the networks. */
  final class AnyNet implements IpPred {
    private final Cidr[] nets;

    AnyNet(Cidr[] nets) {
      this.nets = nets;
    }

    @Override
    public boolean test(byte[] ip) {
      for (Cidr n : nets) {
        if (n.contains(ip)) {
          return true;
        }
      }
      return false;
    }
  }

  final class Negate implements IpPred {
    private final IpPred p;

    Negate(IpPred p) {
      this.p = p;
    }

    @Override
    public boolean test(byte[] ip) {
      return !p.test(ip);
    }
  }

  final class Mod implements IpPred {
    private final IpPred[] each;
    private final String mod;

    Mod(IpPred[] each, String mod) {
      this.each = each;
      this.mod = mod;
    }

    @Override
    public boolean test(byte[] ip) {
      int n = 0;
      for (IpPred p : each) {
        if (p.test(ip)) {
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
