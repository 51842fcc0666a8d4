package dev.eyrie.engine.field;

import dev.eyrie.schema.Arg;
import dev.eyrie.schema.FileDescriptor;

/**
 * evt.is_open_* support. Falco tests PPM_O_* bits of the open event's flags parameter. Eyrie reads the rendered
 * {@code flags} argument ({@code O_RDWR|O_CREAT|...}, unambiguous whatever produced the event) and falls back
 * to {@code fd.open_flags} interpreted as PPM_O_* bits.
 */
final class OpenFlags {
  static final int RDONLY = 1;
  static final int WRONLY = 1 << 1;
  static final int CREAT = 1 << 2;
  static final int TMPFILE = 1 << 13;
  static final int F_CREATED = 1 << 14;
  private static final int EXEC_MASK = 0100 | 010 | 01; // S_IXUSR | S_IXGRP | S_IXOTH

  private OpenFlags() {}

  static boolean isOpen(String type) {
    return switch (type) {
      case "open", "openat", "openat2", "open_by_handle_at" -> true;
      default -> false;
    };
  }

  /** PPM_O_* bits of the event's open flags. */
  static int flags(EvalContext c) {
    return c.openFlags(OpenFlags::compute);
  }

  private static int compute(EvalContext c) {
    Arg a = c.arg("flags");
    if (a != null && a.getValue() != null && a.getValue().indexOf('O') >= 0) {
      return parse(a.getValue());
    }
    FileDescriptor fd = c.fd();
    return fd == null ? 0 : (int) fd.getOpenFlags() & 0x7fffffff;
  }

  /** Parses {@code O_RDONLY|O_CREAT|...} without allocating (called for every open event). */
  static int parse(String text) {
    int out = 0;
    int start = 0;
    int len = text.length();
    while (start < len) {
      int end = text.indexOf('|', start);
      if (end < 0) {
        end = len;
      }
      int s = start;
      int e = end;
      while (s < e && text.charAt(s) <= ' ') {
        s++;
      }
      while (e > s && text.charAt(e - 1) <= ' ') {
        e--;
      }
      out |= bit(text, s, e - s);
      start = end + 1;
    }
    return out;
  }

  private static int bit(String t, int from, int n) {
    return switch (n) {
      case 6 -> t.startsWith("O_RDWR", from) ? RDONLY | WRONLY : 0;
      case 7 -> t.startsWith("O_CREAT", from) ? CREAT : 0;
      case 8 -> t.startsWith("O_RDONLY", from) ? RDONLY : t.startsWith("O_WRONLY", from) ? WRONLY : 0;
      case 9 -> t.startsWith("O_TMPFILE", from) ? TMPFILE : 0;
      case 11 -> t.startsWith("O_F_CREATED", from) ? F_CREATED : 0;
      default -> 0; // other flags do not affect evt.is_open_*
    };
  }

  static long isOpenCreate(EvalContext c) {
    if (!isOpen(c.event().getType())) {
      return 0;
    }
    int f = flags(c);
    boolean created = (f & F_CREATED) != 0 || ((f & TMPFILE) != 0 && c.event().getRes() >= 0);
    return created ? 1 : 0;
  }

  static long isOpenExec(EvalContext c) {
    String type = c.event().getType();
    if (type.equals("creat")) {
      return (mode(c) & EXEC_MASK) != 0 ? 1 : 0;
    }
    if (!isOpen(type) || type.equals("open_by_handle_at")) {
      return 0;
    }
    int f = flags(c);
    if ((f & (TMPFILE | CREAT)) == 0) {
      return 0;
    }
    return (mode(c) & EXEC_MASK) != 0 ? 1 : 0;
  }

  /** The mode argument: raw number if given, else the rendered octal text (e.g. {@code 0755}). */
  private static long mode(EvalContext c) {
    Arg a = c.arg("mode");
    if (a == null) {
      return 0;
    }
    if (a.getRaw() != null) {
      return a.getRaw();
    }
    String v = a.getValue().trim();
    try {
      return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v, 8);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
