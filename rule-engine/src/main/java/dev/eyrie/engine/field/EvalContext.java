package dev.eyrie.engine.field;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import java.util.List;

/**
 * Per-thread scratch for evaluating one event: holds the event and lazily computed derived values (command
 * lines, fd path parts, parsed addresses) so that many rules reading the same derived field pay for it once.
 * Not thread-safe: one instance per thread, {@link #reset(Event)} before each event.
 */
public final class EvalContext {
  private static final byte[] NO_IP = new byte[0];

  private Event event;
  private String cmdline;
  private String args;
  private String pcmdline;
  private String fdDirectory;
  private boolean fdDirectoryDone;
  private String fdFilename;
  private boolean fdFilenameDone;
  private byte[] localIp;
  private byte[] remoteIp;
  private int openFlags = -1;
  // Per-event results of shared condition nodes (libsinsp's compare cache): a slot is valid when its stamp equals
  // the current epoch, so reset() invalidates everything by bumping the epoch.
  // slot value = epoch << 1 | result; valid when value >>> 1 == epoch
  private int epoch = 1;
  private int[] slots = new int[256];

  public EvalContext() {}

  public EvalContext(Event event) {
    reset(event);
  }

  public EvalContext reset(Event e) {
    event = e;
    cmdline = null;
    args = null;
    pcmdline = null;
    fdDirectory = null;
    fdDirectoryDone = false;
    fdFilename = null;
    fdFilenameDone = false;
    localIp = null;
    remoteIp = null;
    openFlags = -1;
    if (++epoch == 1 << 30) {
      java.util.Arrays.fill(slots, 0);
      epoch = 1;
    }
    return this;
  }

  /** Cached result of a shared condition node for this event: 0 = not yet computed, 1 = false, 2 = true. */
  public int cached(int slot) {
    int[] a = slots;
    if (slot < a.length) {
      int v = a[slot];
      if (v >>> 1 == epoch) {
        return 1 + (v & 1);
      }
    }
    return 0;
  }

  public boolean remember(int slot, boolean value) {
    if (slot >= slots.length) {
      slots = java.util.Arrays.copyOf(slots, Math.max(slot + 1, slots.length * 2));
    }
    slots[slot] = epoch << 1 | (value ? 1 : 0);
    return value;
  }

  /** Open flags of this event, computed once (see OpenFlags). */
  int openFlags(java.util.function.ToIntFunction<EvalContext> f) {
    int v = openFlags;
    if (v < 0) {
      v = f.applyAsInt(this);
      openFlags = v;
    }
    return v;
  }

  public Event event() {
    return event;
  }

  /** proc.cmdline: comm followed by each argument, space separated (libsinsp populate_cmdline). */
  public String cmdline() {
    String s = cmdline;
    if (s == null) {
      s = joinCmdline(event.getProc().getName(), event.getProc().getArgs());
      cmdline = s;
    }
    return s;
  }

  /** proc.args: the arguments joined with single spaces. */
  public String args() {
    String s = args;
    if (s == null) {
      s = String.join(" ", event.getProc().getArgs());
      args = s;
    }
    return s;
  }

  /** proc.pcmdline, null when the parent is unknown. */
  public String pcmdline() {
    String s = pcmdline;
    if (s == null) {
      Ancestor p = ancestor(1);
      if (p == null) {
        return null;
      }
      s = joinCmdline(p.getName(), p.getArgs());
      pcmdline = s;
    }
    return s;
  }

  public static String joinCmdline(String name, List<String> argv) {
    if (argv.isEmpty()) {
      return name;
    }
    int len = name.length();
    for (int i = 0; i < argv.size(); i++) {
      len += 1 + argv.get(i).length();
    }
    StringBuilder sb = new StringBuilder(len).append(name);
    for (int i = 0; i < argv.size(); i++) {
      sb.append(' ').append(argv.get(i));
    }
    return sb.toString();
  }

  /** Ancestor by Falco's index: 1 = parent, 2 = grandparent; null when not known. */
  public Ancestor ancestor(int n) {
    List<Ancestor> a = event.getAncestors();
    return n >= 1 && n <= a.size() ? a.get(n - 1) : null;
  }

  /** The event's argument with this name, null if the event has none. */
  public Arg arg(String name) {
    List<Arg> list = event.getArgs();
    for (int i = 0, n = list.size(); i < n; i++) {
      Arg a = list.get(i);
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  public String argValue(String name) {
    Arg a = arg(name);
    return a == null ? null : a.getValue();
  }

  public FileDescriptor fd() {
    return event.getFd();
  }

  private static boolean isFileLike(FileDescriptor fd) {
    String t = fd.getType();
    return "file".equals(t) || "directory".equals(t);
  }

  /** fd.directory per libsinsp: the directory of a file path, the path itself for directories. */
  public String fdDirectory() {
    if (!fdDirectoryDone) {
      fdDirectoryDone = true;
      FileDescriptor fd = event.getFd();
      if (fd != null && isFileLike(fd)) {
        String name = fd.getName();
        if ("file".equals(fd.getType())) {
          int pos = name.lastIndexOf('/');
          if (pos > 0) {
            if (pos < name.length() - 1) {
              name = name.substring(0, pos);
            }
          } else {
            name = "/";
          }
        }
        fdDirectory = name;
      }
    }
    return fdDirectory;
  }

  /**
   * fd.filename per libsinsp: the last path component of a file (not a directory). Always a suffix of fd.name or
   * "/" — {@code compile.PathIndex} relies on that to look it up only for paths ending with a wanted name.
   */
  public String fdFilename() {
    if (!fdFilenameDone) {
      fdFilenameDone = true;
      FileDescriptor fd = event.getFd();
      if (fd != null && "file".equals(fd.getType())) {
        String name = fd.getName();
        int pos = name.lastIndexOf('/');
        if (pos >= 0) {
          fdFilename = pos < name.length() - 1 ? name.substring(pos + 1) : name;
        } else {
          fdFilename = "/";
        }
      }
    }
    return fdFilename;
  }

  /** True for fds of type ipv4/ipv6 (connected or server sockets). */
  public boolean ipSocket() {
    FileDescriptor fd = event.getFd();
    if (fd == null) {
      return false;
    }
    String t = fd.getType();
    return "ipv4".equals(t) || "ipv6".equals(t);
  }

  public byte[] localIp() {
    byte[] ip = localIp;
    if (ip == null) {
      FileDescriptor fd = event.getFd();
      ip = fd == null || !ipSocket() ? null : IpAddrs.parse(fd.getLocalIp());
      localIp = ip == null ? NO_IP : ip;
    }
    return ip == NO_IP ? null : ip;
  }

  public byte[] remoteIp() {
    byte[] ip = remoteIp;
    if (ip == null) {
      FileDescriptor fd = event.getFd();
      ip = fd == null || !ipSocket() ? null : IpAddrs.parse(fd.getRemoteIp());
      remoteIp = ip == null ? NO_IP : ip;
    }
    return ip == NO_IP ? null : ip;
  }

  /** Server endpoint address: the local end for accepted/listening sockets, the remote end otherwise. */
  public byte[] serverIp() {
    FileDescriptor fd = event.getFd();
    if (fd == null) {
      return null;
    }
    return fd.getIsServer() ? localIp() : remoteIp();
  }

  public byte[] clientIp() {
    FileDescriptor fd = event.getFd();
    if (fd == null) {
      return null;
    }
    return fd.getIsServer() ? remoteIp() : localIp();
  }

  /** Server port, -1 when unknown. */
  public int serverPort() {
    FileDescriptor fd = event.getFd();
    if (fd == null || !ipSocket()) {
      return -1;
    }
    Integer p = fd.getIsServer() ? fd.getLocalPort() : fd.getRemotePort();
    return p == null ? -1 : p;
  }

  public int clientPort() {
    FileDescriptor fd = event.getFd();
    if (fd == null || !ipSocket()) {
      return -1;
    }
    Integer p = fd.getIsServer() ? fd.getRemotePort() : fd.getLocalPort();
    return p == null ? -1 : p;
  }
}
