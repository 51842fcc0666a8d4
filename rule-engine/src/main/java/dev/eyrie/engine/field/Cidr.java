package dev.eyrie.engine.field;

/** An IPv4 or IPv6 network, {@code 10.0.0.0/8} or {@code fd00::/8}. */
public record Cidr(byte[] network, int prefix) {

  /** Parses {@code addr/len} the way libsinsp's value parser does; null if malformed. */
  public static Cidr parse(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] ip = IpAddrs.parse(s.substring(0, slash));
    if (ip == null) {
      return null;
    }
    int len;
    try {
      len = Integer.parseInt(s.substring(slash + 1).trim());
    } catch (NumberFormatException e) {
      return null;
    }
    if (len < 0 || len > ip.length * 8) {
      return null;
    }
    return new Cidr(ip, len);
  }

  /** Membership; an address of the other family is never inside. */
  public boolean contains(byte[] ip) {
    if (ip == null || ip.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (ip[i] != network[i]) {
        return false;
      }
    }
    int rem = prefix % 8;
    if (rem == 0) {
      return true;
    }
    int mask = (0xff << (8 - rem)) & 0xff;
    return (ip[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return IpAddrs.format(network) + "/" + prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }
}
