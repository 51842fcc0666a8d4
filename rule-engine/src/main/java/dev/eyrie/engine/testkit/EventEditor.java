package dev.eyrie.engine.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Mount;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

/** Applies Falco-named field values to an event under construction. One instance per event. */
final class EventEditor {
  private static final Pattern INDEXED = Pattern.compile("([a-z0-9_.]+)\\[(.+)]");

  private final Event.Builder event;
  private final Process.Builder proc;
  private final User.Builder user;
  private final Container.Builder container;
  private final Host.Builder host;
  private FileDescriptor.Builder fd;
  private dev.eyrie.schema.Kubernetes.Builder k8s;
  private final List<Ancestor.Builder> ancestors = new ArrayList<>();
  private final List<Arg> args;
  private final Map<String, String> env = new LinkedHashMap<>();
  private boolean envSet;
  private Long duration;

  EventEditor(Event.Builder event) {
    this.event = event;
    this.proc = Process.newBuilder(event.getProc());
    this.user = User.newBuilder(event.getUser());
    this.container = Container.newBuilder(event.getContainer());
    this.host = Host.newBuilder(event.getHost());
    for (Ancestor a : event.getAncestors()) {
      ancestors.add(Ancestor.newBuilder(a));
    }
    this.args = new ArrayList<>(event.getArgs());
  }

  void set(String field, Object value) {
    Matcher m = INDEXED.matcher(field);
    if (m.matches()) {
      setIndexed(field, m.group(1), m.group(2), value);
      return;
    }
    if (field.startsWith("evt.arg.")) {
      setArg(field.substring("evt.arg.".length()), value);
      return;
    }
    if (field.startsWith("k8s.pod.label.")) {
      k8s().getPodLabels().put(field.substring("k8s.pod.label.".length()), str(value));
      return;
    }
    switch (field) {
      // event
      case "evt.type" -> event.setType(str(value));
      case "evt.num" -> event.setSeq(num(value));
      case "evt.rawtime", "evt.time.ns" -> event.setTs(num(value));
      case "time" -> event.setTs(TestTimes.parse(str(value)));
      case "evt.cpu" -> event.setCpu((int) num(value));
      case "evt.rawres", "evt.res" -> event.setRes(res(value));
      case "evt.buffer" -> event.setBuffer(java.nio.ByteBuffer.wrap(str(value).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      case "evt.hostname", "host.hostname", "host.name" -> host.setHostname(str(value));
      case "host", "host.id" -> {
        host.setId(str(value));
        host.setHostname(str(value));
      }
      case "host.ip", "host.ips" -> host.setIps(strList(value));
      // process
      case "proc.name" -> proc.setName(str(value));
      case "proc.exe" -> proc.setExe(str(value));
      case "proc.exepath" -> proc.setExepath(str(value));
      case "proc.args" -> proc.setArgs(words(value));
      case "proc.cmdline" -> {
        List<String> w = words(value);
        if (w.isEmpty()) {
          throw new IllegalArgumentException("proc.cmdline must not be empty");
        }
        proc.setName(w.get(0));
        proc.setArgs(new ArrayList<>(w.subList(1, w.size())));
      }
      case "proc.pid" -> proc.setPid(num(value));
      case "proc.tid", "thread.tid" -> proc.setTid(num(value));
      case "proc.vpid" -> proc.setVpid(num(value));
      case "thread.vtid" -> proc.setVtid(num(value));
      case "proc.sid" -> proc.setSid(num(value));
      case "proc.vpgid" -> proc.setVpgid(num(value));
      case "proc.is_vpgid_leader" -> proc.setVpgid(bool(value) ? proc.getVpid() : proc.getVpid() + 1);
      case "proc.cwd" -> proc.setCwd(str(value));
      case "proc.tty" -> proc.setTty((int) num(value));
      case "proc.env" -> {
        envSet = true;
        for (String kv : strList(value)) {
          int eq = kv.indexOf('=');
          env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
      }
      case "proc.duration" -> duration = num(value);
      case "proc.is_exe_upper_layer" -> proc.setIsExeUpperLayer(bool(value));
      case "proc.is_exe_from_memfd" -> proc.setIsExeFromMemfd(bool(value));
      case "proc.is_exe_writable" -> proc.setIsExeWritable(bool(value));
      case "proc.exe_ino" -> proc.setExeIno(num(value));
      case "thread.cap_effective" -> proc.setCapEffective(capabilities(value));
      case "thread.cap_permitted" -> proc.setCapPermitted(capabilities(value));
      case "thread.cap_inheritable" -> proc.setCapInheritable(capabilities(value));
      // parent: ancestors[0]
      case "proc.ppid" -> {
        proc.setPpid(num(value));
        ancestor(1).setPid(num(value));
      }
      case "proc.pname" -> ancestor(1).setName(str(value));
      case "proc.pexe" -> ancestor(1).setExe(str(value));
      case "proc.pexepath" -> ancestor(1).setExepath(str(value));
      case "proc.pcmdline" -> setAncestorCmdline(1, value);
      case "proc.aname" -> {
        // no index: the whole chain, parent first
        List<String> names = strList(value);
        ancestors.clear();
        for (int i = 0; i < names.size(); i++) {
          ancestor(i + 1).setName(names.get(i));
        }
      }
      // user and group
      case "user.uid" -> user.setUid(num(value));
      case "user.name" -> user.setName(str(value));
      case "user.homedir" -> user.setHomedir(str(value));
      case "user.shell" -> user.setShell(str(value));
      case "user.loginuid" -> user.setLoginuid(num(value));
      case "user.loginname" -> user.setLoginname(str(value));
      case "group.gid" -> user.setGid(num(value));
      case "group.name" -> user.setGroup(str(value));
      // fd
      case "fd.num" -> fd().setNum(num(value));
      case "fd.type" -> fd().setType(str(value));
      case "fd.typechar" -> fd().setType(FdTypes.fromTypechar(str(value)));
      case "fd.name" -> fd().setName(str(value));
      case "fd.nameraw" -> fd().setNameraw(str(value));
      case "fd.directory" -> setPathPart(str(value), true);
      case "fd.filename" -> setPathPart(str(value), false);
      case "fd.name_changed" -> fd().setNameChanged(bool(value));
      case "fd.open_flags" -> fd().setOpenFlags(num(value));
      case "fd.ino" -> fd().setIno(num(value));
      case "fd.dev" -> fd().setDev(num(value));
      case "fd.l4proto" -> socket().setL4proto(str(value));
      case "fd.sockfamily" -> fd().setSockfamily(str(value));
      case "fd.connected" -> fd().setConnected(bool(value));
      case "fd.lip" -> socket().setLocalIp(str(value));
      case "fd.lport" -> socket().setLocalPort((int) num(value));
      case "fd.rip" -> socket().setRemoteIp(str(value));
      case "fd.rport" -> socket().setRemotePort((int) num(value));
      // client/server views: the local end is the client unless fd.is_server was set
      case "fd.cip" -> { if (socket().getIsServer()) fd.setRemoteIp(str(value)); else fd.setLocalIp(str(value)); }
      case "fd.cport" -> { if (socket().getIsServer()) fd.setRemotePort((int) num(value)); else fd.setLocalPort((int) num(value)); }
      case "fd.sip" -> { if (socket().getIsServer()) fd.setLocalIp(str(value)); else fd.setRemoteIp(str(value)); }
      case "fd.sport" -> { if (socket().getIsServer()) fd.setLocalPort((int) num(value)); else fd.setRemotePort((int) num(value)); }
      case "fd.is_server" -> socket().setIsServer(bool(value));
      case "fd.sip.name" -> socket().setServerIpName(str(value));
      case "fd.cip.name" -> socket().setClientIpName(str(value));
      // container
      case "container.id" -> {
        container.setId(str(value));
        if ("host".equals(str(value)) || container.getFullId().equals("host")) {
          container.setFullId(str(value));
        }
      }
      case "container.full_id" -> container.setFullId(str(value));
      case "container.name" -> container.setName(str(value));
      case "container.type" -> container.setRuntime(str(value));
      case "container.image" -> {
        container.setImage(str(value));
        ImageRef ref = ImageRef.parse(str(value));
        container.setImageRepository(ref.repository());
        container.setImageTag(ref.tag());
      }
      case "container.image.repository" -> container.setImageRepository(str(value));
      case "container.image.tag" -> container.setImageTag(str(value));
      case "container.image.digest" -> container.setImageDigest(str(value));
      case "container.privileged" -> container.setPrivileged(bool(value));
      case "container.mounts" -> container.setMounts(mounts(value));
      // kubernetes
      case "k8s.ns.name" -> k8s().setNsName(str(value));
      case "k8s.pod.name" -> k8s().setPodName(str(value));
      case "k8s.pod.uid" -> k8s().setPodUid(str(value));
      case "k8s.pod.labels" -> k8s().setPodLabels(strMap(value));
      default -> throw new IllegalArgumentException("cannot set field '" + field + "' in a test event");
    }
  }

  private void setIndexed(String field, String name, String index, Object value) {
    switch (name) {
      case "proc.aname" -> ancestor(level(field, index)).setName(str(value));
      case "proc.aexe" -> ancestor(level(field, index)).setExe(str(value));
      case "proc.aexepath" -> ancestor(level(field, index)).setExepath(str(value));
      case "proc.apid" -> ancestor(level(field, index)).setPid(num(value));
      case "proc.acmdline" -> setAncestorCmdline(level(field, index), value);
      case "proc.args" -> {
        int i = Integer.parseInt(index);
        List<String> a = new ArrayList<>(proc.getArgs());
        while (a.size() <= i) {
          a.add("");
        }
        a.set(i, str(value));
        proc.setArgs(a);
      }
      case "proc.env" -> {
        envSet = true;
        env.put(index, str(value));
      }
      case "evt.arg" -> setArg(index, value);
      case "k8s.pod.label" -> k8s().getPodLabels().put(index, str(value));
      default -> throw new IllegalArgumentException("cannot set field '" + field + "' in a test event");
    }
  }

  private static int level(String field, String index) {
    int n = Integer.parseInt(index);
    if (n < 1) {
      throw new IllegalArgumentException(field + ": set the process itself with proc.* fields, ancestors from [1]");
    }
    return n;
  }

  /** Ancestor at Falco level n (1 = parent), created with neutral values up to that depth. */
  private Ancestor.Builder ancestor(int n) {
    while (ancestors.size() < n) {
      int depth = ancestors.size() + 1;
      ancestors.add(Ancestor.newBuilder().setPid(4200 - depth).setName("ancestor" + depth).setExe("")
          .setExepath("").setArgs(new ArrayList<>()));
    }
    return ancestors.get(n - 1);
  }

  private void setAncestorCmdline(int level, Object value) {
    List<String> w = words(value);
    ancestor(level).setName(w.isEmpty() ? "" : w.get(0));
    ancestor(level).setArgs(new ArrayList<>(w.isEmpty() ? List.of() : w.subList(1, w.size())));
  }

  private void setArg(String name, Object value) {
    Long raw = value instanceof Number n ? n.longValue() : null;
    String text = str(value);
    if (name.chars().allMatch(Character::isDigit)) {
      int i = Integer.parseInt(name);
      while (args.size() <= i) {
        args.add(FieldEvents.arg("arg" + args.size(), "", null));
      }
      Arg old = args.get(i);
      args.set(i, FieldEvents.arg(old.getName(), text, raw));
      return;
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).getName().equals(name)) {
        args.set(i, FieldEvents.arg(name, text, raw));
        return;
      }
    }
    args.add(FieldEvents.arg(name, text, raw));
  }

  private void setPathPart(String value, boolean directory) {
    String name = fd().getName();
    int slash = name.lastIndexOf('/');
    String dir = slash < 0 ? "" : (slash == 0 ? "/" : name.substring(0, slash));
    String file = slash < 0 ? name : name.substring(slash + 1);
    if (directory) {
      dir = value;
    } else {
      file = value;
    }
    fd.setName(dir.endsWith("/") ? dir + file : dir + "/" + file);
  }

  private FileDescriptor.Builder fd() {
    if (fd == null) {
      fd = event.getFd() != null ? FileDescriptor.newBuilder(event.getFd()) : FieldEvents.newFd();
    }
    return fd;
  }

  /** The fd as an IPv4 TCP socket unless its type was already set to a socket type. */
  private FileDescriptor.Builder socket() {
    FileDescriptor.Builder f = fd();
    if (!FdTypes.isSocket(f.getType())) {
      f.setType("ipv4");
      f.setSockfamily("ip");
      if (f.getL4proto() == null) {
        f.setL4proto("tcp");
      }
    }
    return f;
  }

  private dev.eyrie.schema.Kubernetes.Builder k8s() {
    if (k8s == null) {
      k8s = event.getK8s() != null ? dev.eyrie.schema.Kubernetes.newBuilder(event.getK8s()) : FieldEvents.newK8s();
    }
    return k8s;
  }

  Event build() {
    if (duration != null) {
      proc.setStartTs(event.getTs() - duration);
    }
    if (envSet) {
      List<String> e = new ArrayList<>();
      env.forEach((k, v) -> e.add(k + "=" + v));
      proc.setEnv(e);
    }
    if (fd != null) {
      if (FdTypes.isSocket(fd.getType()) && fd.getName().isEmpty() && fd.getLocalIp() != null && fd.getRemoteIp() != null) {
        fd.setName(FdTypes.socketName(fd));
      }
      event.setFd(fd.build());
    }
    if (k8s != null) {
      event.setK8s(k8s.build());
    }
    List<Ancestor> chain = new ArrayList<>();
    for (Ancestor.Builder a : ancestors) {
      chain.add(a.build());
    }
    if (!chain.isEmpty()) {
      proc.setPpid(chain.get(0).getPid());
    }
    Host h = host.build();
    return event.setProc(proc.build()).setUser(user.build()).setContainer(container.build()).setHost(h)
        .setAncestors(chain).setArgs(args)
        .setEventId(h.getId() + ":" + h.getBootId() + ":" + event.getSeq()).build();
  }

  private static List<Mount> mounts(Object value) {
    List<Mount> out = new ArrayList<>();
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("container.mounts: a list of {source, dest, mode, rdwr, propagation} expected");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || m.get("dest") == null) {
        throw new IllegalArgumentException("container.mounts: each mount needs at least 'dest'");
      }
      Mount.Builder b = FieldEvents.newMount().setDest(str(m.get("dest")))
          .setSource(m.get("source") == null ? "" : str(m.get("source")));
      if (m.get("mode") != null) b.setMode(str(m.get("mode")));
      if (m.get("rdwr") != null) b.setRdwr(bool(m.get("rdwr")));
      if (m.get("propagation") != null) b.setPropagation(str(m.get("propagation")));
      out.add(b.build());
    }
    return out;
  }

  /** A bitmask, or capability names separated by blanks ("CAP_SYS_ADMIN CAP_NET_RAW"). */
  static long capabilities(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    long mask = 0;
    for (String name : words(value)) {
      int bit = dev.eyrie.engine.field.Capabilities.bit(name.toUpperCase());
      if (bit < 0) {
        throw new IllegalArgumentException("unknown capability '" + name + "'");
      }
      mask |= 1L << bit;
    }
    return mask;
  }

  static String str(Object v) {
    if (v == null) {
      throw new IllegalArgumentException("a value is required");
    }
    return v instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
  }

  static long num(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = str(v).trim();
    try {
      return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is not a number");
    }
  }

  static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    String s = str(v).trim().toLowerCase();
    return switch (s) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not a boolean");
    };
  }

  /** evt.res accepts SUCCESS, an errno name (ENOENT) or a raw number. */
  static long res(Object v) {
    if (v instanceof Number n) {
      return n.longValue();
    }
    String s = str(v).trim();
    if (s.equals("SUCCESS")) {
      return 0;
    }
    Integer errno = dev.eyrie.engine.field.Errno.byName(s);
    return errno != null ? -errno : num(s);
  }

  static List<String> strList(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(String::valueOf).toList());
    }
    return new ArrayList<>(List.of(str(v)));
  }

  /** A list, or a string split on blanks (as Falco joins args with blanks). */
  static List<String> words(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l.stream().map(String::valueOf).toList());
    }
    String s = str(v).trim();
    return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(s.split("\\s+")));
  }

  static Map<String, String> strMap(Object v) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("a map of label: value expected");
    }
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
    return out;
  }
}
