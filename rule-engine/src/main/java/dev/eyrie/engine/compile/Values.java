package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.Cidr;
import dev.eyrie.engine.field.FieldType;
import dev.eyrie.engine.field.IpAddrs;
import java.util.Map;

/** Right-hand values parsed per the left field's type at compile time (libsinsp value_parser rules). */
final class Values {
  private static final Map<String, Integer> SERVICES = Map.ofEntries(
      Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23),
      Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("http", 80), Map.entry("kerberos", 88),
      Map.entry("pop3", 110), Map.entry("sunrpc", 111), Map.entry("ntp", 123), Map.entry("imap2", 143),
      Map.entry("imap", 143), Map.entry("snmp", 161), Map.entry("ldap", 389), Map.entry("https", 443),
      Map.entry("submission", 587), Map.entry("ldaps", 636), Map.entry("rsync", 873), Map.entry("imaps", 993),
      Map.entry("pop3s", 995), Map.entry("mysql", 3306), Map.entry("postgresql", 5432),
      Map.entry("http-alt", 8080));

  private Values() {}

  /** sscanf("%ld%c") rules: optional leading blanks and sign, decimal digits, nothing after. */
  static long parseLong(String text, int pos) throws CompileException {
    String s = text.stripLeading();
    int i = 0;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (i == s.length()) {
      throw new CompileException(text + " is not a valid number", pos);
    }
    for (int j = i; j < s.length(); j++) {
      if (s.charAt(j) < '0' || s.charAt(j) > '9') {
        throw new CompileException(text + " is not a valid number", pos);
      }
    }
    try {
      return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      try {
        return Long.parseUnsignedLong(s);
      } catch (NumberFormatException e2) {
        throw new CompileException(text + " is not a valid number", pos);
      }
    }
  }

  static long parseNumeric(FieldType type, String text, int pos) throws CompileException {
    switch (type) {
      case BOOL -> {
        if (text.equals("true")) {
          return 1;
        }
        if (text.equals("false")) {
          return 0;
        }
        throw new CompileException("filter error: unrecognized boolean value " + text, pos);
      }
      case PORT -> {
        if (text.isEmpty()) {
          return 0;
        }
        boolean digits = text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        if (digits) {
          return Long.parseLong(text) & 0xffff;
        }
        Integer p = SERVICES.get(text);
        if (p == null) {
          throw new CompileException("unrecognized protocol " + text, pos);
        }
        return p;
      }
      default -> {
        return parseLong(text, pos);
      }
    }
  }

  static byte[] parseIp(String text, int pos) throws CompileException {
    byte[] ip = text.indexOf('.') >= 0 ? IpAddrs.parseV4(text) : IpAddrs.parseV6(text);
    if (ip == null) {
      throw new CompileException("unrecognized IP address " + text, pos);
    }
    return ip;
  }

  static Cidr parseNet(String text, int pos) throws CompileException {
    if (text.indexOf('/') < 0) {
      throw new CompileException("unrecognized IP network " + text, pos);
    }
    Cidr c = Cidr.parse(text);
    if (c == null) {
      throw new CompileException("unrecognized IP network " + text, pos);
    }
    return c;
  }
}
