package dev.eyrie.engine.field;

import java.util.Arrays;

/**
 * Literal IPv4/IPv6 parsing and formatting without name resolution (InetAddress may fall back to DNS for some
 * malformed literals, which must never happen while evaluating or compiling rules).
 */
public final class IpAddrs {
  private IpAddrs() {}

  /** Parses a dotted IPv4 or an RFC 4291 IPv6 literal; null if the text is neither. */
  public static byte[] parse(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
  }

  /** inet_pton(AF_INET) rules: exactly four decimal parts, each 0..255. */
  public static byte[] parseV4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char ch = i < s.length() ? s.charAt(i) : '.';
      if (ch == '.') {
        if (digits == 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (ch >= '0' && ch <= '9') {
        if (digits > 0 && value == 0) {
          return null; // leading zeros are rejected by inet_pton
        }
        value = value * 10 + (ch - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  public static byte[] parseV6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    int[] groups = new int[8];
    int n = 0;
    int gap = -1;
    int i = 0;
    int len = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (len == 2) {
        return new byte[16];
      }
    } else if (s.startsWith(":")) {
      return null;
    }
    while (i < len) {
      if (n == 8) {
        return null;
      }
      int start = i;
      int v = 0;
      while (i < len && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        v = (v << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < len && s.charAt(i) == '.') {
        byte[] v4 = parseV4(s.substring(start));
        if (v4 == null || n > 6) {
          return null;
        }
        groups[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
        groups[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        i = len;
        break;
      }
      if (i == start) {
        return null;
      }
      groups[n++] = v;
      if (i == len) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < len && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null;
        }
        gap = n;
        i++;
      } else if (i == len) {
        return null;
      }
    }
    if (gap < 0 && n != 8 || gap >= 0 && n == 8) {
      return null;
    }
    byte[] out = new byte[16];
    int tail = gap < 0 ? 0 : n - gap;
    for (int g = 0; g < n; g++) {
      int idx = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
      out[idx * 2] = (byte) (groups[g] >> 8);
      out[idx * 2 + 1] = (byte) groups[g];
    }
    return out;
  }

  public static String format(byte[] ip) {
    if (ip.length == 4) {
      return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }
    // RFC 5952: longest run (>1) of zero groups compressed, lower-case hex
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }

  public static boolean equal(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }
}
