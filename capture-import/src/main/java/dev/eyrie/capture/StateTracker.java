package dev.eyrie.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds process, fd, user and container state from the capture's tables and its events, following
 * libsinsp's parser: threads and fds start from the PL/FDL blocks and change with clone/execve/open/
 * socket/connect/close/... exits; enter parameters are kept per thread and complete the matching exit.
 */
final class StateTracker {
    static final int CLONE_FILES = 1, CLONE_FS = 2, CLONE_THREAD = 1 << 13;
    static final long O_DIRECTORY = 1 << 10;
    static final long AT_FDCWD = -100;

    final Map<Long, ThreadInfo> threads = new HashMap<>();
    final Map<Long, Metadata.UserRecord> users = new HashMap<>();
    final Map<Long, Metadata.GroupRecord> groups = new HashMap<>();
    final Map<String, ContainerInfo> containers = new HashMap<>();

    /** Per-event outputs of {@link #process}. */
    ThreadInfo tinfo;
    FdInfo fdinfo;
    long fdnum = -1;
    RawEvent enter;
    boolean filteredOut;

    private final SocketTuples tuples;
    private long tidToRemove = -1;
    private final List<long[]> fdsToRemove = new ArrayList<>();

    StateTracker(Metadata meta) {
        tuples = new SocketTuples(meta.interfaces());
        for (Metadata.UserRecord u : meta.users()) users.put(u.uid(), u);
        for (Metadata.GroupRecord g : meta.groups()) groups.put(g.gid(), g);
        for (Metadata.ProcRecord p : meta.procs()) {
            ThreadInfo t = new ThreadInfo(p.tid());
            t.pid = p.pid(); t.ptid = p.ptid(); t.sid = p.sid(); t.vpgid = p.vpgid(); t.vtid = p.vtid(); t.vpid = p.vpid();
            t.comm = p.comm(); t.exe = p.exe(); t.exepath = p.exepath(); t.args = p.args(); t.env = p.env();
            t.cwd = withSlash(p.cwd()); t.fdlimit = p.fdlimit(); t.flags = p.flags(); t.uid = p.uid(); t.gid = p.gid();
            t.loginuid = p.loginuid(); t.tty = p.tty(); t.cgroups = p.cgroups();
            t.capInheritable = p.capInheritable(); t.capPermitted = p.capPermitted(); t.capEffective = p.capEffective();
            t.exeIno = p.exeIno(); t.exeWritable = p.exeWritable(); t.exeUpperLayer = p.exeUpperLayer(); t.exeFromMemfd = p.exeFromMemfd();
            t.containerId = containerIdOf(t.cgroups);
            threads.put(t.tid, t);
        }
        for (Metadata.FdRecord r : meta.fds()) {
            ThreadInfo t = threads.get(r.tid());
            if (t == null) continue;
            t.fds.put(r.fd(), fromRecord(r));
        }
        // /proc lists both ends of a connection local-first; libsinsp orders tuples client->server, using the
        // ports something listens on to tell which end is the server
        java.util.Set<Integer> listening = new java.util.HashSet<>();
        for (ThreadInfo t : threads.values()) {
            for (FdInfo f : t.fds.values()) if (f.type == FdInfo.Type.IPV4_SERVSOCK || f.type == FdInfo.Type.IPV6_SERVSOCK) listening.add(f.sport);
        }
        for (ThreadInfo t : threads.values()) {
            for (FdInfo f : t.fds.values()) {
                if ((f.type == FdInfo.Type.IPV4_SOCK || f.type == FdInfo.Type.IPV6_SOCK) && f.sip != null && f.dip != null) {
                    if (listening.contains(f.sport) && !listening.contains(f.dport)) {
                        byte[] ip = f.sip; f.sip = f.dip; f.dip = ip;
                        int pt = f.sport; f.sport = f.dport; f.dport = pt;
                        f.server = true;
                    } else {
                        f.client = true;
                    }
                    f.name = tupleName(f);
                }
            }
        }
        // threads of a process share its fd table and working directory
        for (ThreadInfo t : threads.values()) {
            if (t.tid != t.pid) {
                ThreadInfo main = threads.get(t.pid);
                if (main != null) { t.fds = main.fds; t.cwdOwner = main; }
            }
        }
    }

    private static FdInfo fromRecord(Metadata.FdRecord r) {
        FdInfo f = new FdInfo(FdInfo.Type.of(r.scapType()));
        f.ino = r.ino();
        f.openFlags = r.openFlags();
        f.dev = r.dev();
        f.l4proto = r.l4proto();
        switch (f.type) {
            case IPV4_SOCK, IPV6_SOCK -> {
                f.sip = r.sip(); f.dip = r.dip(); f.sport = r.sport(); f.dport = r.dport();
                f.name = tupleName(f);
            }
            case IPV4_SERVSOCK, IPV6_SERVSOCK -> {
                f.sip = r.sip(); f.sport = r.sport(); f.server = true;
                f.name = serverName(f);
            }
            case UNIX_SOCK -> { f.unixSource = r.unixSource(); f.unixDest = r.unixDest(); f.name = r.name(); }
            default -> f.name = r.name();
        }
        return f;
    }

    static String tupleName(FdInfo f) {
        if (f.sip == null || f.dip == null) return "";
        if (f.sip.length == 16 && f.dip.length == 16) {
            return Formats.ipv6(f.sip, 0) + ":" + f.sport + "->" + Formats.ipv6(f.dip, 0) + ":" + f.dport;
        }
        return Formats.ip(f.sip) + ":" + f.sport + "->" + Formats.ip(f.dip) + ":" + f.dport;
    }

    static String serverName(FdInfo f) {
        return f.sip == null ? "" : Formats.ip(f.sip) + ":" + f.sport;
    }

    /** container.id from cgroup paths: the 12-char prefix of a 64-hex docker/containerd/cri-o id, else "host". */
    static String containerIdOf(List<String> cgroups) {
        for (String cg : cgroups) {
            int eq = cg.indexOf('=');
            String path = eq >= 0 ? cg.substring(eq + 1) : cg;
            String[] parts = path.split("/");
            for (String part : parts) {
                String s = part;
                if (s.endsWith(".scope")) s = s.substring(0, s.length() - 6);
                int dash = s.lastIndexOf('-');
                if (dash >= 0) s = s.substring(dash + 1);
                if (s.length() == 64 && isHex(s)) return s.substring(0, 12);
            }
        }
        return "";
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    static String withSlash(String d) { return d.endsWith("/") ? d : d + "/"; }

    ThreadInfo lookup(long tid) { return threads.get(tid); }

    /** Like libsinsp's lookup with OS query: unknown threads get a placeholder named <NA>. */
    private ThreadInfo lookupOrFake(long tid) {
        ThreadInfo t = threads.get(tid);
        if (t == null) {
            t = new ThreadInfo(tid);
            t.comm = "<NA>";
            t.exe = "<NA>";
            t.fake = true;
            threads.put(tid, t);
        }
        return t;
    }

    /** Applies removals libsinsp delays by one event (so close/exit can still be rendered). */
    void beforeEvent() {
        if (tidToRemove != -1) {
            threads.remove(tidToRemove);
            tidToRemove = -1;
        }
        for (long[] r : fdsToRemove) {
            ThreadInfo t = threads.get(r[0]);
            if (t != null) t.fds.remove(r[1]);
        }
        fdsToRemove.clear();
    }

    void process(RawEvent e) {
        tinfo = null;
        fdinfo = null;
        fdnum = -1;
        enter = null;
        filteredOut = false;
        int type = e.type();
        EventTable.EventInfo info = e.info();
        beforeEvent();
        if (type >= ScapFile.USER_ADDED_E && type <= ScapFile.GROUP_DELETED_X) {
            parseUserEvent(e);
            return;
        }
        if ((info.flags() & EventTable.EF_SKIPPARSERESET) != 0) {
            if (type == Codes.PROCINFO_E) tinfo = threads.get(e.tid());
            return;
        }
        if (type == Codes.CONTAINER_JSON_E || type == Codes.CONTAINER_JSON_2_E) {
            parseContainerJson(e);
            return;
        }
        boolean isClone = Codes.isCloneExit(type);
        if (isClone || type == Codes.SCHEDSWITCH_6_E || type == Codes.SCHEDSWITCH_1_E) {
            tinfo = threads.get(e.tid());
        } else {
            tinfo = lookupOrFake(e.tid());
        }
        if (type == Codes.SCHEDSWITCH_6_E || type == Codes.SCHEDSWITCH_1_E) return;
        if (tinfo == null) {
            if (isClone) parseCloneExit(e);
            return;
        }
        boolean usesFd = (info.flags() & EventTable.EF_USES_FD) != 0;
        boolean valid = true;
        if (e.isEnter()) {
            tinfo.lastEventFd = -1;
            tinfo.lastEventType = type;
            tinfo.lastEnter = e;
            if (usesFd && e.nparams() > 0) {
                tinfo.lastEventFd = e.paramLong(0);
                fdnum = tinfo.lastEventFd;
                fdinfo = tinfo.fd(fdnum);
            }
        } else {
            valid = tinfo.lastEventType + 1 == type;
            if (valid) enter = tinfo.lastEnter;
            if (valid && usesFd) {
                fdnum = tinfo.lastEventFd;
                fdinfo = tinfo.fd(fdnum);
            }
        }
        route(e, valid);
        if (!e.isEnter()) {
            // enter data is consumed by its exit; a later exit must not reuse it
            tinfo.lastEventType = -1;
        }
    }

    private void route(RawEvent e, boolean valid) {
        int type = e.type();
        switch (type) {
            case Codes.SENDTO_E -> { if (fdinfo == null) inferSendto(e); }
            case Codes.OPEN_X, Codes.CREAT_X, Codes.OPENAT_X, Codes.OPENAT_2_X, Codes.OPENAT2_X -> parseOpenExit(e);
            case Codes.SOCKET_X -> parseSocketExit(e);
            case Codes.BIND_X -> { if (valid) parseBindExit(e); }
            case Codes.CONNECT_E -> parseConnectEnter(e);
            case Codes.CONNECT_X -> { if (valid) parseConnectExit(e); }
            case Codes.READ_X, Codes.RECV_X, Codes.RECVFROM_X, Codes.RECVMSG_X, Codes.READV_X, Codes.PREAD_X, Codes.PREADV_X ->
                    parseRwExit(e, true);
            case Codes.WRITE_X, Codes.SEND_X, Codes.SENDTO_X, Codes.SENDMSG_X, Codes.WRITEV_X, Codes.PWRITE_X, Codes.PWRITEV_X ->
                    parseRwExit(e, false);
            case Codes.ACCEPT_X, Codes.ACCEPT_5_X, Codes.ACCEPT4_X, Codes.ACCEPT4_5_X, Codes.ACCEPT4_6_X -> parseAcceptExit(e);
            case Codes.CLOSE_X -> {
                if (valid && e.paramLong(0) >= 0 && fdinfo != null) fdsToRemove.add(new long[] {tinfo.tid, fdnum});
            }
            case Codes.PIPE_X, Codes.PIPE2_X -> parsePipeExit(e);
            case Codes.SOCKETPAIR_X -> parseSocketpairExit(e);
            case Codes.EVENTFD_X -> addSimpleFd(e, FdInfo.Type.EVENT, "");
            case Codes.SIGNALFD_X -> addSimpleFd(e, FdInfo.Type.SIGNALFD, "");
            case Codes.TIMERFD_CREATE_X -> addSimpleFd(e, FdInfo.Type.TIMERFD, "");
            case Codes.INOTIFY_INIT_X -> addSimpleFd(e, FdInfo.Type.INOTIFY, "");
            case Codes.EPOLL_CREATE_X, Codes.EPOLL_CREATE1_X -> addSimpleFd(e, FdInfo.Type.EVENTPOLL, "");
            case Codes.DUP_X, Codes.DUP2_X, Codes.DUP3_X, Codes.DUP_1_X -> parseDupExit(e);
            case Codes.FCNTL_X -> parseFcntlExit(e);
            case Codes.CHDIR_X -> parseChdirExit(e);
            case Codes.FCHDIR_X -> parseFchdirExit(e);
            case Codes.PROCEXIT_E, Codes.PROCEXIT_1_E -> tidToRemove = tinfo.tid;
            case Codes.SETUID_X -> { if (valid && e.paramLong(0) >= 0 && enter != null) tinfo.uid = enter.paramULong(0); }
            case Codes.SETGID_X -> { if (valid && e.paramLong(0) >= 0 && enter != null) tinfo.gid = enter.paramULong(0); }
            case Codes.SETRESUID_X -> {
                if (valid && e.paramLong(0) >= 0 && enter != null && enter.nparams() > 1 && enter.paramULong(1) != 0xffffffffL) tinfo.uid = enter.paramULong(1);
            }
            case Codes.SETRESGID_X -> {
                if (valid && e.paramLong(0) >= 0 && enter != null && enter.nparams() > 1 && enter.paramULong(1) != 0xffffffffL) tinfo.gid = enter.paramULong(1);
            }
            default -> {
                if (Codes.isCloneExit(type)) parseCloneExit(e);
                else if (Codes.isExecveExit(type)) parseExecveExit(e);
            }
        }
    }

    private int idx(RawEvent e, String name) { return e.indexOf(name); }

    private void parseCloneExit(RawEvent e) {
        long res = e.paramLong(0);
        if (res < 0) return;
        int iFlags = idx(e, "flags");
        long flags = iFlags >= 0 ? e.paramULong(iFlags) : 0;
        ThreadInfo parent;
        long childTid;
        if (res > 0) {
            parent = threads.get(e.tid());
            childTid = res;
            if (threads.containsKey(childTid) && !threads.get(childTid).fake) return;
            // inside a pid namespace the return value is a virtual pid: wait for the child's own exit
            if (parent == null || (parent.vtid > 0 && parent.vtid != parent.tid)) return;
        } else {
            childTid = e.tid();
            ThreadInfo existing = threads.get(childTid);
            if (existing != null && !existing.fake) {
                fillFromClone(existing, e, flags);
                tinfo = existing;
                return;
            }
            int iPtid = idx(e, "ptid");
            parent = iPtid >= 0 ? threads.get(e.paramLong(iPtid)) : null;
        }
        ThreadInfo c = new ThreadInfo(childTid);
        if (parent != null) {
            c.comm = parent.comm; c.exe = parent.exe; c.exepath = parent.exepath; c.args = parent.args; c.env = parent.env;
            c.uid = parent.uid; c.gid = parent.gid; c.loginuid = parent.loginuid; c.cgroups = parent.cgroups;
            c.containerId = parent.containerId; c.tty = parent.tty; c.sid = parent.sid; c.vpgid = parent.vpgid;
            c.cwd = parent.cwd(); c.fdlimit = parent.fdlimit;
            c.capEffective = parent.capEffective; c.capPermitted = parent.capPermitted; c.capInheritable = parent.capInheritable;
        }
        fillFromClone(c, e, flags);
        if (res > 0) {
            c.tid = childTid;
            c.ptid = e.tid();
            c.pid = (flags & CLONE_THREAD) != 0 && parent != null ? parent.pid : childTid;
        }
        ThreadInfo main = (flags & CLONE_THREAD) != 0 ? threads.get(c.pid) : null;
        if (main != null && main != c) {
            c.fds = main.fds;
            c.cwdOwner = main;
        } else if (parent != null) {
            if ((flags & CLONE_FILES) != 0) {
                c.fds = parent.fds;
            } else {
                Map<Long, FdInfo> copy = new HashMap<>();
                parent.fds.forEach((k, v) -> copy.put(k, v.copy()));
                c.fds = copy;
            }
        }
        c.startTs = e.ts();
        threads.put(childTid, c);
        if (res == 0) tinfo = c;
    }

    private void fillFromClone(ThreadInfo c, RawEvent e, long flags) {
        int i;
        if ((i = idx(e, "exe")) >= 0) c.exe = e.paramString(i);
        if ((i = idx(e, "args")) >= 0) c.args = ScapFile.splitNul(e.buffer(), e.paramOffset(i), e.paramLen(i));
        if ((i = idx(e, "pid")) >= 0) c.pid = e.paramLong(i);
        if ((i = idx(e, "ptid")) >= 0) c.ptid = e.paramLong(i);
        if ((i = idx(e, "cwd")) >= 0 && e.paramLen(i) > 0) c.cwd = withSlash(e.paramString(i));
        if ((i = idx(e, "fdlimit")) >= 0) c.fdlimit = e.paramLong(i);
        if ((i = idx(e, "comm")) >= 0) c.comm = e.paramString(i);
        else c.comm = c.exe;
        if ((i = idx(e, "cgroups")) >= 0) {
            c.cgroups = ScapFile.splitNul(e.buffer(), e.paramOffset(i), e.paramLen(i));
            c.containerId = containerIdOf(c.cgroups);
        }
        if ((i = idx(e, "uid")) >= 0) c.uid = e.paramULong(i);
        if ((i = idx(e, "gid")) >= 0) c.gid = e.paramULong(i);
        if ((i = idx(e, "vtid")) >= 0) c.vtid = e.paramLong(i);
        if ((i = idx(e, "vpid")) >= 0) c.vpid = e.paramLong(i);
        c.flags = flags;
        c.startTs = e.ts();
    }

    private void parseExecveExit(RawEvent e) {
        if (e.paramLong(0) < 0 || tinfo == null) return;
        ThreadInfo t = tinfo;
        int i;
        if ((i = idx(e, "exe")) >= 0) t.exe = e.paramString(i);
        if ((i = idx(e, "comm")) >= 0) t.comm = e.paramString(i); else t.comm = t.exe;
        if ((i = idx(e, "args")) >= 0) t.args = ScapFile.splitNul(e.buffer(), e.paramOffset(i), e.paramLen(i));
        if ((i = idx(e, "pid")) >= 0) t.pid = e.paramLong(i);
        if (t.ptid == -1 && (i = idx(e, "ptid")) >= 0) t.ptid = e.paramLong(i);
        if ((i = idx(e, "fdlimit")) >= 0) t.fdlimit = e.paramLong(i);
        if ((i = idx(e, "env")) >= 0) t.env = ScapFile.splitNul(e.buffer(), e.paramOffset(i), e.paramLen(i));
        if ((i = idx(e, "cgroups")) >= 0) {
            t.cgroups = ScapFile.splitNul(e.buffer(), e.paramOffset(i), e.paramLen(i));
            t.containerId = containerIdOf(t.cgroups);
        }
        if ((i = idx(e, "tty")) >= 0) t.tty = (int) e.paramLong(i);
        if ((i = idx(e, "loginuid")) >= 0) t.loginuid = e.paramULong(i);
        if ((i = idx(e, "uid")) >= 0) t.uid = e.paramULong(i);
        if ((i = idx(e, "cap_inheritable")) >= 0) t.capInheritable = e.paramLong(i);
        if ((i = idx(e, "cap_permitted")) >= 0) t.capPermitted = e.paramLong(i);
        if ((i = idx(e, "cap_effective")) >= 0) t.capEffective = e.paramLong(i);
        if ((i = idx(e, "exe_ino")) >= 0) t.exeIno = e.paramLong(i);
        if ((i = idx(e, "exe_writable")) >= 0 && e.paramLen(i) > 0) t.exeWritable = e.paramLong(i) != 0;
        if ((i = idx(e, "exe_upper_layer")) >= 0 && e.paramLen(i) > 0) t.exeUpperLayer = e.paramLong(i) != 0;
        if ((i = idx(e, "exe_from_memfd")) >= 0 && e.paramLen(i) > 0) t.exeFromMemfd = e.paramLong(i) != 0;
        if ((i = idx(e, "trusted_exepath")) >= 0 && e.paramLen(i) > 0) {
            t.exepath = e.paramString(i);
        } else if (enter != null && enter.nparams() > 0 && enter.indexOf("filename") == 0) {
            String fn = enter.paramString(0);
            t.exepath = fn.startsWith("<NA>") ? "<NA>" : Formats.concatenate(t.cwd(), fn);
        }
        t.startTs = e.ts();
    }

    private void parseOpenExit(RawEvent e) {
        if (tinfo == null) return;
        long fd = e.paramLong(0);
        int type = e.type();
        String name = "";
        long flags = 0;
        long dirfd = AT_FDCWD;
        long dev = 0;
        int i;
        if (type == Codes.OPENAT_X) {
            if (enter == null || enter.nparams() < 3) return;
            dirfd = enter.paramLong(0);
            name = enter.paramString(1);
            flags = enter.paramULong(2);
        } else {
            if ((i = idx(e, "name")) >= 0) name = e.paramString(i);
            if ((i = idx(e, "flags")) >= 0) flags = e.paramULong(i);
            if ((i = idx(e, "dirfd")) >= 0) dirfd = e.paramLong(i);
            if ((i = idx(e, "dev")) >= 0 && e.paramLen(i) == 4) dev = e.paramULong(i);
            if (enter != null) {
                int en = enter.indexOf("name");
                if (en >= 0 && enter.paramLen(en) > 0 && !enter.paramString(en).equals("(NULL)")) {
                    name = enter.paramString(en);
                    int ef = enter.indexOf("flags");
                    flags = ef >= 0 ? enter.paramULong(ef) : 0;
                    int ed = enter.indexOf("dirfd");
                    if (ed >= 0) dirfd = enter.paramLong(ed);
                }
            }
            if (type == Codes.CREAT_X) flags = 0;
        }
        String full = Formats.concatenate(dirFor(name, dirfd), name);
        if (fd >= 0) {
            FdInfo f = new FdInfo((flags & O_DIRECTORY) != 0 ? FdInfo.Type.DIRECTORY : FdInfo.Type.FILE_V2);
            f.openFlags = flags;
            f.dev = dev;
            f.name = full;
            f.nameRaw = name;
            tinfo.fds.put(fd, f);
            fdinfo = f;
            fdnum = fd;
        }
    }

    /** Base directory for a path relative to dirfd: the cwd for AT_FDCWD, else the directory fd's path. */
    String dirFor(String name, long dirfd) {
        if (!Formats.isRelative(name)) return "";
        if (dirfd == AT_FDCWD) return tinfo.cwd();
        FdInfo d = tinfo.fd(dirfd);
        return d == null ? "<UNKNOWN>/" : withSlash(d.name);
    }

    private void addSocket(long fd, long domain, long type, long proto) {
        FdInfo f;
        if (domain == 1) {
            f = new FdInfo(FdInfo.Type.UNIX_SOCK);
        } else if (domain == 2 || domain == 10) {
            f = new FdInfo(domain == 2 ? FdInfo.Type.IPV4_SOCK : FdInfo.Type.IPV6_SOCK);
            int l4 = FdInfo.L4_UNKNOWN;
            if (proto == 6) l4 = type == 3 ? FdInfo.L4_RAW : FdInfo.L4_TCP;
            else if (proto == 17) l4 = type == 3 ? FdInfo.L4_RAW : FdInfo.L4_UDP;
            else if (proto == 0) {
                if ((type & 0xff) == 1) l4 = FdInfo.L4_TCP;
                else if ((type & 0xff) == 2) l4 = FdInfo.L4_UDP;
            } else if (proto == 1) l4 = type == 3 ? FdInfo.L4_RAW : FdInfo.L4_ICMP;
            else if (proto == 255) l4 = FdInfo.L4_RAW;
            f.l4proto = l4;
        } else if (domain == 16) {
            f = new FdInfo(FdInfo.Type.NETLINK);
        } else {
            return;
        }
        tinfo.fds.put(fd, f);
        fdinfo = f;
        fdnum = fd;
    }

    private void parseSocketExit(RawEvent e) {
        long fd = e.paramLong(0);
        if (fd < 0 || enter == null || enter.nparams() < 3) return;
        addSocket(fd, enter.paramULong(0), enter.paramULong(1), enter.paramULong(2));
    }

    private void inferSendto(RawEvent e) {
        if (e.nparams() < 3 || e.paramLen(2) == 0) return;
        long fd = e.paramLong(0);
        if (fd < 0) return;
        int fam = e.buffer()[e.paramOffset(2)];
        if (fam == 2 || fam == 10) addSocket(fd, fam, 2, 17);
    }

    private void parseBindExit(RawEvent e) {
        if (fdinfo == null || e.paramLong(0) < 0 || e.nparams() < 2 || e.paramLen(1) == 0) return;
        byte[] b = e.buffer();
        int o = e.paramOffset(1);
        int fam = b[o];
        if (fam == 2 && e.paramLen(1) >= 7) {
            int port = ScapFile.u16(b, o + 5);
            if (port > 0) {
                fdinfo.type = FdInfo.Type.IPV4_SERVSOCK;
                fdinfo.sip = ScapFile.slice(b, o + 1, 4);
                fdinfo.sport = port;
                fdinfo.server = true;
            }
        } else if (fam == 10 && e.paramLen(1) >= 19) {
            int port = ScapFile.u16(b, o + 17);
            if (port > 0) {
                if (Formats.isIpv4MappedIpv6(b, o + 1)) {
                    fdinfo.type = FdInfo.Type.IPV4_SERVSOCK;
                    fdinfo.sip = ScapFile.slice(b, o + 13, 4);
                } else {
                    fdinfo.type = FdInfo.Type.IPV6_SERVSOCK;
                    fdinfo.sip = ScapFile.slice(b, o + 1, 16);
                }
                fdinfo.sport = port;
                fdinfo.server = true;
            }
        }
        fdinfo.name = ArgRenderer.sockaddr(b, o, e.paramLen(1));
    }

    private void parseConnectEnter(RawEvent e) {
        if (fdinfo == null || e.nparams() < 2 || e.paramLen(1) == 0) return;
        byte[] b = e.buffer();
        int o = e.paramOffset(1);
        int fam = b[o];
        if (fam == 2) {
            fdinfo.type = FdInfo.Type.IPV4_SOCK;
            fdinfo.dip = ScapFile.slice(b, o + 1, 4);
            fdinfo.dport = ScapFile.u16(b, o + 5);
        } else if (fam == 10) {
            int port = ScapFile.u16(b, o + 17);
            if (Formats.isIpv4MappedIpv6(b, o + 1)) {
                fdinfo.type = FdInfo.Type.IPV4_SOCK;
                fdinfo.dip = ScapFile.slice(b, o + 13, 4);
            } else {
                fdinfo.type = FdInfo.Type.IPV6_SOCK;
                fdinfo.dip = ScapFile.slice(b, o + 1, 16);
            }
            fdinfo.dport = port;
        } else {
            fdinfo.name = ArgRenderer.sockaddr(b, o, e.paramLen(1));
        }
    }

    private void parseConnectExit(RawEvent e) {
        if (fdinfo == null) return;
        long res = e.paramLong(0);
        if (res < 0 && res != -115) return;
        fdinfo.connected = true;
        if (e.nparams() < 2 || e.paramLen(1) == 0) return;
        tuples.onConnectExit(fdinfo, e.buffer(), e.paramOffset(1), e.paramLen(1));
    }

    /**
     * A successful read/write marks an IP socket connected; datagram calls also carry the packet's tuple
     * (recvfrom/recvmsg in the exit, sendto/sendmsg in the enter), which libsinsp adopts unless the socket is
     * a named TCP one.
     */
    private void parseRwExit(RawEvent e, boolean incoming) {
        if (fdinfo == null || e.paramLong(0) < 0) return;
        if (fdinfo.type == FdInfo.Type.IPV4_SOCK || fdinfo.type == FdInfo.Type.IPV6_SOCK) fdinfo.connected = true;
        // libsinsp's is_tcp_socket() only recognises IPv4 connection sockets
        if (!fdinfo.name.isEmpty() && fdinfo.type == FdInfo.Type.IPV4_SOCK && fdinfo.l4proto == FdInfo.L4_TCP) return;
        RawEvent src;
        int param;
        switch (e.type()) {
            case Codes.RECVFROM_X -> { src = e; param = 2; }
            case Codes.RECVMSG_X -> { src = e; param = 3; }
            case Codes.SENDTO_X, Codes.SENDMSG_X -> { src = enter; param = 2; }
            default -> { return; }
        }
        if (src == null || src.nparams() <= param) return;
        tuples.onDatagram(tinfo, fdinfo, src.buffer(), src.paramOffset(param), src.paramLen(param), incoming);
    }

    /** Sets addresses and the name of a socket from a tuple parameter. */
    static void fillClientSocket(FdInfo f, byte[] b, int o, int len) {
        int fam = b[o];
        if (fam == 2 && len >= 13) {
            f.type = FdInfo.Type.IPV4_SOCK;
            f.sip = ScapFile.slice(b, o + 1, 4); f.sport = ScapFile.u16(b, o + 5);
            f.dip = ScapFile.slice(b, o + 7, 4); f.dport = ScapFile.u16(b, o + 11);
            f.name = tupleName(f);
        } else if (fam == 10 && len >= 37) {
            if (Formats.isIpv4MappedIpv6(b, o + 1) && Formats.isIpv4MappedIpv6(b, o + 19)) {
                f.type = FdInfo.Type.IPV4_SOCK;
                f.sip = ScapFile.slice(b, o + 13, 4); f.dip = ScapFile.slice(b, o + 31, 4);
            } else {
                f.type = FdInfo.Type.IPV6_SOCK;
                f.sip = ScapFile.slice(b, o + 1, 16); f.dip = ScapFile.slice(b, o + 19, 16);
            }
            f.sport = ScapFile.u16(b, o + 17); f.dport = ScapFile.u16(b, o + 35);
            f.name = tupleName(f);
        } else {
            f.name = ArgRenderer.socktuple(b, o, len);
            if (fam == 1 && len >= 17) { f.unixSource = ScapFile.i64(b, o + 1); f.unixDest = ScapFile.i64(b, o + 9); }
        }
    }

    private void parseAcceptExit(RawEvent e) {
        long fd = e.paramLong(0);
        if (fd < 0 || e.nparams() < 2 || e.paramLen(1) == 0) return;
        tinfo.lastEventFd = fd;
        byte[] b = e.buffer();
        int o = e.paramOffset(1);
        int fam = b[o];
        if (fam != 1 && fam != 2 && fam != 10) return;
        FdInfo f = new FdInfo(FdInfo.Type.UNIX_SOCK);
        fillClientSocket(f, b, o, e.paramLen(1));
        if (fam != 1) f.l4proto = FdInfo.L4_TCP;
        f.name = ArgRenderer.socktuple(b, o, e.paramLen(1));
        f.server = true;
        f.connected = true;
        tinfo.fds.put(fd, f);
        fdinfo = f;
        fdnum = fd;
    }

    private void parsePipeExit(RawEvent e) {
        if (e.paramLong(0) < 0 || e.nparams() < 3) return;
        long ino = e.nparams() > 3 ? e.paramLong(3) : 0;
        for (int i = 1; i <= 2; i++) {
            FdInfo f = new FdInfo(FdInfo.Type.FIFO);
            f.ino = ino;
            tinfo.fds.put(e.paramLong(i), f);
            fdinfo = f;
        }
    }

    private void parseSocketpairExit(RawEvent e) {
        if (e.paramLong(0) < 0 || e.nparams() < 5) return;
        FdInfo f = new FdInfo(FdInfo.Type.UNIX_SOCK);
        f.unixSource = e.paramLong(3);
        f.unixDest = e.paramLong(4);
        tinfo.fds.put(e.paramLong(1), f);
        tinfo.fds.put(e.paramLong(2), f.copy());
        fdinfo = f;
    }

    private void addSimpleFd(RawEvent e, FdInfo.Type t, String name) {
        long fd = e.paramLong(0);
        if (fd < 0) return;
        FdInfo f = new FdInfo(t);
        f.name = name;
        tinfo.fds.put(fd, f);
        fdinfo = f;
        fdnum = fd;
    }

    private void parseDupExit(RawEvent e) {
        long res = e.paramLong(0);
        if (res < 0) return;
        long oldfd = -1;
        int i = idx(e, "oldfd");
        if (i >= 0) oldfd = e.paramLong(i);
        else if (enter != null && enter.nparams() > 0) oldfd = enter.paramLong(0);
        FdInfo src = tinfo.fd(oldfd);
        if (src == null) return;
        if (res == oldfd) return;
        FdInfo c = src.copy();
        tinfo.fds.put(res, c);
        fdinfo = c;
        fdnum = res;
    }

    private void parseFcntlExit(RawEvent e) {
        long res = e.paramLong(0);
        if (res < 0 || enter == null || enter.nparams() < 2) return;
        long cmd = enter.paramULong(1);
        if (cmd != 1 && cmd != 26) return;
        FdInfo src = tinfo.fd(enter.paramLong(0));
        if (src == null) return;
        FdInfo c = src.copy();
        tinfo.fds.put(res, c);
        fdinfo = c;
        fdnum = res;
    }

    private void parseChdirExit(RawEvent e) {
        if (e.paramLong(0) < 0) return;
        int i = idx(e, "path");
        String path = i >= 0 ? e.paramString(i) : null;
        if (path == null && enter != null && enter.nparams() > 0) path = enter.paramString(0);
        if (path == null) return;
        tinfo.setCwd(withSlash(Formats.concatenate(tinfo.cwd(), path)));
    }

    private void parseFchdirExit(RawEvent e) {
        if (e.paramLong(0) < 0 || enter == null || enter.nparams() < 1) return;
        FdInfo d = tinfo.fd(enter.paramLong(0));
        if (d != null) tinfo.setCwd(withSlash(d.name));
    }

    private void parseUserEvent(RawEvent e) {
        int t = e.type();
        if (t == Codes.USER_ADDED_E && e.nparams() >= 5) {
            users.put(e.paramULong(0), new Metadata.UserRecord(e.paramULong(0), e.paramULong(1), e.paramString(2), e.paramString(3), e.paramString(4)));
        } else if (t == Codes.USER_DELETED_E && e.nparams() >= 1) {
            users.remove(e.paramULong(0));
        } else if (t == Codes.GROUP_ADDED_E && e.nparams() >= 2) {
            groups.put(e.paramULong(0), new Metadata.GroupRecord(e.paramULong(0), e.paramString(1)));
        } else if (t == Codes.GROUP_DELETED_E && e.nparams() >= 1) {
            groups.remove(e.paramULong(0));
        }
    }

    private void parseContainerJson(RawEvent e) {
        if (e.nparams() < 1) return;
        ContainerInfo c = ContainerInfo.parse(e.paramString(0));
        if (c == null) return;
        containers.put(c.id(), c);
        ThreadInfo fake = new ThreadInfo(-1);
        fake.pid = -1;
        fake.comm = "container:" + c.id();
        fake.containerId = c.id();
        tinfo = fake;
    }
}
