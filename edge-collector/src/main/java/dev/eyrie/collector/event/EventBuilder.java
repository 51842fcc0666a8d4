package dev.eyrie.collector.event;

import dev.eyrie.collector.state.ContainerRef;
import dev.eyrie.collector.state.Containers;
import dev.eyrie.collector.state.FdInfo;
import dev.eyrie.collector.state.ProcInfo;
import dev.eyrie.collector.state.ProcReader;
import dev.eyrie.collector.state.ProcessTable;
import dev.eyrie.collector.state.UserDb;
import dev.eyrie.collector.state.runtime.ContainerCatalog;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one ring record (layout: collector.h) into a self-contained {@link Event}, updating the process and fd
 * tables on the way. Not thread-safe: the consumer thread owns it. {@code seq} and {@code event_id} are left for
 * the shipping stage, which numbers events in the order they leave.
 */
public final class EventBuilder {
  // ev_hdr offsets
  private static final int TS = 0, RES = 8, PID = 16, TID = 20, PPID = 24, UID = 28, GID = 32, NR = 36, LEN = 38,
      CPU = 40, FLAGS = 42, PAD = 44, COMM = 48, ARGS = 64, HDR = 112;
  private static final int FILE_INFO = 24, SOCK_INFO = 48, PROC_INFO = 88;
  public static final int EV_EXEC = 1000, EV_FORK = 1001, EV_EXIT = 1002;
  /** ev_hdr.flags bit of an exec record (collector.h) */
  private static final int EXEC_EXE_UPPER = 1;
  private static final int AT_FDCWD = -100;

  private final ProcessTable procs;
  private final UserDb users;
  private final Host host;
  private final ProcReader reader;
  private final ContainerCatalog containers;
  private static final int OPENAT2 = 437;
  private final long[] args = new long[6];
  /** evt.buffer of the syscall being built; handed to the next Event and cleared */
  private ByteBuffer buffer;
  private boolean howPresent;
  private long howFlags;
  private long howMode;
  private long howResolve;
  private final byte[] strBuf = new byte[4096];
  private volatile long bootToEpochNs;

  public EventBuilder(ProcessTable procs, UserDb users, Host host, long bootToEpochNs, ContainerCatalog containers) {
    this.procs = procs;
    this.containers = containers;
    this.users = users;
    this.host = host;
    this.reader = procs.reader();
    this.bootToEpochNs = bootToEpochNs;
  }

  /** CLOCK_REALTIME - CLOCK_BOOTTIME, refreshed by the caller to follow clock adjustments */
  public void setBootToEpochNs(long v) {
    bootToEpochNs = v;
  }

  /** null when the record does not become an event (unknown syscall number) */
  public Event build(ByteBuffer b, int off, int len) {
    int nr = b.getShort(off + NR) & 0xffff;
    for (int i = 0; i < 6; i++) {
      args[i] = b.getLong(off + ARGS + 8 * i);
    }
    return switch (nr) {
      case EV_EXEC -> exec(b, off);
      case EV_FORK -> fork(b, off);
      case EV_EXIT -> exit(b, off);
      default -> {
        SyscallDef d = Syscalls.byNr(nr);
        yield d == null ? null : syscall(b, off, d);
      }
    };
  }

  // ---------------------------------------------------------------- syscalls

  private Event syscall(ByteBuffer b, int off, SyscallDef d) {
    int pid = b.getInt(off + PID);
    long res = b.getLong(off + RES);
    String comm = comm(b, off);
    ProcInfo proc = procs.getOrLoad(pid, b.getInt(off + PPID), comm);
    int p = off + HDR;
    int fileOff = -1;
    int sockOff = -1;
    if (d.fileFd() != 0) {
      fileOff = p;
      p += FILE_INFO;
    }
    if (d.sockFd() != 0) {
      sockOff = p;
      p += SOCK_INFO;
    }
    String[] blobs = new String[3];
    for (int k = 0; k < d.blobCount() && k < 3; k++) {
      int n = b.getShort(p) & 0xffff;
      blobs[k] = str(b, p + 2, n);
      p += 2 + n;
    }
    byte[] uaddr = null;
    if (d.uaddr() != 0 || d.msghdr() != 0) {
      int n = b.getShort(p) & 0xffff;
      if (n > 0) {
        uaddr = new byte[n];
        b.get(p + 2, uaddr, 0, n);
      }
      p += 2 + n;
    }
    // the kernel appends the data blob only when a snaplen is configured: the record's own length (ev_hdr.len, exact,
    // unlike the ring's 8-byte-aligned slot) says whether it is there
    int end = off + (b.getShort(off + LEN) & 0xffff);
    buffer = null;
    if (d.dataArg() != 0 && p + 2 <= end) {
      int n = Math.min(b.getShort(p) & 0xffff, end - p - 2);
      byte[] data = new byte[n];
      b.get(p + 2, data, 0, n);
      buffer = ByteBuffer.wrap(data);
    }
    boolean filePresent = fileOff >= 0 && b.getInt(fileOff + 20) != 0;
    long fIno = filePresent ? b.getLong(fileOff) : 0;
    long fDev = filePresent ? Render.userDev(b.getInt(fileOff + 8) & 0xffffffffL) : 0;
    int fFlags = filePresent ? b.getInt(fileOff + 12) : 0;
    int fMode = filePresent ? b.getInt(fileOff + 16) : 0;

    // the fd the event acts on
    FdInfo fd = null;
    long fdNum = -1;
    Src fdSrc = d.eventFd();
    if (fdSrc == Src.RES) {
      fdNum = res;
    } else if (fdSrc.isArg()) {
      fdNum = (int) args[fdSrc.ordinal()];
    }
    Sock sock = sockOff >= 0 ? Sock.read(b, sockOff) : null;
    Net.SockAddr ua = null;
    if (d.nr() == OPENAT2) {
      openHow(uaddr);
    } else {
      ua = Net.sockaddr(uaddr);
    }
    String rawName = null;
    String resolved = null;

    switch (d.name()) {
      case "open", "creat", "openat", "openat2" -> {
        rawName = blobs[0];
        resolved = d.params().get(2).fmt() == Fmt.RELPATH ? resolveAt(proc, (int) args[0], rawName)
            : resolve(proc.cwd, rawName);
        fd = new FdInfo();
        fd.type = filePresent ? FdInfo.typeOfMode(fMode) : "file";
        fd.name = resolved;
        fd.nameraw = rawName;
        long linux = d.nr() == OPENAT2 ? (howPresent ? howFlags : fFlags) : d.name().equals("creat") ? 0x241
            : (int) args[d.name().equals("open") ? 1 : 2];
        fd.openFlags = Render.ppmOpenFlags(linux, false);
        fd.ino = fIno;
        fd.dev = fDev;
        if (res >= 0) {
          proc.fds.put((int) res, fd);
        }
      }
      case "socket" -> {
        fd = new FdInfo();
        int domain = (int) args[0];
        int type = (int) args[1] & 0xf;
        fd.type = switch (domain) {
          case 2 -> "ipv4";
          case 10 -> "ipv6";
          case 1 -> "unix";
          case 16 -> "netlink";
          default -> "socket";
        };
        fd.sockfamily = domain == 1 ? "unix" : (domain == 2 || domain == 10) ? "ip" : null;
        if (domain == 2 || domain == 10) {
          fd.l4proto = type == 1 ? "tcp" : type == 2 ? "udp" : type == 3 ? "raw" : null;
        }
        if (res >= 0) {
          proc.fds.put((int) res, fd);
        }
      }
      case "accept", "accept4", "connect", "listen", "sendto", "sendmsg", "recvfrom", "recvmsg" -> {
        FdInfo known = fdNum >= 0 ? proc.fds.get((int) fdNum) : null;
        fd = new FdInfo();
        boolean server = d.name().startsWith("accept") || d.name().equals("listen")
            || (known != null && known.server);
        fillSocket(fd, sock, ua, server, known);
        fd.connected = d.name().startsWith("accept") ? res >= 0
            : d.name().equals("connect") ? (res == 0 || res == -115) : known != null && known.connected;
        if (d.name().equals("connect") && res != 0 && res != -115) {
          fd.connected = false;
        }
        if (fdNum >= 0 && (res >= 0 || d.name().equals("connect") && res == -115)) {
          proc.fds.put((int) fdNum, fd);
        }
      }
      case "dup", "dup2", "dup3" -> {
        FdInfo old = lookupFd(proc, (int) args[0], filePresent, fIno, fMode);
        if (old != null && res >= 0) {
          fd = old.copy();
          proc.fds.put((int) res, fd);
        }
      }
      case "userfaultfd" -> {
        fd = new FdInfo();
        fd.type = "userfaultfd";
        if (res >= 0) {
          proc.fds.put((int) res, fd);
        }
      }
      case "chdir" -> {
        if (res == 0 && blobs[0] != null) {
          proc.cwd = resolve(proc.cwd, blobs[0]);
          proc.version++;
        }
      }
      case "fchdir" -> {
        fd = lookupFd(proc, (int) fdNum, filePresent, fIno, fMode);
        if (res == 0 && fd != null) {
          proc.cwd = fd.name;
          proc.version++;
        }
      }
      default -> {
        if (fdSrc.isArg() && fdNum >= 0) {
          fd = lookupFd(proc, (int) fdNum, filePresent, fIno, fMode);
        }
      }
    }

    List<Arg> out = new ArrayList<>(d.params().size());
    for (Param prm : d.params()) {
      out.add(arg(prm, proc, res, blobs, fIno, fDev, fd, ua));
    }
    return event(b, off, d.name(), res, out, proc, comm, fd == null ? null : fdRecord(fd, fdNum));
  }

  private Arg arg(Param prm, ProcInfo proc, long res, String[] blobs, long fIno, long fDev, FdInfo fd,
      Net.SockAddr ua) {
    Src s = prm.src();
    Fmt f = prm.fmt();
    switch (f) {
      case PATH:
        return new Arg(prm.name(), resolve(proc.cwd, blob(s, blobs)), null);
      case RELPATH: {
        int dirfd = (int) args[prm.dirfd().ordinal()];
        return new Arg(prm.name(), resolveAt(proc, dirfd, blob(s, blobs)), null);
      }
      case STR:
        return new Arg(prm.name(), nz(blob(s, blobs)), null);
      case TUPLE:
        return new Arg(prm.name(), fd == null ? "" : nz(fd.name), null);
      case SOCKADDR:
        return new Arg(prm.name(), ua == null ? "" : ua.port() < 0 ? ua.ip() : Net.endpoint(ua.ip(), ua.port()), null);
      case NONE:
        return new Arg(prm.name(), "", null);
      default:
        break;
    }
    long v = switch (s) {
      case RES -> res;
      case FILE_DEV -> fDev;
      case FILE_INO -> fIno;
      case HOW_FLAGS -> howFlags;
      case HOW_MODE -> howMode;
      case HOW_RESOLVE -> howResolve;
      case NONE -> 0;
      default -> s.isArg() ? args[s.ordinal()] : 0;
    };
    if (s.isArg() && (f == Fmt.FD || f == Fmt.PID || f == Fmt.ERRNO)) {
      v = (int) v; // int parameters arrive zero-extended in 64-bit registers
    }
    long raw = f == Fmt.OPEN_FLAGS ? Render.ppmOpenFlags(v, false)
        : f == Fmt.RESOLVE_FLAGS ? Render.ppmResolve(v) : v;
    return new Arg(prm.name(), Render.render(f, v), raw);
  }

  /** struct open_how { u64 flags; u64 mode; u64 resolve; } as copied by the BPF program (little endian) */
  private void openHow(byte[] how) {
    howPresent = how != null && how.length >= 24;
    ByteBuffer hb = howPresent ? ByteBuffer.wrap(how).order(java.nio.ByteOrder.LITTLE_ENDIAN) : null;
    howFlags = howPresent ? hb.getLong(0) : 0;
    howMode = howPresent ? hb.getLong(8) : 0;
    howResolve = howPresent ? hb.getLong(16) : 0;
  }

  private static String blob(Src s, String[] blobs) {
    return switch (s) {
      case BLOB0 -> blobs[0];
      case BLOB1 -> blobs[1];
      case BLOB2 -> blobs[2];
      default -> null;
    };
  }

  private void fillSocket(FdInfo fd, Sock s, Net.SockAddr ua, boolean server, FdInfo known) {
    int family = s != null && s.present ? s.family : ua != null ? ua.family() : known != null
        ? ("ipv6".equals(known.type) ? 10 : "unix".equals(known.type) ? 1 : 2) : 2;
    fd.server = server;
    if (family == 1) {
      fd.type = "unix";
      fd.sockfamily = "unix";
      fd.name = ua != null ? ua.ip() : known != null ? known.name : "";
      return;
    }
    fd.type = family == 10 ? "ipv6" : "ipv4";
    fd.sockfamily = "ip";
    String lip = s != null && s.present ? s.lip : known != null ? known.localIp : null;
    int lport = s != null && s.present ? s.lport : known != null ? known.localPort : -1;
    String rip = s != null && s.present && s.hasRemote ? s.rip : null;
    int rport = s != null && s.present && s.hasRemote ? s.rport : -1;
    if (rip == null && ua != null && ua.port() >= 0) {
      rip = ua.ip(); // unconnected datagram socket: the peer is the address given to sendto/recvfrom
      rport = ua.port();
    }
    if (rip == null && known != null) {
      rip = known.remoteIp;
      rport = known.remotePort;
    }
    fd.l4proto = s != null && s.present ? (s.proto == 6 ? "tcp" : s.proto == 17 ? "udp" : s.proto == 1 ? "icmp"
        : s.type == 3 ? "raw" : null) : known != null ? known.l4proto : null;
    fd.localIp = lip;
    fd.localPort = lport;
    fd.remoteIp = rip;
    fd.remotePort = rport;
    String l = Net.endpoint(lip == null ? "0.0.0.0" : lip, Math.max(lport, 0));
    if (rip == null) {
      fd.name = l;
    } else {
      String r = Net.endpoint(rip, Math.max(rport, 0));
      fd.name = server ? r + "->" + l : l + "->" + r;
    }
  }

  /** the fd table entry, checked against the kernel's inode and re-read from /proc when unknown or stale */
  private FdInfo lookupFd(ProcInfo proc, int fd, boolean filePresent, long ino, int mode) {
    if (fd < 0) {
      return null;
    }
    FdInfo known = proc.fds.get(fd);
    if (known != null && (!filePresent || known.ino == 0 || known.ino == ino)) {
      return known;
    }
    String link = reader.fdLink(proc.pid, fd);
    if (link == null) {
      return known;
    }
    FdInfo f = new FdInfo();
    f.ino = ino;
    f.name = link;
    if (link.startsWith("socket:")) {
      f.type = "ipv4";
    } else if (link.startsWith("pipe:")) {
      f.type = "pipe";
    } else if (link.startsWith("anon_inode:")) {
      f.type = link.contains("eventfd") ? "event" : link.contains("eventpoll") ? "eventpoll"
          : link.contains("inotify") ? "inotify" : link.contains("signalfd") ? "signalfd"
          : link.contains("timerfd") ? "timerfd" : link.contains("bpf") ? "bpf"
          : link.contains("userfaultfd") ? "userfaultfd" : link.contains("io_uring") ? "io_uring" : "file";
    } else if (link.startsWith("/memfd:")) {
      f.type = "memfd";
    } else {
      f.type = filePresent ? FdInfo.typeOfMode(mode) : "file";
    }
    proc.fds.put(fd, f);
    return f;
  }

  private static FileDescriptor fdRecord(FdInfo f, long num) {
    return new FileDescriptor(num, f.type, nz(f.name), f.nameraw, false, f.openFlags, f.ino == 0 ? null : f.ino,
        f.dev == 0 ? null : f.dev, f.l4proto, f.sockfamily, f.localIp, f.localPort < 0 ? null : f.localPort,
        f.remoteIp, f.remotePort < 0 ? null : f.remotePort, f.server, f.connected, null, null);
  }

  // ---------------------------------------------------------------- processes

  private Event exec(ByteBuffer b, int off) {
    int pid = b.getInt(off + PID);
    int nr = b.getInt(off + PAD);
    String comm = comm(b, off);
    ProcInfo old = procs.getOrLoad(pid, b.getInt(off + PPID), comm);
    int pi = off + HDR;
    int p = pi + PROC_INFO;
    int n = b.getShort(p) & 0xffff;
    String filename = str(b, p + 2, n);
    p += 2 + n;
    n = b.getShort(p) & 0xffff;
    byte[] argv = new byte[n];
    b.get(p + 2, argv, 0, n);
    p += 2 + n;
    n = b.getShort(p) & 0xffff;
    byte[] envb = null;
    if (n > 0) {
      envb = new byte[n];
      b.get(p + 2, envb, 0, n);
    }
    p += 2 + n;
    n = b.getShort(p) & 0xffff;
    String cgLeaf = str(b, p + 2, n);
    p += 2 + n;
    n = b.getShort(p) & 0xffff;
    String cgParent = str(b, p + 2, n);

    ProcInfo np = old.forkChild(pid);
    np.ppid = b.getInt(off + PPID);
    readProcInfo(b, pi, np);
    np.exeUpperLayer = (b.getShort(off + FLAGS) & EXEC_EXE_UPPER) != 0;
    np.comm = comm;
    List<String> av = ProcReader.splitNul(argv, argv.length);
    np.exe = av.isEmpty() ? comm : av.get(0);
    np.args = av.size() > 1 ? List.copyOf(av.subList(1, av.size())) : List.of();
    np.env = envb == null ? null : ProcReader.splitNul(envb, envb.length);
    String path = filename.startsWith("/") ? filename : resolve(old.cwd, filename);
    np.exeFromMemfd = filename.startsWith("/dev/fd/") || filename.startsWith("/proc/self/fd/")
        || filename.contains("memfd:");
    np.exepath = realExe(path, np.exeIno);
    np.container = Containers.fromCgroup(cgParent + "/" + cgLeaf);
    procs.put(np);

    List<Arg> out = new ArrayList<>(20);
    String name = nr == 322 ? "execveat" : "execve";
    if (nr == 322) {
      out.add(new Arg("dirfd", Long.toString((int) args[0]), (long) (int) args[0]));
      out.add(new Arg("pathname", path, null));
    }
    out.add(new Arg("res", "0", 0L));
    out.add(new Arg("exe", np.exe, null));
    out.add(new Arg("args", String.join(" ", np.args), null));
    out.add(new Arg("tid", Integer.toString(b.getInt(off + TID)), (long) b.getInt(off + TID)));
    out.add(new Arg("pid", Integer.toString(pid), (long) pid));
    out.add(new Arg("ptid", Integer.toString(np.ppid), (long) np.ppid));
    out.add(new Arg("cwd", nz(np.cwd), null));
    out.add(new Arg("comm", comm, null));
    out.add(new Arg("cgroups", cgParent + "/" + cgLeaf, null));
    out.add(new Arg("env", np.env == null ? "" : String.join(" ", np.env), null));
    out.add(new Arg("tty", Integer.toString(np.tty), (long) np.tty));
    out.add(new Arg("vpgid", Integer.toString(np.vpgid), (long) np.vpgid));
    out.add(new Arg("loginuid", Long.toString(np.loginuid), np.loginuid));
    out.add(new Arg("cap_inheritable", "0x" + Long.toHexString(np.capInheritable), np.capInheritable));
    out.add(new Arg("cap_permitted", "0x" + Long.toHexString(np.capPermitted), np.capPermitted));
    out.add(new Arg("cap_effective", "0x" + Long.toHexString(np.capEffective), np.capEffective));
    long ino = np.exeIno == null ? 0 : np.exeIno;
    out.add(new Arg("exe_ino", Long.toString(ino), ino));
    long uid = b.getInt(off + UID) & 0xffffffffL;
    long gid = b.getInt(off + GID) & 0xffffffffL;
    out.add(new Arg("uid", Long.toString(uid), uid));
    out.add(new Arg("trusted_exepath", np.exepath, null));
    out.add(new Arg("gid", Long.toString(gid), gid));
    out.add(new Arg("filename", path, null));
    return event(b, off, name, 0, out, np, comm, null);
  }

  private Event fork(ByteBuffer b, int off) {
    int pid = b.getInt(off + PID);
    int tid = b.getInt(off + TID);
    int creator = b.getInt(off + PAD);
    int nr = b.getShort(off + FLAGS) & 0xffff;
    String comm = comm(b, off);
    ProcInfo parent = procs.getOrLoad(creator, 0, comm);
    ProcInfo child;
    int pi = off + HDR;
    long flags = b.getLong(pi + 40);
    if (pid == tid) {
      child = parent.forkChild(pid);
      readProcInfo(b, pi, child);
      child.ppid = b.getInt(off + PPID);
      child.exeIno = parent.exeIno; // the parent's exe: the record's is the same file
      procs.put(child);
    } else {
      child = parent; // a new thread of an existing process
    }
    String name = switch (nr) {
      case 57 -> "fork";
      case 58 -> "vfork";
      case 435 -> "clone3";
      default -> "clone";
    };
    long uid = b.getInt(off + UID) & 0xffffffffL;
    long gid = b.getInt(off + GID) & 0xffffffffL;
    int vtid = b.getInt(pi + 60);
    int vpid = b.getInt(pi + 56);
    List<Arg> out = new ArrayList<>(14);
    out.add(new Arg("res", "0", 0L));
    out.add(new Arg("exe", child.exe, null));
    out.add(new Arg("args", String.join(" ", child.args), null));
    out.add(new Arg("tid", Integer.toString(tid), (long) tid));
    out.add(new Arg("pid", Integer.toString(pid), (long) pid));
    out.add(new Arg("ptid", Integer.toString(child.ppid), (long) child.ppid));
    out.add(new Arg("cwd", nz(child.cwd), null));
    out.add(new Arg("comm", comm, null));
    out.add(new Arg("flags", Render.cloneFlags(flags), flags));
    out.add(new Arg("uid", Long.toString(uid), uid));
    out.add(new Arg("gid", Long.toString(gid), gid));
    out.add(new Arg("vtid", Integer.toString(vtid), (long) vtid));
    out.add(new Arg("vpid", Integer.toString(vpid), (long) vpid));
    return event(b, off, name, 0, out, child, comm, null);
  }

  private Event exit(ByteBuffer b, int off) {
    int pid = b.getInt(off + PID);
    String comm = comm(b, off);
    ProcInfo proc = procs.getOrLoad(pid, b.getInt(off + PPID), comm);
    int code = b.getInt(off + HDR);
    int sig = code & 0x7f;
    int status = (code >> 8) & 0xff;
    List<Arg> out = List.of(new Arg("status", Integer.toString(code), (long) code),
        new Arg("ret", Integer.toString(status), (long) status),
        new Arg("sig", Integer.toString(sig), (long) sig),
        new Arg("core", (code & 0x80) != 0 ? "1" : "0", (long) ((code >> 7) & 1)));
    Event e = event(b, off, "procexit", 0, out, proc, comm, null);
    procs.remove(pid);
    return e;
  }

  private void readProcInfo(ByteBuffer b, int pi, ProcInfo p) {
    p.startTs = b.getLong(pi + 24) + bootToEpochNs;
    p.capInheritable = b.getLong(pi);
    p.capPermitted = b.getLong(pi + 8);
    p.capEffective = b.getLong(pi + 16);
    long ino = b.getLong(pi + 32);
    p.exeIno = ino == 0 ? null : ino;
    int lu = b.getInt(pi + 48);
    p.loginuid = lu == -1 ? -1 : lu & 0xffffffffL;
    p.tty = b.getInt(pi + 52);
    p.vpid = b.getInt(pi + 56);
    p.vpgid = b.getInt(pi + 64);
    p.sid = b.getInt(pi + 68);
    int mode = b.getInt(pi + 72);
    int exeUid = b.getInt(pi + 76);
    int nlink = b.getInt(pi + 80);
    // writable by its owner who runs it, or by anyone: the Falco notion of a binary the process could have altered
    p.exeWritable = mode != 0 && ((mode & 0002) != 0 || (mode & 0200) != 0 && exeUid == 0);
    p.exeFromMemfd = nlink == 0 && mode != 0;
  }

  private String realExe(String path, Long ino) {
    try {
      Path real = Path.of(path).toRealPath();
      if (ino == null || ((Number) Files.getAttribute(real, "unix:ino")).longValue() == ino) {
        return real.toString();
      }
    } catch (IOException | RuntimeException e) {
      // deleted or unreadable: keep the path the process asked for
    }
    return path;
  }

  // ---------------------------------------------------------------- assembly

  private Event event(ByteBuffer b, int off, String type, long res, List<Arg> args, ProcInfo proc, String comm,
      FileDescriptor fd) {
    long uid = b.getInt(off + UID) & 0xffffffffL;
    long gid = b.getInt(off + GID) & 0xffffffffL;
    int tid = b.getInt(off + TID);
    User user = proc.lastUser;
    if (user == null || user.getUid() != uid || user.getGid() != gid || user.getLoginuid() != proc.loginuid
        || users.generation() != proc.lastUserGeneration) {
      UserDb.UserEntry ue = users.user(uid);
      String loginname = null;
      if (proc.loginuid >= 0) {
        UserDb.UserEntry lu = users.user(proc.loginuid);
        loginname = lu == null ? null : lu.name();
      }
      user = new User(uid, ue == null ? null : ue.name(), ue == null ? null : ue.home(),
          ue == null ? null : ue.shell(), proc.loginuid, loginname, gid, users.group(gid));
      proc.lastUser = user;
      proc.lastUserGeneration = users.generation();
    }
    int vtid = proc.vpid == proc.pid ? tid : tid == proc.pid ? proc.vpid : 0;
    // the same Process instance while nothing changed lets the encoder reuse its bytes
    Process pr = proc.lastProcess;
    if (pr == null || pr.getTid() != tid || !pr.getName().equals(comm) || proc.lastProcessVersion != proc.version) {
      pr = new Process((long) proc.pid, (long) tid, (long) proc.vpid, (long) vtid, (long) proc.ppid,
          (long) proc.sid, (long) proc.vpgid, comm, proc.exe, proc.exepath, proc.args, proc.env, proc.cwd, proc.tty,
          proc.startTs, proc.exeIno, proc.exeWritable, proc.exeUpperLayer, proc.exeFromMemfd, proc.capEffective,
          proc.capPermitted, proc.capInheritable);
      proc.lastProcess = pr;
      proc.lastProcessVersion = proc.version;
    }
    ContainerCatalog.Entry c = containerOf(proc);
    ByteBuffer data = buffer;
    buffer = null;
    return new Event("", host, 0L, b.getLong(off + TS) + bootToEpochNs, b.getShort(off + CPU) & 0xffff, type, res,
        args, data, pr, user, procs.ancestors(proc), fd, c.container(), c.pod());
  }

  /** the process' container metadata; the catalog is consulted only when the container changed or was unknown */
  private ContainerCatalog.Entry containerOf(ProcInfo proc) {
    ContainerCatalog.Entry e = proc.containerEntry;
    if (e != null && proc.containerEntryRef == proc.container && e.isFinal()) {
      return e;
    }
    long now = System.nanoTime();
    if (e == null || proc.containerEntryRef != proc.container || !e.fresh(now)) {
      e = containers.lookup(proc.container, now);
      proc.containerEntry = e;
      proc.containerEntryRef = proc.container;
    }
    return e;
  }

  private final byte[] commBuf = new byte[16];
  private final Map<Long, String> commCache = new HashMap<>();

  /** comm text; the same 16 bytes come back constantly, so the String is interned in a small cache */
  private String comm(ByteBuffer b, int off) {
    b.get(off + COMM, commBuf, 0, 16);
    int n = 0;
    while (n < 16 && commBuf[n] != 0) {
      n++;
    }
    if (n <= 8) {
      long k = n;
      for (int i = 0; i < n; i++) {
        k = k * 257 + (commBuf[i] & 0xff) + 1; // injective for n <= 7; n == 8 checked below
      }
      String c = commCache.get(k);
      if (c != null && c.length() == n && sameAscii(c, commBuf, n)) {
        return c;
      }
      c = new String(commBuf, 0, n, StandardCharsets.UTF_8);
      if (commCache.size() < 8192) {
        commCache.put(k, c);
      }
      return c;
    }
    return new String(commBuf, 0, n, StandardCharsets.UTF_8);
  }

  private static boolean sameAscii(String s, byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) != (b[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private String str(ByteBuffer b, int at, int n) {
    if (n <= 0) {
      return "";
    }
    b.get(at, strBuf, 0, n);
    return new String(strBuf, 0, n, StandardCharsets.UTF_8);
  }

  private String resolveAt(ProcInfo proc, int dirfd, String path) {
    if (path == null) {
      return "";
    }
    if (path.startsWith("/") || dirfd == AT_FDCWD) {
      return resolve(proc.cwd, path);
    }
    FdInfo dir = lookupFd(proc, dirfd, false, 0, 0);
    return resolve(dir == null ? null : dir.name, path);
  }

  /** absolute, normalized ('.', '..', '//') like Falco's path concatenation */
  static String resolve(String base, String path) {
    if (path == null) {
      return "";
    }
    if (path.isEmpty()) {
      return base == null ? "" : base;
    }
    String full = path.startsWith("/") ? path : (base == null ? "" : base) + "/" + path;
    if (!full.startsWith("/")) {
      return path;
    }
    if (full.indexOf("/.") < 0 && full.indexOf("//") < 0 && !full.endsWith("/")) {
      return full;
    }
    ArrayList<String> parts = new ArrayList<>();
    for (String s : full.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(s);
      }
    }
    return "/" + String.join("/", parts);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** decoded struct sock_info */
  private static final class Sock {
    boolean present;
    boolean hasRemote;
    int family;
    int type;
    int proto;
    String lip;
    int lport;
    String rip;
    int rport;

    static Sock read(ByteBuffer b, int at) {
      Sock s = new Sock();
      s.family = b.getShort(at) & 0xffff;
      s.type = b.getShort(at + 2) & 0xffff;
      s.proto = b.getShort(at + 4) & 0xffff;
      s.lport = b.getShort(at + 6) & 0xffff;
      s.rport = b.getShort(at + 8) & 0xffff;
      s.present = (b.getShort(at + 10) & 0xffff) != 0;
      if (s.family == 2) {
        s.lip = Net.ipv4(b, at + 16);
        s.rip = Net.ipv4(b, at + 32);
        s.hasRemote = s.rport != 0 || !Net.isZero(b, at + 32, 4);
      } else if (s.family == 10) {
        s.lip = Net.ipv6(b, at + 16);
        s.rip = Net.ipv6(b, at + 32);
        s.hasRemote = s.rport != 0 || !Net.isZero(b, at + 32, 16);
      }
      return s;
    }
  }
}
