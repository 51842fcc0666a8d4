package dev.eyrie.collector.bpf;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import dev.eyrie.collector.CollectorException;
import dev.eyrie.collector.event.SyscallDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The loaded BPF object: opened from the jar resource with bpf_object__open_mem, configured through .rodata, loaded,
 * and attached to the selected syscall tracepoints plus sched_process_exec/fork/exit.
 */
public final class Probe implements AutoCloseable {
  static final String RESOURCE = "/dev/eyrie/collector/bpf/collector.bpf.o";
  private static final int CONFIG_BYTES = 24 + 512 * 8;

  private final LibBpf lib;
  private final Pointer obj;
  private final Memory objBytes; // libbpf keeps pointers into the image until close
  private final List<Pointer> links = new ArrayList<>();
  private final List<String> unavailable = new ArrayList<>();
  private int ringFd = -1;
  private int statsFd = -1;
  private final int ringBytes;
  private final int ncpu;
  private final LibbpfLog log;

  private Probe(LibBpf lib, Pointer obj, Memory objBytes, LibbpfLog log, ProbeOptions o) {
    this.lib = lib;
    this.obj = obj;
    this.objBytes = objBytes;
    this.log = log;
    this.ringBytes = o.ringBytes();
    this.ncpu = lib.libbpf_num_possible_cpus();
  }

  /** Loads libbpf under the given name, or explains how to install it. */
  public static LibBpf loadLibrary(String name) {
    try {
      return Native.load(name, LibBpf.class);
    } catch (UnsatisfiedLinkError e) {
      throw new CollectorException("cannot load " + name + " (the system libbpf, version 1.x): " + e.getMessage()
          + ". Install it: apt-get install libbpf1", e);
    }
  }

  public static Probe open(ProbeOptions o) {
    LibBpf lib = loadLibrary(o.libbpf());
    LibbpfLog log = LibbpfLog.install(lib);
    byte[] image = readResource();
    Memory mem = new Memory(image.length);
    mem.write(0, image, 0, image.length);
    log.clear();
    Pointer obj = lib.bpf_object__open_mem(mem, new NativeLong(image.length), null);
    if (obj == null) {
      throw new CollectorException("libbpf could not open the collector's BPF object (errno " + Native.getLastError()
          + "): " + log.text());
    }
    Probe p = null;
    try {
      p = new Probe(lib, obj, mem, log, o);
      p.configure(o);
      p.load();
      p.linkStages();
      p.attachAll(o);
      return p;
    } catch (RuntimeException e) {
      if (p != null) {
        p.close();
      } else {
        lib.bpf_object__close(obj);
      }
      throw e;
    }
  }

  private static byte[] readResource() {
    try (InputStream in = Probe.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CollectorException("BPF object " + RESOURCE + " missing from the jar: build edge-collector with "
            + "clang/llvm/libbpf-dev/bpftool installed");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new CollectorException("reading " + RESOURCE + ": " + e, e);
    }
  }

  private Pointer map(String name) {
    Pointer m = lib.bpf_object__find_map_by_name(obj, name);
    if (m == null) {
      throw new CollectorException("BPF object has no map '" + name + "'");
    }
    return m;
  }

  private Pointer rodata() {
    for (Pointer m = lib.bpf_object__next_map(obj, null); m != null; m = lib.bpf_object__next_map(obj, m)) {
      String n = lib.bpf_map__name(m);
      if (n != null && n.endsWith(".rodata")) {
        return m;
      }
    }
    throw new CollectorException("BPF object has no .rodata map");
  }

  private void configure(ProbeOptions o) {
    NativeLongByReference size = new NativeLongByReference();
    Pointer cfg = lib.bpf_map__initial_value(rodata(), size);
    if (cfg == null || size.getValue().longValue() < CONFIG_BYTES) {
      throw new CollectorException(".rodata of the BPF object is " + (cfg == null ? "absent" : size.getValue()
          + " bytes") + ", expected struct config of " + CONFIG_BYTES + " bytes: jar and collector.h disagree");
    }
    cfg.setInt(0, o.selfTgid());
    cfg.setInt(4, o.wakeupBytes());
    cfg.setInt(8, o.argsMax());
    cfg.setInt(12, o.envMax());
    cfg.setInt(16, 1 | 2 | 4);
    cfg.setInt(20, o.snaplen());
    for (SyscallDef d : o.syscalls()) {
      cfg.write(24 + 8L * d.nr(), d.descriptor(), 0, 8);
    }
    int rc = lib.bpf_map__set_max_entries(map("events"), o.ringBytes());
    if (rc != 0) {
      throw new CollectorException("ring buffer size " + o.ringBytes() + " rejected (" + rc + "): it must be a "
          + "power of two multiple of the page size");
    }
  }

  private void load() {
    log.clear();
    int rc = lib.bpf_object__load(obj);
    if (rc != 0) {
      String text = log.text();
      String hint = -rc == 1 ? " Operation not permitted: the collector needs CAP_BPF and CAP_PERFMON (or root)." : "";
      throw new CollectorException("loading the BPF programs failed: " + strerror(rc) + "." + hint
          + (text.isEmpty() ? "" : "\nlibbpf/verifier log:\n" + tail(text, 6000)));
    }
    ringFd = lib.bpf_map__fd(map("events")); // map fds exist only once the object is loaded
    statsFd = lib.bpf_map__fd(map("stats_map"));
  }

  /** sys_exit continues in exit_strs / exit_addr / exit_data through the "stages" program array */
  private void linkStages() {
    int fd = lib.bpf_map__fd(map("stages"));
    String[] names = {"exit_strs", "exit_addr", "exit_data"};
    for (int i = 0; i < names.length; i++) {
      Memory key = new Memory(4);
      key.setInt(0, i);
      Memory val = new Memory(4);
      val.setInt(0, lib.bpf_program__fd(program(names[i])));
      if (lib.bpf_map_update_elem(fd, key, val, 0) != 0) {
        throw new CollectorException("cannot link BPF stage " + names[i] + " (errno " + Native.getLastError() + ")");
      }
    }
  }

  private void attachAll(ProbeOptions o) {
    Pointer enter = program("sys_enter");
    Pointer exit = program("sys_exit");
    for (SyscallDef d : o.syscalls()) {
      String name = d.name();
      if (!Files.isDirectory(o.tracefs().resolve("events/syscalls/sys_enter_" + name))) {
        unavailable.add(name); // e.g. init_module on kernels built without modules
        continue;
      }
      attach(enter, "syscalls", "sys_enter_" + name);
      attach(exit, "syscalls", "sys_exit_" + name);
    }
    attach(program("sched_exec"), "sched", "sched_process_exec");
    attach(program("sched_fork"), "sched", "sched_process_fork");
    attach(program("sched_exit"), "sched", "sched_process_exit");
  }

  private Pointer program(String name) {
    Pointer p = lib.bpf_object__find_program_by_name(obj, name);
    if (p == null) {
      throw new CollectorException("BPF object has no program '" + name + "'");
    }
    return p;
  }

  private void attach(Pointer prog, String category, String name) {
    log.clear();
    Pointer link = lib.bpf_program__attach_tracepoint(prog, category, name);
    if (link == null) {
      int errno = Native.getLastError();
      throw new CollectorException("attaching tracepoint " + category + "/" + name + " failed: "
          + strerror(-errno) + ". " + log.text());
    }
    links.add(link);
  }

  private String strerror(int err) {
    byte[] buf = new byte[256];
    lib.libbpf_strerror(err, buf, new NativeLong(buf.length));
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, StandardCharsets.UTF_8) + " (" + err + ")";
  }

  private static String tail(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - max);
  }

  /** syscalls requested but without a tracepoint on this kernel */
  public List<String> unavailable() {
    return List.copyOf(unavailable);
  }

  public int ringFd() {
    return ringFd;
  }

  public int ringBytes() {
    return ringBytes;
  }

  /** kernel counters summed over CPUs: seen, sent, dropped (ring full) */
  public long[] stats() {
    Memory key = new Memory(4);
    key.setInt(0, 0);
    Memory val = new Memory(24L * ncpu);
    long[] out = new long[3];
    if (lib.bpf_map_lookup_elem(statsFd, key, val) == 0) {
      for (int c = 0; c < ncpu; c++) {
        for (int i = 0; i < 3; i++) {
          out[i] += val.getLong(24L * c + 8L * i);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (Pointer l : links) {
      lib.bpf_link__destroy(l);
    }
    links.clear();
    lib.bpf_object__close(obj);
    objBytes.close();
  }

  /** collects libbpf's messages so errors can quote them */
  static final class LibbpfLog implements LibBpf.PrintFn {
    private static volatile LibbpfLog installed; // keeps the callback reachable for the JVM's lifetime
    private final ConcurrentLinkedDeque<String> lines = new ConcurrentLinkedDeque<>();

    static synchronized LibbpfLog install(LibBpf lib) {
      if (installed == null) {
        installed = new LibbpfLog();
      }
      lib.libbpf_set_print(installed);
      return installed;
    }

    @Override
    public int invoke(int level, String format, Pointer vaList) {
      if (level > 1 && !Boolean.getBoolean("eyrie.collector.libbpfDebug")) {
        return 0; // LIBBPF_DEBUG is very chatty; warnings and info are enough for error messages
      }
      byte[] buf = new byte[64 * 1024];
      int n = LibC.INSTANCE.vsnprintf(buf, new NativeLong(buf.length), format, vaList);
      String line = new String(buf, 0, Math.max(0, Math.min(n, buf.length - 1)), StandardCharsets.UTF_8);
      lines.add(line);
      while (lines.size() > 400) {
        lines.pollFirst();
      }
      return 0;
    }

    void clear() {
      lines.clear();
    }

    String text() {
      return String.join("", lines).trim();
    }
  }
}
