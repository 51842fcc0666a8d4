package dev.eyrie.collector.event;

import static dev.eyrie.collector.event.Param.p;
import static dev.eyrie.collector.event.Param.rel;
import static dev.eyrie.collector.event.Src.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syscalls Falco's rules select (x86_64 numbers), with Falco's exit-event parameter names (libs event table,
 * enter parameters folded into the exit event). The default set is all of them.
 */
public final class Syscalls {
  private static final Map<String, SyscallDef> BY_NAME = new LinkedHashMap<>();
  private static final SyscallDef[] BY_NR = new SyscallDef[512];
  /** traced only when named in --syscalls: every file and pipe I/O of the machine would otherwise be an event */
  private static final java.util.Set<String> OPT_IN = java.util.Set.of("read", "write");

  /** clone/fork/vfork/clone3 records arrive as scheduler fork events; exec success as scheduler exec events */
  private Syscalls() {}

  private static final class B {
    final int nr;
    final String name;
    int kind = SyscallDef.KIND_PLAIN;
    int strMask;
    int fileFd;
    int sockFd;
    int uaddr;
    int uaddrLen;
    int msghdr;
    int dataArg;
    Src eventFd = NONE;
    boolean createsFd;
    final List<Param> params = new ArrayList<>();

    B(int nr, String name) {
      this.nr = nr;
      this.name = name;
    }

    B kind(int k) { kind = k; return this; }
    B strs(int... args) { for (int a : args) strMask |= 1 << a; return this; }
    B fileFd(int sel) { fileFd = sel; return this; }
    B sockFd(int sel) { sockFd = sel; return this; }
    B uaddr(int addrArg, int lenSel) { uaddr = addrArg + 1; uaddrLen = lenSel; return this; }
    B msghdr(int arg) { msghdr = arg + 1; return this; }
    B data(int arg) { dataArg = arg + 1; return this; }
    B fd(Src s, boolean creates) { eventFd = s; createsFd = creates; return this; }
    B p(String n, Src s, Fmt f) { params.add(Param.p(n, s, f)); return this; }
    B rel(String n, Src s, Src dirfd) { params.add(Param.rel(n, s, dirfd)); return this; }

    void add() {
      SyscallDef d = new SyscallDef(nr, name, kind, strMask, fileFd, sockFd, uaddr, uaddrLen, msghdr, dataArg, eventFd,
          createsFd, List.copyOf(params));
      BY_NAME.put(name, d);
      BY_NR[nr] = d;
    }
  }

  private static B sc(int nr, String name) {
    return new B(nr, name);
  }

  private static int arg(int i) {
    return i + 1;
  }

  static {
    // files
    sc(2, "open").strs(0).fileFd(SyscallDef.FD_RET).fd(RES, true)
        .p("fd", RES, Fmt.FD).p("name", BLOB0, Fmt.PATH).p("flags", ARG1, Fmt.OPEN_FLAGS).p("mode", ARG2, Fmt.OCT)
        .p("dev", FILE_DEV, Fmt.DEV).p("ino", FILE_INO, Fmt.DEC).add();
    sc(85, "creat").strs(0).fileFd(SyscallDef.FD_RET).fd(RES, true)
        .p("fd", RES, Fmt.FD).p("name", BLOB0, Fmt.PATH).p("mode", ARG1, Fmt.OCT)
        .p("dev", FILE_DEV, Fmt.DEV).p("ino", FILE_INO, Fmt.DEC).add();
    sc(257, "openat").strs(1).fileFd(SyscallDef.FD_RET).fd(RES, true)
        .p("fd", RES, Fmt.FD).p("dirfd", ARG0, Fmt.FD).rel("name", BLOB0, ARG0).p("flags", ARG2, Fmt.OPEN_FLAGS)
        .p("mode", ARG3, Fmt.OCT).p("dev", FILE_DEV, Fmt.DEV).p("ino", FILE_INO, Fmt.DEC).add();
    // flags/mode/resolve live in the user struct open_how (arg 2, its size in arg 3): the raw-bytes recipe that
    // copies a sockaddr copies it too
    sc(437, "openat2").strs(1).fileFd(SyscallDef.FD_RET).fd(RES, true).uaddr(2, arg(3))
        .p("fd", RES, Fmt.FD).p("dirfd", ARG0, Fmt.FD).rel("name", BLOB0, ARG0).p("flags", HOW_FLAGS, Fmt.OPEN_FLAGS)
        .p("mode", HOW_MODE, Fmt.OCT).p("resolve", HOW_RESOLVE, Fmt.RESOLVE_FLAGS)
        .p("dev", FILE_DEV, Fmt.DEV).p("ino", FILE_INO, Fmt.DEC).add();
    sc(87, "unlink").strs(0).p("res", RES, Fmt.ERRNO).p("path", BLOB0, Fmt.PATH).add();
    sc(263, "unlinkat").strs(1).p("res", RES, Fmt.ERRNO).p("dirfd", ARG0, Fmt.FD).rel("name", BLOB0, ARG0)
        .p("flags", ARG2, Fmt.UNLINKAT_FLAGS).add();
    sc(82, "rename").strs(0, 1).p("res", RES, Fmt.ERRNO).p("oldpath", BLOB0, Fmt.PATH).p("newpath", BLOB1, Fmt.PATH).add();
    sc(264, "renameat").strs(1, 3).p("res", RES, Fmt.ERRNO).p("olddirfd", ARG0, Fmt.FD).rel("oldpath", BLOB0, ARG0)
        .p("newdirfd", ARG2, Fmt.FD).rel("newpath", BLOB1, ARG2).add();
    sc(316, "renameat2").strs(1, 3).p("res", RES, Fmt.ERRNO).p("olddirfd", ARG0, Fmt.FD).rel("oldpath", BLOB0, ARG0)
        .p("newdirfd", ARG2, Fmt.FD).rel("newpath", BLOB1, ARG2).p("flags", ARG4, Fmt.RENAMEAT2_FLAGS).add();
    sc(84, "rmdir").strs(0).p("res", RES, Fmt.ERRNO).p("path", BLOB0, Fmt.PATH).add();
    sc(83, "mkdir").strs(0).p("res", RES, Fmt.ERRNO).p("path", BLOB0, Fmt.PATH).p("mode", ARG1, Fmt.HEX).add();
    sc(258, "mkdirat").strs(1).p("res", RES, Fmt.ERRNO).p("dirfd", ARG0, Fmt.FD).rel("path", BLOB0, ARG0)
        .p("mode", ARG2, Fmt.HEX).add();
    sc(88, "symlink").strs(0, 1).p("res", RES, Fmt.ERRNO).p("target", BLOB0, Fmt.STR).p("linkpath", BLOB1, Fmt.PATH).add();
    sc(266, "symlinkat").strs(0, 2).p("res", RES, Fmt.ERRNO).p("target", BLOB0, Fmt.STR).p("linkdirfd", ARG1, Fmt.FD)
        .rel("linkpath", BLOB1, ARG1).add();
    sc(86, "link").strs(0, 1).p("res", RES, Fmt.ERRNO).p("oldpath", BLOB0, Fmt.PATH).p("newpath", BLOB1, Fmt.PATH).add();
    sc(265, "linkat").strs(1, 3).p("res", RES, Fmt.ERRNO).p("olddir", ARG0, Fmt.FD).rel("oldpath", BLOB0, ARG0)
        .p("newdir", ARG2, Fmt.FD).rel("newpath", BLOB1, ARG2).p("flags", ARG4, Fmt.LINKAT_FLAGS).add();
    sc(90, "chmod").strs(0).p("res", RES, Fmt.ERRNO).p("filename", BLOB0, Fmt.PATH).p("mode", ARG1, Fmt.CHMOD_MODE).add();
    sc(91, "fchmod").fileFd(arg(0)).fd(ARG0, false).p("res", RES, Fmt.ERRNO).p("fd", ARG0, Fmt.FD)
        .p("mode", ARG1, Fmt.CHMOD_MODE).add();
    sc(268, "fchmodat").strs(1).p("res", RES, Fmt.ERRNO).p("dirfd", ARG0, Fmt.FD).rel("filename", BLOB0, ARG0)
        .p("mode", ARG2, Fmt.CHMOD_MODE).add();
    sc(80, "chdir").strs(0).p("res", RES, Fmt.ERRNO).p("path", BLOB0, Fmt.STR).add();
    sc(81, "fchdir").fileFd(arg(0)).fd(ARG0, false).p("res", RES, Fmt.ERRNO).p("fd", ARG0, Fmt.FD).add();
    sc(165, "mount").strs(0, 1, 2).p("res", RES, Fmt.ERRNO).p("dev", BLOB0, Fmt.STR).p("dir", BLOB1, Fmt.PATH)
        .p("type", BLOB2, Fmt.STR).p("flags", ARG3, Fmt.MOUNT_FLAGS).p("data", NONE, Fmt.NONE).add();
    // network
    sc(41, "socket").fd(RES, true).p("fd", RES, Fmt.FD).p("domain", ARG0, Fmt.SOCK_DOMAIN).p("type", ARG1, Fmt.DEC)
        .p("proto", ARG2, Fmt.DEC).add();
    sc(42, "connect").sockFd(arg(0)).uaddr(1, arg(2)).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("tuple", TUPLE, Fmt.TUPLE).p("fd", ARG0, Fmt.FD).p("addr", UADDR, Fmt.SOCKADDR).add();
    sc(43, "accept").sockFd(SyscallDef.FD_RET).uaddr(1, 0x80 | arg(2)).fd(RES, true)
        .p("fd", RES, Fmt.FD).p("tuple", TUPLE, Fmt.TUPLE).p("queuepct", NONE, Fmt.NONE)
        .p("queuelen", NONE, Fmt.NONE).p("queuemax", NONE, Fmt.NONE).add();
    sc(288, "accept4").sockFd(SyscallDef.FD_RET).uaddr(1, 0x80 | arg(2)).fd(RES, true)
        .p("fd", RES, Fmt.FD).p("tuple", TUPLE, Fmt.TUPLE).p("queuepct", NONE, Fmt.NONE)
        .p("queuelen", NONE, Fmt.NONE).p("queuemax", NONE, Fmt.NONE).p("flags", ARG3, Fmt.ACCEPT4_FLAGS).add();
    sc(50, "listen").sockFd(arg(0)).fd(ARG0, false).p("res", RES, Fmt.ERRNO).p("fd", ARG0, Fmt.FD)
        .p("backlog", ARG1, Fmt.DEC).add();
    // opt-in (OPT_IN): data is evt.buffer, captured up to the snaplen
    sc(0, "read").fileFd(arg(0)).data(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("data", NONE, Fmt.NONE).p("fd", ARG0, Fmt.FD).p("size", ARG2, Fmt.DEC).add();
    sc(1, "write").fileFd(arg(0)).data(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("data", NONE, Fmt.NONE).p("fd", ARG0, Fmt.FD).p("size", ARG2, Fmt.DEC).add();
    sc(44, "sendto").sockFd(arg(0)).uaddr(4, arg(5)).data(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("data", NONE, Fmt.NONE).p("fd", ARG0, Fmt.FD).p("size", ARG2, Fmt.DEC)
        .p("tuple", TUPLE, Fmt.TUPLE).add();
    sc(46, "sendmsg").sockFd(arg(0)).msghdr(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("data", NONE, Fmt.NONE).p("fd", ARG0, Fmt.FD).p("size", NONE, Fmt.NONE)
        .p("tuple", TUPLE, Fmt.TUPLE).add();
    sc(45, "recvfrom").sockFd(arg(0)).uaddr(4, 0x80 | arg(5)).data(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("data", NONE, Fmt.NONE).p("tuple", TUPLE, Fmt.TUPLE).p("fd", ARG0, Fmt.FD)
        .p("size", ARG2, Fmt.DEC).add();
    sc(47, "recvmsg").sockFd(arg(0)).msghdr(1).fd(ARG0, false)
        .p("res", RES, Fmt.ERRNO).p("size", NONE, Fmt.NONE).p("data", NONE, Fmt.NONE).p("tuple", TUPLE, Fmt.TUPLE)
        .p("msgcontrol", NONE, Fmt.NONE).p("fd", ARG0, Fmt.FD).add();
    // fds
    sc(32, "dup").fileFd(arg(0)).sockFd(arg(0)).fd(RES, true).p("res", RES, Fmt.FD).p("oldfd", ARG0, Fmt.FD).add();
    sc(33, "dup2").fileFd(arg(0)).sockFd(arg(0)).fd(RES, true).p("res", RES, Fmt.FD).p("oldfd", ARG0, Fmt.FD)
        .p("newfd", ARG1, Fmt.FD).add();
    sc(292, "dup3").fileFd(arg(0)).sockFd(arg(0)).fd(RES, true).p("res", RES, Fmt.FD).p("oldfd", ARG0, Fmt.FD)
        .p("newfd", ARG1, Fmt.FD).p("flags", ARG2, Fmt.OPEN_FLAGS).add();
    sc(323, "userfaultfd").fd(RES, true).p("res", RES, Fmt.ERRNO).p("flags", ARG0, Fmt.OPEN_FLAGS).add();
    // identity, namespaces, privileged operations
    sc(105, "setuid").p("res", RES, Fmt.ERRNO).p("uid", ARG0, Fmt.UID).add();
    sc(106, "setgid").p("res", RES, Fmt.ERRNO).p("gid", ARG0, Fmt.GID).add();
    sc(117, "setresuid").p("res", RES, Fmt.ERRNO).p("ruid", ARG0, Fmt.UID).p("euid", ARG1, Fmt.UID)
        .p("suid", ARG2, Fmt.UID).add();
    sc(119, "setresgid").p("res", RES, Fmt.ERRNO).p("rgid", ARG0, Fmt.GID).p("egid", ARG1, Fmt.GID)
        .p("sgid", ARG2, Fmt.GID).add();
    sc(308, "setns").fileFd(arg(0)).fd(ARG0, false).p("res", RES, Fmt.ERRNO).p("fd", ARG0, Fmt.FD)
        .p("nstype", ARG1, Fmt.CLONE_FLAGS).add();
    sc(272, "unshare").p("res", RES, Fmt.ERRNO).p("flags", ARG0, Fmt.CLONE_FLAGS).add();
    sc(101, "ptrace").p("res", RES, Fmt.ERRNO).p("addr", ARG2, Fmt.HEX).p("data", ARG3, Fmt.HEX)
        .p("request", ARG0, Fmt.PTRACE_REQ).p("pid", ARG1, Fmt.PID).add();
    sc(321, "bpf").p("fd", RES, Fmt.FD).p("cmd", ARG0, Fmt.BPF_CMD).add();
    sc(175, "init_module").strs(2).p("res", RES, Fmt.ERRNO).p("img", NONE, Fmt.NONE).p("length", ARG1, Fmt.DEC)
        .p("uargs", BLOB0, Fmt.STR).add();
    sc(313, "finit_module").strs(1).fileFd(arg(0)).fd(ARG0, false).p("res", RES, Fmt.ERRNO).p("fd", ARG0, Fmt.FD)
        .p("uargs", BLOB0, Fmt.STR).p("flags", ARG2, Fmt.HEX).add();
    // processes: success records come from sched_process_exec / sched_process_fork
    sc(59, "execve").kind(SyscallDef.KIND_EXEC).strs(0).p("res", RES, Fmt.ERRNO).p("filename", BLOB0, Fmt.PATH).add();
    sc(322, "execveat").kind(SyscallDef.KIND_EXEC).strs(1).p("res", RES, Fmt.ERRNO).p("dirfd", ARG0, Fmt.FD)
        .rel("pathname", BLOB0, ARG0).p("flags", ARG4, Fmt.HEX).add();
    sc(56, "clone").kind(SyscallDef.KIND_FORK).add();
    sc(57, "fork").kind(SyscallDef.KIND_FORK).add();
    sc(58, "vfork").kind(SyscallDef.KIND_FORK).add();
    sc(435, "clone3").kind(SyscallDef.KIND_FORK).add();
  }

  /** every name the collector can trace */
  public static Collection<SyscallDef> all() {
    return Collections.unmodifiableCollection(BY_NAME.values());
  }

  public static SyscallDef byName(String name) {
    return BY_NAME.get(name);
  }

  public static SyscallDef byNr(int nr) {
    return nr >= 0 && nr < BY_NR.length ? BY_NR[nr] : null;
  }

  /**
   * Resolves a user selection (names; empty = all) into the traced set. chdir/fchdir join whenever anything is
   * traced because the cwd they change resolves every relative path; exec and fork records keep the process table
   * right, so they are always traced too.
   */
  public static List<SyscallDef> select(Collection<String> names) {
    if (names == null || names.isEmpty()) {
      return BY_NAME.values().stream().filter(d -> !OPT_IN.contains(d.name())).toList();
    }
    Map<String, SyscallDef> out = new LinkedHashMap<>();
    for (String n : names) {
      SyscallDef d = BY_NAME.get(n.trim());
      if (d == null) {
        throw new IllegalArgumentException("unknown syscall '" + n + "' in --syscalls; known: " + BY_NAME.keySet());
      }
      out.put(d.name(), d);
    }
    for (String always : List.of("execve", "execveat", "clone", "fork", "vfork", "clone3", "chdir", "fchdir")) {
      out.putIfAbsent(always, BY_NAME.get(always));
    }
    return List.copyOf(out.values());
  }
}
