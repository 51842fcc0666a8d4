package dev.eyrie.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks the environment before touching BPF, so failures name the missing piece and the fix. */
public final class Preflight {
  static final int CAP_DAC_READ_SEARCH = 2;
  static final int CAP_SYS_PTRACE = 19;
  static final int CAP_SYS_ADMIN = 21;
  static final int CAP_PERFMON = 38;
  static final int CAP_BPF = 39;

  private Preflight() {}

  /** Throws CollectorException for what prevents running; returns warnings for what only degrades enrichment. */
  public static List<String> check(Path tracefs) {
    List<String> warnings = new ArrayList<>();
    long caps = effectiveCaps();
    boolean admin = has(caps, CAP_SYS_ADMIN);
    if (!admin && !(has(caps, CAP_BPF) && has(caps, CAP_PERFMON))) {
      throw new CollectorException("the collector must run as root or with capabilities CAP_BPF and CAP_PERFMON "
          + "(effective set here: 0x" + Long.toHexString(caps) + "). Least privilege: "
          + "setpriv --inh-caps=+bpf,+perfmon,+sys_ptrace,+dac_read_search --ambient-caps=+bpf,+perfmon,"
          + "+sys_ptrace,+dac_read_search ... (see edge-collector/README.md)");
    }
    if (!has(caps, CAP_SYS_PTRACE) || !has(caps, CAP_DAC_READ_SEARCH)) {
      warnings.add("without CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH the collector cannot read /proc/PID/exe, cwd and "
          + "fd links of other users' processes: proc.exepath, proc.cwd and fd names may be empty");
    }
    if (!Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"))) {
      throw new CollectorException("the kernel exposes no BTF (/sys/kernel/btf/vmlinux missing): the collector's "
          + "CO-RE programs need a kernel built with CONFIG_DEBUG_INFO_BTF=y (5.8+ distribution kernels have it)");
    }
    Path root = tracefs != null ? tracefs : tracefsRoot();
    if (!Files.isDirectory(root.resolve("events/syscalls")) || !Files.isDirectory(root.resolve("events/sched"))) {
      throw new CollectorException("tracefs is not mounted at " + root + " (no events/syscalls there): mount it with "
          + "'mount -t tracefs nodev /sys/kernel/tracing' (in a container: mount the host's /sys/kernel/tracing)");
    }
    return warnings;
  }

  /** where libbpf 1.1 reads tracepoint ids: debugfs' tracing directory if present, else tracefs */
  public static Path tracefsRoot() {
    Path debug = Path.of("/sys/kernel/debug/tracing");
    return Files.exists(debug) ? debug : Path.of("/sys/kernel/tracing");
  }

  static long effectiveCaps() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          return Long.parseUnsignedLong(line.substring(7).trim(), 16);
        }
      }
    } catch (IOException e) {
      throw new CollectorException("cannot read /proc/self/status to check capabilities: " + e, e);
    }
    return 0;
  }

  static boolean has(long caps, int cap) {
    return (caps & (1L << cap)) != 0;
  }
}
