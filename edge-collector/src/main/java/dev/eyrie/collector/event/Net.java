package dev.eyrie.collector.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Address formatting as Falco prints it (dotted quad, compressed IPv6, unix paths). */
public final class Net {
  private Net() {}

  public static String ipv4(ByteBuffer b, int off) {
    return (b.get(off) & 0xff) + "." + (b.get(off + 1) & 0xff) + "." + (b.get(off + 2) & 0xff) + "."
        + (b.get(off + 3) & 0xff);
  }

  public static String ipv4(byte[] b, int off) {
    return ipv4(ByteBuffer.wrap(b), off);
  }

  /** RFC 5952 text: longest run of zero groups as '::'; IPv4-mapped addresses as ::ffff:a.b.c.d */
  public static String ipv6(ByteBuffer b, int off) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b.get(off + 2 * i) & 0xff) << 8) | (b.get(off + 2 * i + 1) & 0xff);
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return "::ffff:" + ipv4(b, off + 12);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
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

  public static boolean isZero(ByteBuffer b, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (b.get(off + i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** parsed user sockaddr: family, ip text (or unix path), port (-1 for unix) */
  public record SockAddr(int family, String ip, int port) {}

  public static SockAddr sockaddr(byte[] a) {
    if (a == null || a.length < 2) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(a);
    int family = (a[0] & 0xff) | ((a[1] & 0xff) << 8);
    int port = a.length >= 4 ? ((a[2] & 0xff) << 8) | (a[3] & 0xff) : 0;
    switch (family) {
      case 2:
        return a.length >= 8 ? new SockAddr(2, ipv4(b, 4), port) : null;
      case 10:
        return a.length >= 24 ? new SockAddr(10, ipv6(b, 8), port) : null;
      case 1: {
        int start = 2;
        int end = start;
        boolean abstractNs = a.length > 2 && a[2] == 0;
        if (abstractNs) {
          start = 3;
          end = a.length;
        } else {
          while (end < a.length && a[end] != 0) {
            end++;
          }
        }
        String path = new String(a, start, Math.max(0, end - start), StandardCharsets.UTF_8);
        return new SockAddr(1, abstractNs ? "@" + path : path, -1);
      }
      default:
        return new SockAddr(family, "", 0);
    }
  }

  public static String endpoint(String ip, int port) {
    return ip.indexOf(':') >= 0 ? ip + ":" + port : ip + ":" + port;
  }
}
