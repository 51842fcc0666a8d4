package dev.eyrie.collector.event;

import java.util.HashMap;
import java.util.Map;

/** Renders numeric syscall arguments the way Falco prints them: flag names joined by '|', errno names. */
public final class Render {
  private Render() {}

  private record Flag(long bit, String name) {}

  private static final Flag[] OPEN = {
      new Flag(0x40, "O_CREAT"), new Flag(0x80, "O_EXCL"), new Flag(0x100, "O_NOCTTY"), new Flag(0x200, "O_TRUNC"),
      new Flag(0x400, "O_APPEND"), new Flag(0x800, "O_NONBLOCK"), new Flag(0x101000, "O_SYNC"),
      new Flag(0x1000, "O_DSYNC"), new Flag(0x2000, "O_ASYNC"), new Flag(0x4000, "O_DIRECT"),
      new Flag(0x8000, "O_LARGEFILE"), new Flag(0x410000, "O_TMPFILE"), new Flag(0x10000, "O_DIRECTORY"),
      new Flag(0x20000, "O_NOFOLLOW"), new Flag(0x40000, "O_NOATIME"), new Flag(0x80000, "O_CLOEXEC"),
      new Flag(0x200000, "O_PATH")};

  private static final Flag[] CHMOD = {
      new Flag(04000, "S_ISUID"), new Flag(02000, "S_ISGID"), new Flag(01000, "S_ISVTX"),
      new Flag(0400, "S_IRUSR"), new Flag(0200, "S_IWUSR"), new Flag(0100, "S_IXUSR"),
      new Flag(040, "S_IRGRP"), new Flag(020, "S_IWGRP"), new Flag(010, "S_IXGRP"),
      new Flag(04, "S_IROTH"), new Flag(02, "S_IWOTH"), new Flag(01, "S_IXOTH")};

  private static final Flag[] CLONE = {
      new Flag(0x100, "CLONE_VM"), new Flag(0x200, "CLONE_FS"), new Flag(0x400, "CLONE_FILES"),
      new Flag(0x800, "CLONE_SIGHAND"), new Flag(0x1000, "CLONE_PIDFD"), new Flag(0x2000, "CLONE_PTRACE"),
      new Flag(0x4000, "CLONE_VFORK"), new Flag(0x8000, "CLONE_PARENT"), new Flag(0x10000, "CLONE_THREAD"),
      new Flag(0x20000, "CLONE_NEWNS"), new Flag(0x40000, "CLONE_SYSVSEM"), new Flag(0x80000, "CLONE_SETTLS"),
      new Flag(0x100000, "CLONE_PARENT_SETTID"), new Flag(0x200000, "CLONE_CHILD_CLEARTID"),
      new Flag(0x400000, "CLONE_DETACHED"), new Flag(0x800000, "CLONE_UNTRACED"),
      new Flag(0x1000000, "CLONE_CHILD_SETTID"), new Flag(0x2000000, "CLONE_NEWCGROUP"),
      new Flag(0x4000000, "CLONE_NEWUTS"), new Flag(0x8000000, "CLONE_NEWIPC"), new Flag(0x10000000, "CLONE_NEWUSER"),
      new Flag(0x20000000, "CLONE_NEWPID"), new Flag(0x40000000, "CLONE_NEWNET"), new Flag(0x80000000L, "CLONE_IO")};

  private static final Flag[] MOUNT = {
      new Flag(1, "RDONLY"), new Flag(2, "NOSUID"), new Flag(4, "NODEV"), new Flag(8, "NOEXEC"),
      new Flag(16, "SYNCHRONOUS"), new Flag(32, "REMOUNT"), new Flag(64, "MANDLOCK"), new Flag(128, "DIRSYNC"),
      new Flag(1024, "NOATIME"), new Flag(2048, "NODIRATIME"), new Flag(4096, "BIND"), new Flag(8192, "MOVE"),
      new Flag(16384, "REC"), new Flag(32768, "SILENT"), new Flag(1 << 16, "POSIXACL"),
      new Flag(1 << 17, "UNBINDABLE"), new Flag(1 << 18, "PRIVATE"), new Flag(1 << 19, "SLAVE"),
      new Flag(1 << 20, "SHARED"), new Flag(1 << 21, "RELATIME"), new Flag(1 << 22, "KERNMOUNT"),
      new Flag(1 << 23, "I_VERSION"), new Flag(1 << 24, "STRICTATIME"), new Flag(1 << 25, "LAZYTIME")};

  private static final Flag[] UNLINKAT = {new Flag(0x200, "AT_REMOVEDIR")};
  private static final Flag[] LINKAT = {new Flag(0x400, "AT_SYMLINK_FOLLOW"), new Flag(0x1000, "AT_EMPTY_PATH")};
  private static final Flag[] RESOLVE = {new Flag(0x08, "RESOLVE_BENEATH"), new Flag(0x10, "RESOLVE_IN_ROOT"),
      new Flag(0x02, "RESOLVE_NO_MAGICLINKS"), new Flag(0x04, "RESOLVE_NO_SYMLINKS"), new Flag(0x01, "RESOLVE_NO_XDEV"),
      new Flag(0x20, "RESOLVE_CACHED")};
  private static final Flag[] RENAMEAT2 = {new Flag(1, "RENAME_NOREPLACE"), new Flag(2, "RENAME_EXCHANGE"),
      new Flag(4, "RENAME_WHITEOUT")};
  private static final Flag[] ACCEPT4 = {new Flag(0x800, "SOCK_NONBLOCK"), new Flag(0x80000, "SOCK_CLOEXEC")};

  private static final Map<Long, String> PTRACE = new HashMap<>();
  private static final Map<Long, String> DOMAINS = new HashMap<>();
  private static final String[] BPF_CMDS = {"BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM",
      "BPF_MAP_DELETE_ELEM", "BPF_MAP_GET_NEXT_KEY", "BPF_PROG_LOAD", "BPF_OBJ_PIN", "BPF_OBJ_GET",
      "BPF_PROG_ATTACH", "BPF_PROG_DETACH", "BPF_PROG_TEST_RUN", "BPF_PROG_GET_NEXT_ID", "BPF_MAP_GET_NEXT_ID",
      "BPF_PROG_GET_FD_BY_ID", "BPF_MAP_GET_FD_BY_ID", "BPF_OBJ_GET_INFO_BY_FD", "BPF_PROG_QUERY",
      "BPF_RAW_TRACEPOINT_OPEN", "BPF_BTF_LOAD", "BPF_BTF_GET_FD_BY_ID", "BPF_TASK_FD_QUERY",
      "BPF_MAP_LOOKUP_AND_DELETE_ELEM", "BPF_MAP_FREEZE", "BPF_BTF_GET_NEXT_ID", "BPF_MAP_LOOKUP_BATCH",
      "BPF_MAP_LOOKUP_AND_DELETE_BATCH", "BPF_MAP_UPDATE_BATCH", "BPF_MAP_DELETE_BATCH", "BPF_LINK_CREATE",
      "BPF_LINK_UPDATE", "BPF_LINK_GET_FD_BY_ID", "BPF_LINK_GET_NEXT_ID", "BPF_ENABLE_STATS", "BPF_ITER_CREATE",
      "BPF_LINK_DETACH", "BPF_PROG_BIND_MAP", "BPF_TOKEN_CREATE"};
  private static final String[] ERRNO = new String[134];

  static {
    String[] pt = {"0:PTRACE_TRACEME", "1:PTRACE_PEEKTEXT", "2:PTRACE_PEEKDATA", "3:PTRACE_PEEKUSR",
        "4:PTRACE_POKETEXT", "5:PTRACE_POKEDATA", "6:PTRACE_POKEUSR", "7:PTRACE_CONT", "8:PTRACE_KILL",
        "9:PTRACE_SINGLESTEP", "12:PTRACE_GETREGS", "13:PTRACE_SETREGS", "14:PTRACE_GETFPREGS",
        "15:PTRACE_SETFPREGS", "16:PTRACE_ATTACH", "17:PTRACE_DETACH", "24:PTRACE_SYSCALL",
        "16896:PTRACE_SETOPTIONS", "16897:PTRACE_GETEVENTMSG", "16898:PTRACE_GETSIGINFO",
        "16899:PTRACE_SETSIGINFO", "16900:PTRACE_GETREGSET", "16901:PTRACE_SETREGSET", "16902:PTRACE_SEIZE",
        "16903:PTRACE_INTERRUPT", "16904:PTRACE_LISTEN"};
    for (String s : pt) {
      int c = s.indexOf(':');
      PTRACE.put(Long.parseLong(s.substring(0, c)), s.substring(c + 1));
    }
    String[] af = {"0:AF_UNSPEC", "1:AF_UNIX", "2:AF_INET", "3:AF_AX25", "4:AF_IPX", "5:AF_APPLETALK",
        "6:AF_NETROM", "7:AF_BRIDGE", "8:AF_ATMPVC", "9:AF_X25", "10:AF_INET6", "11:AF_ROSE", "12:AF_DECnet",
        "13:AF_NETBEUI", "14:AF_SECURITY", "15:AF_KEY", "16:AF_NETLINK", "17:AF_PACKET", "18:AF_ASH",
        "19:AF_ECONET", "20:AF_ATMSVC", "21:AF_RDS", "22:AF_SNA", "23:AF_IRDA", "24:AF_PPPOX", "25:AF_WANPIPE",
        "26:AF_LLC", "27:AF_IB", "28:AF_MPLS", "29:AF_CAN", "30:AF_TIPC", "31:AF_BLUETOOTH", "32:AF_IUCV",
        "33:AF_RXRPC", "34:AF_ISDN", "35:AF_PHONET", "36:AF_IEEE802154", "37:AF_CAIF", "38:AF_ALG", "39:AF_NFC",
        "40:AF_VSOCK", "41:AF_KCM", "42:AF_QIPCRTR", "43:AF_SMC", "44:AF_XDP", "45:AF_MCTP"};
    for (String s : af) {
      int c = s.indexOf(':');
      DOMAINS.put(Long.parseLong(s.substring(0, c)), s.substring(c + 1));
    }
    String[] e = {"", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF", "ECHILD",
        "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV", "ENODEV", "ENOTDIR", "EISDIR",
        "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE",
        "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP", "", "ENOMSG",
        "EIDRM", "ECHRNG", "EL2NSYNC", "EL3HLT", "EL3RST", "ELNRNG", "EUNATCH", "ENOCSI", "EL2HLT", "EBADE", "EBADR",
        "EXFULL", "ENOANO", "EBADRQC", "EBADSLT", "", "EBFONT", "ENOSTR", "ENODATA", "ETIME", "ENOSR", "ENONET",
        "ENOPKG", "EREMOTE", "ENOLINK", "EADV", "ESRMNT", "ECOMM", "EPROTO", "EMULTIHOP", "EDOTDOT", "EBADMSG",
        "EOVERFLOW", "ENOTUNIQ", "EBADFD", "EREMCHG", "ELIBACC", "ELIBBAD", "ELIBSCN", "ELIBMAX", "ELIBEXEC",
        "EILSEQ", "ERESTART", "ESTRPIPE", "EUSERS", "ENOTSOCK", "EDESTADDRREQ", "EMSGSIZE", "EPROTOTYPE",
        "ENOPROTOOPT", "EPROTONOSUPPORT", "ESOCKTNOSUPPORT", "EOPNOTSUPP", "EPFNOSUPPORT", "EAFNOSUPPORT",
        "EADDRINUSE", "EADDRNOTAVAIL", "ENETDOWN", "ENETUNREACH", "ENETRESET", "ECONNABORTED", "ECONNRESET",
        "ENOBUFS", "EISCONN", "ENOTCONN", "ESHUTDOWN", "ETOOMANYREFS", "ETIMEDOUT", "ECONNREFUSED", "EHOSTDOWN",
        "EHOSTUNREACH", "EALREADY", "EINPROGRESS", "ESTALE", "EUCLEAN", "ENOTNAM", "ENAVAIL", "EISNAM",
        "EREMOTEIO", "EDQUOT", "ENOMEDIUM", "EMEDIUMTYPE", "ECANCELED", "ENOKEY", "EKEYEXPIRED", "EKEYREVOKED",
        "EKEYREJECTED", "EOWNERDEAD", "ENOTRECOVERABLE", "ERFKILL", "EHWPOISON"};
    System.arraycopy(e, 0, ERRNO, 0, Math.min(e.length, ERRNO.length));
  }

  private static String flags(long v, Flag[] table) {
    StringBuilder sb = new StringBuilder();
    long seen = 0;
    for (Flag f : table) {
      if ((v & f.bit) == f.bit && (seen & f.bit) != f.bit) {
        if (sb.length() > 0) {
          sb.append('|');
        }
        sb.append(f.name);
        seen |= f.bit;
      }
    }
    return sb.toString();
  }

  /** O_RDONLY/O_WRONLY/O_RDWR first, then the other flags: 'O_RDONLY|O_CLOEXEC' */
  public static String openFlags(long v) {
    String access = switch ((int) (v & 3)) {
      case 1 -> "O_WRONLY";
      case 2 -> "O_RDWR";
      default -> (v & 0x200000) != 0 ? "" : "O_RDONLY";
    };
    String rest = flags(v, OPEN);
    if (access.isEmpty()) {
      return rest;
    }
    return rest.isEmpty() ? access : access + "|" + rest;
  }

  public static String chmodMode(long v) {
    return flags(v, CHMOD);
  }

  public static String cloneFlags(long v) {
    return flags(v, CLONE);
  }

  public static String errno(long res) {
    if (res >= 0) {
      return dec(res);
    }
    long n = -res;
    String name = n < ERRNO.length ? ERRNO[(int) n] : null;
    return name == null || name.isEmpty() ? Long.toString(res) : name;
  }

  private static final String[] SMALL = new String[1280];

  /**
   * Text of values that recur (open flags, modes, devices), direct-mapped by value: no boxing, no lock. Entries are
   * immutable, so threads racing on a slot only recompute.
   */
  private record Cached(long value, String text) {}

  private static final Cached[] OPEN_CACHE = new Cached[256];
  private static final Cached[] OCT_CACHE = new Cached[256];
  private static final Cached[] DEV_CACHE = new Cached[64];

  private static String cached(Cached[] cache, long v, java.util.function.LongFunction<String> render) {
    int slot = (int) (v ^ (v >>> 17) ^ (v >>> 32)) & (cache.length - 1);
    Cached c = cache[slot];
    if (c != null && c.value == v) {
      return c.text;
    }
    String text = render.apply(v);
    cache[slot] = new Cached(v, text);
    return text;
  }

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = Long.toString(i - 256);
    }
  }

  /** decimal text, without allocating for the small numbers (fds, pids of short ranges, errnos) that dominate */
  public static String dec(long v) {
    return v >= -256 && v < SMALL.length - 256 ? SMALL[(int) v + 256] : Long.toString(v);
  }

  public static String render(Fmt fmt, long v) {
    return switch (fmt) {
      case DEC, FD, PID -> dec(v);
      case UID, GID -> Long.toString(v & 0xffffffffL);
      case HEX -> "0x" + Long.toHexString(v);
      case OCT -> cached(OCT_CACHE, v, x -> "0" + Long.toOctalString(x));
      case ERRNO -> errno(v);
      case OPEN_FLAGS -> cached(OPEN_CACHE, v, Render::openFlags);
      case CHMOD_MODE -> chmodMode(v);
      case CLONE_FLAGS -> cloneFlags(v);
      case SOCK_DOMAIN -> DOMAINS.getOrDefault(v, Long.toString(v));
      case PTRACE_REQ -> PTRACE.getOrDefault(v, Long.toString(v));
      case UNLINKAT_FLAGS -> flags(v, UNLINKAT);
      case RENAMEAT2_FLAGS -> flags(v, RENAMEAT2);
      case RESOLVE_FLAGS -> flags(v, RESOLVE);
      case LINKAT_FLAGS -> flags(v, LINKAT);
      case MOUNT_FLAGS -> flags(v, MOUNT);
      case ACCEPT4_FLAGS -> flags(v, ACCEPT4);
      case BPF_CMD -> v >= 0 && v < BPF_CMDS.length ? BPF_CMDS[(int) v] : Long.toString(v);
      case DEV -> cached(DEV_CACHE, v, x -> "0x" + Long.toHexString(x));
      default -> Long.toString(v);
    };
  }

  /** Linux RESOLVE_* bits to Falco's PPM_RESOLVE_* (libs ppm_events_public.h), in the order of {@link #RESOLVE} */
  public static long ppmResolve(long v) {
    long r = 0;
    for (int i = 0; i < RESOLVE.length; i++) {
      if ((v & RESOLVE[i].bit) != 0) {
        r |= 1L << i;
      }
    }
    return r;
  }

  /**
   * Linux O_* open flags to Falco's portable PPM_O_* bits (libs ppm_events_public.h), the encoding the schema's
   * fd.open_flags and Falco's evt.rawarg.flags use. {@code created}: the open created the file (PPM_O_F_CREATED).
   */
  public static long ppmOpenFlags(long v, boolean created) {
    long r = switch ((int) (v & 3)) {
      case 0 -> 1; // PPM_O_RDONLY
      case 1 -> 2; // PPM_O_WRONLY
      default -> 3; // PPM_O_RDWR
    };
    if ((v & 0x40) != 0) r |= 1 << 2;      // CREAT
    if ((v & 0x400) != 0) r |= 1 << 3;     // APPEND
    if ((v & 0x1000) != 0) r |= 1 << 4;    // DSYNC
    if ((v & 0x80) != 0) r |= 1 << 5;      // EXCL
    if ((v & 0x800) != 0) r |= 1 << 6;     // NONBLOCK
    if ((v & 0x101000) == 0x101000) r |= 1 << 7; // SYNC
    if ((v & 0x200) != 0) r |= 1 << 8;     // TRUNC
    if ((v & 0x4000) != 0) r |= 1 << 9;    // DIRECT
    if ((v & 0x10000) != 0) r |= 1 << 10;  // DIRECTORY
    if ((v & 0x8000) != 0) r |= 1 << 11;   // LARGEFILE
    if ((v & 0x80000) != 0) r |= 1 << 12;  // CLOEXEC
    if ((v & 0x410000) == 0x410000) r |= 1 << 13; // TMPFILE
    if (created) r |= 1 << 14;             // F_CREATED
    return r;
  }

  /** kernel-internal dev_t (major << 20 | minor) to the userspace encoding Falco reports */
  public static long userDev(long kdev) {
    long major = kdev >>> 20;
    long minor = kdev & 0xfffff;
    return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
  }
}
