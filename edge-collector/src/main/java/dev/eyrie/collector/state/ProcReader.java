package dev.eyrie.collector.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a process' state from /proc: status, stat, cmdline, exe, cwd, loginuid, cgroup. Needs CAP_SYS_PTRACE for
 * exe/cwd/fd links of other users' processes and CAP_DAC_READ_SEARCH to traverse their directories.
 */
public final class ProcReader {
  private final Path proc;
  private final long bootEpochNs;
  private static final long TICK_NS = 10_000_000L; // USER_HZ = 100 on Linux

  public ProcReader(Path procRoot, long bootEpochNs) {
    this.proc = procRoot;
    this.bootEpochNs = bootEpochNs;
  }

  /** null when the process is gone */
  public ProcInfo read(int pid) {
    Path dir = proc.resolve(Integer.toString(pid));
    String status = text(dir.resolve("status"));
    if (status == null) {
      return null;
    }
    ProcInfo p = new ProcInfo(pid);
    for (String line : status.split("\n")) {
      int c = line.indexOf(':');
      if (c < 0) {
        continue;
      }
      String k = line.substring(0, c);
      String v = line.substring(c + 1).trim();
      switch (k) {
        case "Name" -> p.comm = v;
        case "PPid" -> p.ppid = parseInt(v);
        case "NSpid" -> p.vpid = parseInt(last(v));
        case "NSpgid" -> p.vpgid = parseInt(last(v));
        case "NSsid" -> p.sid = parseInt(last(v));
        case "CapInh" -> p.capInheritable = Long.parseUnsignedLong(v, 16);
        case "CapPrm" -> p.capPermitted = Long.parseUnsignedLong(v, 16);
        case "CapEff" -> p.capEffective = Long.parseUnsignedLong(v, 16);
        default -> { }
      }
    }
    String stat = text(dir.resolve("stat"));
    if (stat != null) {
      int rp = stat.lastIndexOf(')');
      String[] f = stat.substring(rp + 2).trim().split(" ");
      if (f.length > 19) {
        p.tty = parseInt(f[4]);
        p.startTs = bootEpochNs + Long.parseLong(f[19]) * TICK_NS;
      }
    }
    byte[] cmd = bytes(dir.resolve("cmdline"));
    // the same 4 KiB bound as argv captured at exec, so a process' args do not depend on when it was first seen
    List<String> argv = splitNul(cmd, cmd == null ? 0 : Math.min(cmd.length, 4096));
    if (!argv.isEmpty()) {
      p.exe = argv.get(0);
      p.args = List.copyOf(argv.subList(1, argv.size()));
    }
    String exe = link(dir.resolve("exe"));
    if (exe != null) {
      p.exeFromMemfd = exe.startsWith("/memfd:");
      p.exepath = exe.endsWith(" (deleted)") ? exe.substring(0, exe.length() - 10) : exe;
      try {
        p.exeIno = ((Number) Files.getAttribute(dir.resolve("exe"), "unix:ino")).longValue();
      } catch (IOException | RuntimeException e) {
        p.exeIno = null;
      }
    }
    p.cwd = link(dir.resolve("cwd"));
    String lu = text(dir.resolve("loginuid"));
    if (lu != null && !lu.isBlank()) {
      long v = Long.parseLong(lu.trim());
      p.loginuid = v == 4294967295L ? -1 : v;
    }
    p.container = Containers.fromCgroup(cgroupPath(text(dir.resolve("cgroup"))));
    return p;
  }

  /** fd link target, e.g. "/etc/passwd", "socket:[123]", "pipe:[45]", "anon_inode:[eventfd]"; null if gone */
  public String fdLink(int pid, int fd) {
    return link(proc.resolve(pid + "/fd/" + fd));
  }

  public List<Integer> pids() {
    List<Integer> out = new ArrayList<>();
    try (var s = Files.newDirectoryStream(proc)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
          out.add(Integer.parseInt(n));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("listing " + proc, e);
    }
    return out;
  }

  static String cgroupPath(String cgroup) {
    if (cgroup == null) {
      return null;
    }
    String best = null;
    for (String line : cgroup.split("\n")) {
      if (line.startsWith("0::")) {
        return line.substring(3);
      }
      int i = line.indexOf(':', line.indexOf(':') + 1);
      if (i > 0 && best == null) {
        best = line.substring(i + 1);
      }
    }
    return best;
  }

  public static List<String> splitNul(byte[] b, int len) {
    if (b == null || len == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < len; i++) {
      if (b[i] == 0) {
        out.add(new String(b, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < len) {
      out.add(new String(b, start, len - start, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String last(String v) {
    String[] parts = v.split("\\s+");
    return parts[parts.length - 1];
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String text(Path p) {
    byte[] b = bytes(p);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static String link(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return null;
    }
  }
}
