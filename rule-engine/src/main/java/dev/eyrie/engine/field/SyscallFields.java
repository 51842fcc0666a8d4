package dev.eyrie.engine.field;

import static dev.eyrie.engine.field.LongAccessor.ABSENT;

import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.compile.Glob;
import dev.eyrie.engine.field.FieldDef.ArgKind;
import dev.eyrie.engine.field.MultiAccessor.Mode;
import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Mount;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The syscall source's fields mapped onto {@link Event}. Names, types and argument rules follow libsinsp's
 * filtercheck tables and the container plugin; each extractor documents where Eyrie derives a value Falco keeps
 * in its state tables. Fields Falco has but the event record cannot back (e.g. proc.exe_ino.ctime) are
 * registered so that rules using them compile, and always extract as missing (printed {@code <NA>}).
 */
final class SyscallFields {
  private final Map<String, FieldDef> m = new java.util.LinkedHashMap<>();

  private SyscallFields() {}

  static FieldRegistry build() {
    SyscallFields f = new SyscallFields();
    f.event();
    f.process();
    f.thread();
    f.user();
    f.fd();
    f.container();
    f.k8s();
    return new FieldRegistry(f.m);
  }

  // ---------------------------------------------------------------- definition helpers

  private void def(String name, FieldType type, ArgKind arg, boolean dotted, boolean filterOnly, boolean rhs,
      boolean tr, FieldDef.Resolver r) {
    if (m.put(name, new FieldDef(name, type, arg, dotted, filterOnly, rhs, tr, r)) != null) {
      throw new IllegalStateException("duplicate field " + name);
    }
  }

  private void str(String name, StrAccessor.Fn fn) {
    def(name, FieldType.STRING, ArgKind.NONE, false, false, true, true, (a, d) -> new StrAccessor(d, fn));
  }

  private void num(String name, FieldType type, LongAccessor.Fn fn) {
    def(name, type, ArgKind.NONE, false, false, true, true, (a, d) -> new LongAccessor(d, type, fn));
  }

  private void bool(String name, LongAccessor.Fn fn) {
    num(name, FieldType.BOOL, fn);
  }

  private void ip(String name, FieldType type, IpAccessor.Fn fn) {
    boolean net = type == FieldType.IPNET;
    def(name, type, ArgKind.NONE, false, net, !net, !net, (a, d) -> new IpAccessor(d, type, fn));
  }

  /** A field Eyrie's event record cannot back: compiles, never extracts. */
  private void na(String name, FieldType type) {
    na(name, type, ArgKind.NONE, false);
  }

  private void na(String name, FieldType type, ArgKind arg, boolean dotted) {
    def(name, type, arg, dotted, false, true, true, (a, d) -> absent(d, type));
  }

  private static Accessor absent(String d, FieldType type) {
    return switch (type) {
      case STRING -> new StrAccessor(d, c -> null);
      case IPADDR, IPNET -> new IpAccessor(d, type, c -> null);
      case BYTEBUF -> new BytesAccessor(d, c -> null);
      default -> new LongAccessor(d, type, c -> ABSENT);
    };
  }

  private static long b(boolean v) {
    return v ? 1 : 0;
  }

  private static long orAbsent(Long v) {
    return v == null ? ABSENT : v;
  }

  private static long orAbsent(Integer v) {
    return v == null ? ABSENT : v;
  }

  private static int index(String field, String arg) throws CompileException {
    try {
      return Integer.parseInt(arg.trim());
    } catch (NumberFormatException e) {
      throw new CompileException("filter syntax error: " + field + "[" + arg + "]: the argument must be a "
          + "number", -1);
    }
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- evt.*

  private void event() {
    num("evt.num", FieldType.UINT64, c -> c.event().getSeq());
    str("evt.time", c -> Times.time(c.event().getTs(), true));
    str("evt.time.s", c -> Times.time(c.event().getTs(), false));
    str("evt.time.iso8601", c -> Times.iso8601(c.event().getTs()));
    str("evt.datetime", c -> Times.datetime(c.event().getTs(), true));
    str("evt.datetime.s", c -> Times.datetime(c.event().getTs(), false));
    num("evt.rawtime", FieldType.ABSTIME, c -> c.event().getTs());
    num("evt.rawtime.s", FieldType.ABSTIME, c -> c.event().getTs() / 1_000_000_000L);
    num("evt.rawtime.ns", FieldType.ABSTIME, c -> c.event().getTs() % 1_000_000_000L);
    str("evt.hostname", c -> c.event().getHost().getHostname());
    // Eyrie: host identity for sequence keys (issue E). host.ip is multi-valued: a check holds when it holds for
    // one of the host's addresses, and a sequence key fans out to each address.
    str("host.id", c -> c.event().getHost().getId());
    str("host.name", c -> c.event().getHost().getHostname());
    def("host.ip", FieldType.IPADDR, ArgKind.NONE, false, false, false, false, (a, d) -> MultiAccessor.ips(d,
        FieldType.IPADDR, Mode.ANY, c -> c.event().getHost().getIps().size(),
        (c, i) -> hostIp(c.event().getHost().getIps().get(i))));
    str("evt.type", c -> c.event().getType());
    str("syscall.type", c -> c.event().getType());
    // Eyrie's events are exit events only (Falco's model without enter events): evt.dir is always '<'.
    str("evt.dir", c -> "<");
    str("evt.category", SyscallFields::category);
    num("evt.cpu", FieldType.INT64, c -> c.event().getCpu());
    str("evt.args", SyscallFields::argsText);
    str("evt.info", SyscallFields::argsText);
    str("evt.source", c -> "syscall");
    bool("evt.is_async", c -> 0);
    num("evt.count", FieldType.UINT64, c -> 1);
    def("evt.type.is", FieldType.UINT64, ArgKind.REQUIRED, true, false, true, true,
        (a, d) -> new LongAccessor(d, FieldType.UINT64, c -> b(a.equals(c.event().getType()))));
    def("evt.arg", FieldType.STRING, ArgKind.REQUIRED, true, false, true, true, (a, d) -> {
      if (digits(a)) {
        int n = Integer.parseInt(a);
        return new StrAccessor(d, c -> {
          List<Arg> args = c.event().getArgs();
          return n < args.size() ? args.get(n).getValue() : null;
        });
      }
      return new StrAccessor(d, c -> c.argValue(a));
    });
    def("evt.rawarg", FieldType.INT64, ArgKind.REQUIRED, true, false, false, false,
        (a, d) -> new LongAccessor(d, FieldType.INT64, c -> rawArg(c.arg(a))));
    def("evt.buffer", FieldType.BYTEBUF, ArgKind.NONE, false, false, true, true,
        (a, d) -> new BytesAccessor(d, SyscallFields::buffer));
    num("evt.buflen", FieldType.UINT64, c -> {
      ByteBuffer bb = c.event().getBuffer();
      return bb == null ? ABSENT : bb.remaining();
    });
    str("evt.res", c -> Errno.resultText(c.event().getRes()));
    num("evt.rawres", FieldType.INT64, c -> c.event().getRes());
    bool("evt.failed", c -> b(c.event().getRes() < 0));
    num("evt.count.error", FieldType.UINT64, c -> b(c.event().getRes() < 0));
    bool("evt.is_open_read", c -> openFlag(c, OpenFlags.RDONLY));
    bool("evt.is_open_write", c -> openFlag(c, OpenFlags.WRONLY));
    bool("evt.is_open_create", OpenFlags::isOpenCreate);
    bool("evt.is_open_exec", OpenFlags::isOpenExec);
    bool("evt.is_io", c -> b(rawCat(c).startsWith("io_read") || rawCat(c).startsWith("io_write")));
    bool("evt.is_io_read", c -> b(rawCat(c).equals("io_read")));
    bool("evt.is_io_write", c -> b(rawCat(c).equals("io_write")));
    str("evt.io_dir", c -> rawCat(c).equals("io_write") ? "write" : rawCat(c).equals("io_read") ? "read" : null);
    bool("evt.is_wait", c -> b(rawCat(c).equals("wait")));
    bool("evt.is_syslog", c -> 0);
    na("evt.latency", FieldType.RELTIME);
    na("evt.latency.s", FieldType.RELTIME);
    na("evt.latency.ns", FieldType.RELTIME);
    na("evt.latency.human", FieldType.STRING);
    na("evt.wait_latency", FieldType.RELTIME);
    na("evt.deltatime", FieldType.RELTIME);
    na("evt.deltatime.s", FieldType.RELTIME);
    na("evt.deltatime.ns", FieldType.RELTIME);
    na("evt.reltime", FieldType.RELTIME);
    na("evt.around", FieldType.UINT64, ArgKind.REQUIRED, false);
    na("evt.abspath", FieldType.STRING, ArgKind.REQUIRED, true);
    na("evt.plugininfo", FieldType.STRING);
    na("evt.pluginname", FieldType.STRING);
    na("evt.asynctype", FieldType.STRING);
  }

  private static String rawCat(EvalContext c) {
    return EventTypeTable.rawCategory(c.event().getType());
  }

  /** evt.category: libs reports I/O events by the kind of fd they touch. */
  private static String category(EvalContext c) {
    String raw = rawCat(c);
    if (!raw.startsWith("io_")) {
      return raw.equals("ipc") ? "IPC" : raw;
    }
    FileDescriptor fd = c.fd();
    if (fd == null) {
      return "unknown";
    }
    return switch (fd.getType()) {
      case "file", "directory" -> "file";
      case "ipv4", "ipv6" -> "net";
      case "unix", "pipe" -> "IPC";
      default -> "other";
    };
  }

  private static String argsText(EvalContext c) {
    List<Arg> args = c.event().getArgs();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(args.get(i).getName()).append('=').append(args.get(i).getValue());
    }
    return sb.toString();
  }

  private static long rawArg(Arg a) {
    if (a == null) {
      return ABSENT;
    }
    if (a.getRaw() != null) {
      return a.getRaw();
    }
    try {
      return Long.parseLong(a.getValue().trim());
    } catch (NumberFormatException e) {
      return ABSENT;
    }
  }

  private static byte[] buffer(EvalContext c) {
    ByteBuffer bb = c.event().getBuffer();
    if (bb == null) {
      return null;
    }
    byte[] out = new byte[bb.remaining()];
    bb.duplicate().get(out);
    return out;
  }

  private static long openFlag(EvalContext c, int bit) {
    if (!OpenFlags.isOpen(c.event().getType())) {
      return 0;
    }
    return b((OpenFlags.flags(c) & bit) != 0);
  }

  // ---------------------------------------------------------------- proc.*

  private interface AncestorStr {
    String get(Ancestor a);
  }

  /** proc.aname-style field: [0] self, [N] N-th ancestor, no argument = any ancestor (not self). */
  private void ancestorStr(String name, StrAccessor.Fn self, AncestorStr anc) {
    def(name, FieldType.STRING, ArgKind.OPTIONAL, false, false, false, false, (a, d) -> {
      if (a == null) {
        return MultiAccessor.strings(d, Mode.ANY, c -> c.event().getAncestors().size(),
            (c, i) -> anc.get(c.event().getAncestors().get(i)));
      }
      int n = index(name, a);
      if (n == 0) {
        return new StrAccessor(d, self);
      }
      return new StrAccessor(d, c -> {
        Ancestor x = c.ancestor(n);
        return x == null ? null : anc.get(x);
      });
    });
  }

  private void process() {
    Mode any = Mode.ANY;
    str("proc.name", c -> c.event().getProc().getName());
    str("proc.exe", c -> c.event().getProc().getExe());
    str("proc.exepath", c -> c.event().getProc().getExepath());
    str("proc.cmdline", EvalContext::cmdline);
    str("proc.exeline", c -> c.event().getProc().getExe() + " " + c.args());
    def("proc.args", FieldType.STRING, ArgKind.OPTIONAL, false, false, true, true, (a, d) -> {
      if (a == null) {
        return new StrAccessor(d, EvalContext::args);
      }
      int n = index("proc.args", a);
      return new StrAccessor(d, c -> {
        List<String> argv = c.event().getProc().getArgs();
        return n >= 0 && n < argv.size() ? argv.get(n) : "";
      });
    });
    num("proc.cmdnargs", FieldType.UINT64, c -> c.event().getProc().getArgs().size());
    num("proc.cmdlenargs", FieldType.UINT64, c -> {
      long n = 0;
      for (String s : c.event().getProc().getArgs()) {
        n += s.length();
      }
      return n;
    });
    def("proc.env", FieldType.STRING, ArgKind.OPTIONAL, false, false, true, true, (a, d) -> {
      if (a == null || digits(a)) {
        return new StrAccessor(d, c -> {
          List<String> env = c.event().getProc().getEnv();
          return env == null ? null : String.join(" ", env);
        });
      }
      String prefix = a + "=";
      return new StrAccessor(d, c -> {
        List<String> env = c.event().getProc().getEnv();
        if (env == null) {
          return null;
        }
        for (String e : env) {
          if (e.startsWith(prefix)) {
            return e.substring(prefix.length());
          }
        }
        return "";
      });
    });
    na("proc.aenv", FieldType.STRING, ArgKind.OPTIONAL, false);
    str("proc.cwd", c -> c.event().getProc().getCwd());
    num("proc.tty", FieldType.UINT64, c -> c.event().getProc().getTty());
    num("proc.pid", FieldType.INT64, c -> c.event().getProc().getPid());
    num("proc.ppid", FieldType.INT64, c -> c.event().getProc().getPpid());
    num("proc.vpid", FieldType.INT64, c -> c.event().getProc().getVpid());
    num("proc.sid", FieldType.INT64, c -> c.event().getProc().getSid());
    num("proc.vpgid", FieldType.INT64, c -> c.event().getProc().getVpgid());
    na("proc.pvpid", FieldType.INT64);
    na("proc.pgid", FieldType.INT64);
    na("proc.loginshellid", FieldType.INT64);
    str("proc.sname", c -> byPid(c, c.event().getProc().getSid(), false));
    na("proc.sid.exe", FieldType.STRING);
    na("proc.sid.exepath", FieldType.STRING);
    str("proc.vpgid.name", c -> vpgidLeader(c, 0));
    str("proc.vpgid.exe", c -> vpgidLeader(c, 1));
    str("proc.vpgid.exepath", c -> vpgidLeader(c, 2));
    na("proc.pgid.name", FieldType.STRING);
    na("proc.pgid.exe", FieldType.STRING);
    na("proc.pgid.exepath", FieldType.STRING);
    bool("proc.is_sid_leader", c -> b(c.event().getProc().getSid() == c.event().getProc().getPid()));
    bool("proc.is_vpgid_leader", c -> b(c.event().getProc().getVpgid() == c.event().getProc().getVpid()));
    na("proc.is_pgid_leader", FieldType.BOOL);
    num("proc.duration", FieldType.RELTIME, c -> {
      long start = c.event().getProc().getStartTs();
      return start <= 0 ? ABSENT : c.event().getTs() - start;
    });
    num("proc.pid.ts", FieldType.RELTIME, c -> {
      long start = c.event().getProc().getStartTs();
      return start <= 0 ? ABSENT : start;
    });
    na("proc.ppid.duration", FieldType.RELTIME);
    na("proc.ppid.ts", FieldType.RELTIME);
    bool("proc.is_exe_writable", c -> b(c.event().getProc().getIsExeWritable()));
    bool("proc.is_exe_upper_layer", c -> b(c.event().getProc().getIsExeUpperLayer()));
    na("proc.is_exe_lower_layer", FieldType.BOOL);
    bool("proc.is_exe_from_memfd", c -> b(c.event().getProc().getIsExeFromMemfd()));
    num("proc.exe_ino", FieldType.INT64, c -> orAbsent(c.event().getProc().getExeIno()));
    na("proc.exe_ino.ctime", FieldType.ABSTIME);
    na("proc.exe_ino.mtime", FieldType.ABSTIME);
    na("proc.exe_ino.ctime_duration_proc_start", FieldType.RELTIME);
    na("proc.exe_ino.ctime_duration_pidns_start", FieldType.RELTIME);
    na("proc.pidns_init_start_ts", FieldType.ABSTIME);
    na("proc.nthreads", FieldType.UINT64);
    na("proc.nchilds", FieldType.UINT64);
    na("proc.fdopencount", FieldType.UINT64);
    na("proc.is_container_healthcheck", FieldType.BOOL);
    na("proc.is_container_liveness_probe", FieldType.BOOL);
    na("proc.is_container_readiness_probe", FieldType.BOOL);

    str("proc.pname", c -> {
      Ancestor p = c.ancestor(1);
      return p == null ? null : p.getName();
    });
    str("proc.pexe", c -> {
      Ancestor p = c.ancestor(1);
      return p == null ? null : p.getExe();
    });
    str("proc.pexepath", c -> {
      Ancestor p = c.ancestor(1);
      return p == null ? null : p.getExepath();
    });
    str("proc.pcmdline", EvalContext::pcmdline);
    ancestorStr("proc.aname", c -> c.event().getProc().getName(), Ancestor::getName);
    ancestorStr("proc.aexe", c -> c.event().getProc().getExe(), Ancestor::getExe);
    ancestorStr("proc.aexepath", c -> c.event().getProc().getExepath(), Ancestor::getExepath);
    ancestorStr("proc.acmdline", EvalContext::cmdline,
        x -> EvalContext.joinCmdline(x.getName(), x.getArgs()));
    def("proc.aargs", FieldType.STRING, ArgKind.OPTIONAL, false, false, true, true, (a, d) -> {
      if (a == null) {
        return new StrAccessor(d, c -> {
          StringBuilder sb = new StringBuilder();
          for (Ancestor x : c.event().getAncestors()) {
            if (sb.length() > 0) {
              sb.append(' ');
            }
            sb.append(String.join(" ", x.getArgs()));
          }
          return sb.length() == 0 ? null : sb.toString();
        });
      }
      int n = index("proc.aargs", a);
      return new StrAccessor(d, c -> {
        if (n == 0) {
          return c.args();
        }
        Ancestor x = c.ancestor(n);
        return x == null ? null : String.join(" ", x.getArgs());
      });
    });
    def("proc.apid", FieldType.INT64, ArgKind.OPTIONAL, false, false, false, false, (a, d) -> {
      if (a == null) {
        return MultiAccessor.longs(d, FieldType.INT64, any, c -> c.event().getAncestors().size(),
            (c, i) -> c.event().getAncestors().get(i).getPid());
      }
      int n = index("proc.apid", a);
      return new LongAccessor(d, FieldType.INT64, c -> {
        if (n == 0) {
          return c.event().getProc().getPid();
        }
        Ancestor x = c.ancestor(n);
        return x == null ? ABSENT : x.getPid();
      });
    });
  }

  /** Name of the process with this pid among self and ancestors; null if not in the recorded lineage. */
  private static String byPid(EvalContext c, long pid, boolean unused) {
    if (c.event().getProc().getPid() == pid) {
      return c.event().getProc().getName();
    }
    for (Ancestor a : c.event().getAncestors()) {
      if (a.getPid() == pid) {
        return a.getName();
      }
    }
    return null;
  }

  /** The process group leader is known only when it is the process itself (vpgid == vpid). */
  private static String vpgidLeader(EvalContext c, int what) {
    var p = c.event().getProc();
    if (p.getVpgid() != p.getVpid()) {
      return null;
    }
    return what == 0 ? p.getName() : what == 1 ? p.getExe() : p.getExepath();
  }

  // ---------------------------------------------------------------- thread.*, user.*, group.*

  private void thread() {
    num("thread.tid", FieldType.INT64, c -> c.event().getProc().getTid());
    num("thread.vtid", FieldType.INT64, c -> c.event().getProc().getVtid());
    bool("thread.ismain", c -> b(c.event().getProc().getTid() == c.event().getProc().getPid()));
    str("thread.cap_effective", c -> Capabilities.text(c.event().getProc().getCapEffective()));
    str("thread.cap_permitted", c -> Capabilities.text(c.event().getProc().getCapPermitted()));
    str("thread.cap_inheritable", c -> Capabilities.text(c.event().getProc().getCapInheritable()));
    na("thread.cgroups", FieldType.STRING);
    na("thread.cgroup", FieldType.STRING, ArgKind.REQUIRED, true);
    na("thread.exectime", FieldType.RELTIME);
    na("thread.totexectime", FieldType.RELTIME);
    na("thread.vmsize", FieldType.UINT64);
    na("thread.vmrss", FieldType.UINT64);
  }

  private void user() {
    num("user.uid", FieldType.UINT64, c -> c.event().getUser().getUid());
    str("user.name", c -> c.event().getUser().getName());
    str("user.homedir", c -> c.event().getUser().getHomedir());
    str("user.shell", c -> c.event().getUser().getShell());
    num("user.loginuid", FieldType.INT64, c -> c.event().getUser().getLoginuid());
    str("user.loginname", c -> c.event().getUser().getLoginname());
    num("group.gid", FieldType.UINT64, c -> c.event().getUser().getGid());
    str("group.name", c -> c.event().getUser().getGroup());
  }

  // ---------------------------------------------------------------- fd.*

  private static String fdStr(EvalContext c, java.util.function.Function<FileDescriptor, String> f) {
    FileDescriptor fd = c.fd();
    return fd == null ? null : f.apply(fd);
  }

  private void fd() {
    num("fd.num", FieldType.INT64, c -> c.fd() == null ? ABSENT : c.fd().getNum());
    str("fd.type", c -> fdStr(c, FileDescriptor::getType));
    str("fd.typechar", c -> fdStr(c, fd -> typechar(fd.getType())));
    str("fd.name", c -> fdStr(c, FileDescriptor::getName));
    str("fd.nameraw", c -> fdStr(c, FileDescriptor::getNameraw));
    str("fd.directory", EvalContext::fdDirectory);
    str("fd.filename", EvalContext::fdFilename);
    str("fd.containername", c -> fdStr(c, fd -> c.event().getContainer().getId() + ":" + fd.getName()));
    str("fd.containerdirectory", c -> {
      String dir = c.fdDirectory();
      return dir == null ? null : c.event().getContainer().getId() + ":" + dir;
    });
    str("fd.uid", c -> fdStr(c, fd -> fd.getNum() + "" + c.event().getProc().getTid()));
    ip("fd.cip", FieldType.IPADDR, EvalContext::clientIp);
    ip("fd.sip", FieldType.IPADDR, EvalContext::serverIp);
    ip("fd.lip", FieldType.IPADDR, EvalContext::localIp);
    ip("fd.rip", FieldType.IPADDR, EvalContext::remoteIp);
    ip("fd.cnet", FieldType.IPNET, EvalContext::clientIp);
    ip("fd.snet", FieldType.IPNET, EvalContext::serverIp);
    ip("fd.lnet", FieldType.IPNET, EvalContext::localIp);
    ip("fd.rnet", FieldType.IPNET, EvalContext::remoteIp);
    either("fd.ip", FieldType.IPADDR);
    either("fd.net", FieldType.IPNET);
    num("fd.cport", FieldType.PORT, c -> port(c.clientPort()));
    num("fd.sport", FieldType.PORT, c -> port(c.serverPort()));
    num("fd.lport", FieldType.PORT, c -> c.ipSocket() ? orAbsent(c.fd().getLocalPort()) : ABSENT);
    num("fd.rport", FieldType.PORT, c -> c.ipSocket() ? orAbsent(c.fd().getRemotePort()) : ABSENT);
    def("fd.port", FieldType.PORT, ArgKind.NONE, false, true, false, false,
        (a, d) -> MultiAccessor.longs(d, FieldType.PORT, Mode.EITHER, SyscallFields::portCount,
            (c, i) -> i == 0 && c.clientPort() >= 0 ? c.clientPort() : c.serverPort()));
    na("fd.proto", FieldType.PORT);
    na("fd.cproto", FieldType.STRING);
    na("fd.sproto", FieldType.STRING);
    na("fd.lproto", FieldType.STRING);
    na("fd.rproto", FieldType.STRING);
    str("fd.l4proto", c -> fdStr(c, FileDescriptor::getL4proto));
    str("fd.sockfamily", c -> fdStr(c, FileDescriptor::getSockfamily));
    bool("fd.is_server", c -> c.fd() == null ? ABSENT : b(c.fd().getIsServer()));
    bool("fd.connected", c -> c.fd() == null ? ABSENT : b(c.fd().getConnected()));
    bool("fd.name_changed", c -> c.fd() == null ? ABSENT : b(c.fd().getNameChanged()));
    str("fd.cip.name", c -> fdStr(c, FileDescriptor::getClientIpName));
    str("fd.sip.name", c -> fdStr(c, FileDescriptor::getServerIpName));
    str("fd.lip.name", c -> fdStr(c, fd -> fd.getIsServer() ? fd.getServerIpName() : fd.getClientIpName()));
    str("fd.rip.name", c -> fdStr(c, fd -> fd.getIsServer() ? fd.getClientIpName() : fd.getServerIpName()));
    num("fd.dev", FieldType.INT64, c -> c.fd() == null ? ABSENT : orAbsent(c.fd().getDev()));
    num("fd.dev.major", FieldType.INT64, c -> {
      long dev = c.fd() == null ? ABSENT : orAbsent(c.fd().getDev());
      return dev == ABSENT ? ABSENT : (dev & 0xfff00) >>> 8;
    });
    num("fd.dev.minor", FieldType.INT64, c -> {
      long dev = c.fd() == null ? ABSENT : orAbsent(c.fd().getDev());
      return dev == ABSENT ? ABSENT : (dev & 0xff) | ((dev >>> 12) & 0xfff00);
    });
    num("fd.ino", FieldType.INT64, c -> c.fd() == null ? ABSENT : orAbsent(c.fd().getIno()));
    na("fd.types", FieldType.STRING, ArgKind.OPTIONAL, false);
    na("fd.is_upper_layer", FieldType.BOOL);
    na("fd.is_lower_layer", FieldType.BOOL);
  }

  private static long port(int p) {
    return p < 0 ? ABSENT : p;
  }

  private static int portCount(EvalContext c) {
    if (!c.ipSocket()) {
      return -1;
    }
    return (c.clientPort() >= 0 ? 1 : 0) + (c.serverPort() >= 0 ? 1 : 0);
  }

  /** fd.ip / fd.net: client and server address of an IP socket. */
  private void either(String name, FieldType type) {
    def(name, type, ArgKind.NONE, false, true, false, false, (a, d) -> MultiAccessor.ips(d, type, Mode.EITHER,
        c -> c.ipSocket() ? (c.clientIp() != null ? 1 : 0) + (c.serverIp() != null ? 1 : 0) : -1,
        (c, i) -> i == 0 && c.clientIp() != null ? c.clientIp() : c.serverIp()));
  }

  private static final byte[] UNSPECIFIED_V4 = new byte[4];

  /** A host address; an unparsable entry reads as 0.0.0.0 rather than failing the event. */
  private static byte[] hostIp(String text) {
    byte[] ip = IpAddrs.parse(text);
    return ip != null ? ip : UNSPECIFIED_V4;
  }

  static String typechar(String type) {
    return switch (type) {
      case "file" -> "f";
      case "directory" -> "d";
      case "ipv4" -> "4";
      case "ipv6" -> "6";
      case "unix", "userfaultfd" -> "u";
      case "pipe" -> "p";
      case "event" -> "e";
      case "signalfd" -> "s";
      case "eventpoll" -> "l";
      case "inotify" -> "i";
      case "timerfd" -> "t";
      case "netlink" -> "n";
      case "bpf" -> "b";
      case "io_uring" -> "r";
      case "memfd" -> "m";
      case "pidfd" -> "P";
      default -> "o";
    };
  }

  // ---------------------------------------------------------------- container.* (container plugin)

  /** The container plugin knows nothing but the id for host processes. */
  private static Container info(EvalContext c) {
    Container k = c.event().getContainer();
    return "host".equals(k.getId()) ? null : k;
  }

  private void cstr(String name, java.util.function.Function<Container, String> f) {
    str(name, c -> {
      Container k = info(c);
      return k == null ? null : f.apply(k);
    });
  }

  private interface MountPart {
    String get(Mount m);
  }

  private void mountField(String name, boolean bySource, MountPart part) {
    def(name, FieldType.STRING, ArgKind.REQUIRED, false, false, true, true, (a, d) -> {
      boolean byIndex = digits(a);
      int idx = byIndex ? Integer.parseInt(a) : -1;
      Glob pattern = byIndex ? null : Glob.compile(a, false);
      return new StrAccessor(d, c -> {
        Container k = info(c);
        if (k == null) {
          return null;
        }
        List<Mount> mounts = k.getMounts();
        if (byIndex) {
          return idx < mounts.size() ? part.get(mounts.get(idx)) : null;
        }
        for (Mount mt : mounts) {
          if (pattern.matches(bySource ? mt.getSource() : mt.getDest())) {
            return part.get(mt);
          }
        }
        return null;
      });
    });
  }

  private static String mountText(Mount m) {
    return m.getSource() + ":" + m.getDest() + ":" + m.getMode() + ":" + m.getRdwr() + ":" + m.getPropagation();
  }

  private void container() {
    str("container.id", c -> c.event().getContainer().getId());
    cstr("container.full_id", Container::getFullId);
    cstr("container.name", Container::getName);
    cstr("container.image", Container::getImage);
    cstr("container.image.repository", Container::getImageRepository);
    cstr("container.image.tag", Container::getImageTag);
    cstr("container.image.digest", Container::getImageDigest);
    cstr("container.type", Container::getRuntime);
    bool("container.privileged", c -> {
      Container k = info(c);
      return k == null || k.getPrivileged() == null ? ABSENT : b(k.getPrivileged());
    });
    cstr("container.mounts", k -> {
      StringBuilder sb = new StringBuilder();
      for (Mount mt : k.getMounts()) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(mountText(mt));
      }
      return sb.toString();
    });
    mountField("container.mount", true, SyscallFields::mountText);
    mountField("container.mount.source", false, Mount::getSource);
    mountField("container.mount.dest", true, Mount::getDest);
    mountField("container.mount.mode", true, Mount::getMode);
    mountField("container.mount.rdwr", true, mt -> mt.getRdwr() ? "true" : "false");
    mountField("container.mount.propagation", true, Mount::getPropagation);
    na("container.image.id", FieldType.STRING);
    na("container.healthcheck", FieldType.STRING);
    na("container.liveness_probe", FieldType.STRING);
    na("container.readiness_probe", FieldType.STRING);
    na("container.start_ts", FieldType.ABSTIME);
    na("container.duration", FieldType.RELTIME);
    na("container.ip", FieldType.STRING);
    na("container.cni.json", FieldType.STRING);
    na("container.host_pid", FieldType.BOOL);
    na("container.host_network", FieldType.BOOL);
    na("container.host_ipc", FieldType.BOOL);
    na("container.label", FieldType.STRING, ArgKind.REQUIRED, true);
    na("container.labels", FieldType.STRING);
  }

  // ---------------------------------------------------------------- k8s.*

  private void kstr(String name, java.util.function.Function<Kubernetes, String> f) {
    str(name, c -> {
      Kubernetes k = c.event().getK8s();
      return k == null || info(c) == null ? null : f.apply(k);
    });
  }

  private void k8s() {
    kstr("k8s.ns.name", Kubernetes::getNsName);
    kstr("k8s.pod.name", Kubernetes::getPodName);
    kstr("k8s.pod.uid", Kubernetes::getPodUid);
    kstr("k8s.pod.id", Kubernetes::getPodUid);
    def("k8s.pod.label", FieldType.STRING, ArgKind.REQUIRED, true, false, true, true,
        (a, d) -> new StrAccessor(d, c -> {
          Kubernetes k = c.event().getK8s();
          return k == null || info(c) == null ? null : k.getPodLabels().get(a);
        }));
    kstr("k8s.pod.labels", k -> {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : new TreeMap<>(k.getPodLabels()).entrySet()) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(e.getKey());
        if (!e.getValue().isEmpty()) {
          sb.append(':').append(e.getValue());
        }
      }
      return sb.toString();
    });
    na("k8s.pod.sandbox_id", FieldType.STRING);
    na("k8s.pod.full_sandbox_id", FieldType.STRING);
    na("k8s.pod.ip", FieldType.STRING);
    na("k8s.pod.cni.json", FieldType.STRING);
    for (String kind : new String[] {"rc", "svc", "rs", "deployment"}) {
      na("k8s." + kind + ".name", FieldType.STRING);
      na("k8s." + kind + ".id", FieldType.STRING);
      na("k8s." + kind + ".label", FieldType.STRING, ArgKind.REQUIRED, true);
      na("k8s." + kind + ".labels", FieldType.STRING);
    }
    na("k8s.ns.id", FieldType.STRING);
    na("k8s.ns.label", FieldType.STRING, ArgKind.REQUIRED, true);
    na("k8s.ns.labels", FieldType.STRING);
  }
}
