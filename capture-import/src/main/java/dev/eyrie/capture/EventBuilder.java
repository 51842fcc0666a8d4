package dev.eyrie.capture;

import dev.eyrie.schema.Ancestor;
import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Mount;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Turns a decoded event plus the tracked state into a self-contained Eyrie event (Falco's exit-event model). */
final class EventBuilder {
    static final int MAX_ANCESTORS = 8;

    private final ScapFile file;
    private final StateTracker state;
    private Host host;

    EventBuilder(ScapFile file, StateTracker state) {
        this.file = file;
        this.state = state;
    }

    /** Host identity: machine hostname when recorded, else the capture file name; boot id derived from the file. */
    private Host host(RawEvent first) {
        if (host == null) {
            Metadata.MachineInfo mi = file.metadata().machine();
            String hostname = mi != null && !mi.hostname().isEmpty() ? mi.hostname() : file.fileName();
            List<String> ips = new ArrayList<>();
            for (Metadata.InterfaceAddr a : file.metadata().interfaces()) {
                byte[] b = a.addr();
                boolean loopback = (!a.ipv6() && (b[0] & 0xff) == 127) || (a.ipv6() && isIpv6Loopback(b));
                if (!loopback) {
                    String s = Formats.ip(b);
                    if (!ips.contains(s)) ips.add(s);
                }
            }
            long boot = mi == null ? 0 : mi.bootTsEpoch();
            String seed = file.fileName() + "|" + hostname + "|" + boot + "|" + first.ts();
            String bootId = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
            host = Host.newBuilder().setId(hostname).setHostname(hostname).setIps(ips).setBootId(bootId).build();
        }
        return host;
    }

    private static boolean isIpv6Loopback(byte[] b) {
        for (int i = 0; i < 15; i++) if (b[i] != 0) return false;
        return b[15] == 1;
    }

    /**
     * Null for events Falco does not evaluate on their own: internal events and enter events whose exit
     * carries the data. Enter-only events (switch, procexit, signaldeliver, container...) are kept.
     */
    Event build(RawEvent e, DecodedEvent d, boolean internal) {
        Host h = host(e);
        if (internal) return null;
        EventTable.EventInfo info = e.info();
        if (e.isEnter()) {
            EventTable.EventInfo exit = EventTable.get().info(e.type() + 1);
            if (exit.known() && (exit.flags() & EventTable.EF_UNUSED) == 0 && exit.params().length > 0) return null;
        }
        ThreadInfo t = state.tinfo;
        List<Arg> args = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ByteBuffer buffer = null;
        long res = 0;
        for (int i = 0; i < e.nparams(); i++) {
            String name = e.paramName(i);
            seen.add(name);
            args.add(arg(e, i, name, d.argValues().get(i), d.argResolved().get(i)));
            if (name.equals("data")) buffer = ByteBuffer.wrap(e.paramBytes(i));
        }
        if (!e.isEnter() && e.nparams() > 0) {
            String first = e.paramName(0);
            if (first.equals("res") || first.equals("fd")) res = e.paramLong(0);
        }
        RawEvent enter = state.enter;
        if (enter != null) {
            // libs' newer exit events carry their enter parameters; add the ones this capture only has on enter
            ArgRenderer r = new ArgRenderer(state);
            for (int i = 0; i < enter.nparams(); i++) {
                String name = enter.paramName(i);
                if (!seen.add(name)) continue;
                ArgRenderer.Rendered rv = r.render(enter, i, t);
                args.add(arg(enter, i, name, rv.value(), rv.resolved()));
            }
        }
        Event.Builder b = Event.newBuilder()
                .setEventId(h.getId() + ":" + h.getBootId() + ":" + e.num())
                .setHost(h)
                .setSeq(e.num())
                .setTs(e.ts())
                .setCpu(e.cpu())
                .setType(info.name())
                .setRes(res)
                .setArgs(args)
                .setBuffer(buffer)
                .setProc(process(t, e))
                .setUser(user(t))
                .setAncestors(ancestors(t))
                .setFd(fd())
                .setContainer(container(t))
                .setK8s(null);
        return b.build();
    }

    private static Arg arg(RawEvent e, int i, String name, String value, String resolved) {
        EventTable.ParamInfo pi = e.paramInfo(i);
        int type = pi == null ? EventTable.PT_BYTEBUF : pi.type();
        Long raw = null;
        boolean numeric = switch (type) {
            case EventTable.PT_INT8, EventTable.PT_INT16, EventTable.PT_INT32, EventTable.PT_INT64, EventTable.PT_UINT8,
                 EventTable.PT_UINT16, EventTable.PT_UINT32, EventTable.PT_UINT64, EventTable.PT_FD, EventTable.PT_PID,
                 EventTable.PT_ERRNO, EventTable.PT_FLAGS8, EventTable.PT_FLAGS16, EventTable.PT_FLAGS32,
                 EventTable.PT_UID, EventTable.PT_GID, EventTable.PT_MODE, EventTable.PT_SIGTYPE, EventTable.PT_RELTIME,
                 EventTable.PT_SYSCALLID, EventTable.PT_PORT, EventTable.PT_ENUMFLAGS8, EventTable.PT_ENUMFLAGS16,
                 EventTable.PT_ENUMFLAGS32 -> true;
            default -> false;
        };
        if (numeric && e.paramLen(i) > 0 && e.paramLen(i) <= 8) {
            boolean signed = type == EventTable.PT_INT8 || type == EventTable.PT_INT16 || type == EventTable.PT_INT32
                    || type == EventTable.PT_INT64 || type == EventTable.PT_FD || type == EventTable.PT_PID || type == EventTable.PT_ERRNO;
            raw = signed ? e.paramLong(i) : e.paramULong(i);
        }
        // Falco's evt.arg.X is the resolved text when there is one; fds and pids stay numbers
        String v = (type == EventTable.PT_FD || type == EventTable.PT_PID || resolved.isEmpty()) ? value : resolved;
        return Arg.newBuilder().setName(name).setValue(v).setRaw(raw).build();
    }

    private Process process(ThreadInfo t, RawEvent e) {
        if (t == null) {
            return Process.newBuilder().setPid(e.tid()).setTid(e.tid()).setName("<NA>").build();
        }
        ThreadInfo parent = state.lookup(t.ptid);
        long ppid = parent != null ? parent.pid : t.ptid;
        return Process.newBuilder()
                .setPid(t.pid).setTid(t.tid).setVpid(t.vpid).setVtid(t.vtid).setPpid(ppid).setSid(t.sid).setVpgid(t.vpgid)
                .setName(t.comm).setExe(t.exe).setExepath(t.exepath).setArgs(new ArrayList<>(t.args))
                .setEnv(new ArrayList<>(t.env)).setCwd(t.cwd()).setTty(t.tty).setStartTs(t.startTs)
                .setExeIno(t.exeIno == 0 ? null : t.exeIno).setIsExeWritable(t.exeWritable)
                .setIsExeUpperLayer(t.exeUpperLayer).setIsExeFromMemfd(t.exeFromMemfd)
                .setCapEffective(t.capEffective).setCapPermitted(t.capPermitted).setCapInheritable(t.capInheritable)
                .build();
    }

    private User user(ThreadInfo t) {
        if (t == null) return User.newBuilder().setUid(-1).build();
        Metadata.UserRecord u = state.users.get(t.uid);
        Metadata.UserRecord lu = state.users.get(t.loginuid);
        Metadata.GroupRecord g = state.groups.get(t.gid);
        return User.newBuilder()
                .setUid(t.uid == 0xffffffffL ? -1 : t.uid)
                .setName(u == null ? null : u.name()).setHomedir(u == null ? null : u.homedir()).setShell(u == null ? null : u.shell())
                .setLoginuid(t.loginuid == 0xffffffffL ? -1 : t.loginuid).setLoginname(lu == null ? null : lu.name())
                .setGid(t.gid == 0xffffffffL ? -1 : t.gid).setGroup(g == null ? null : g.name())
                .build();
    }

    private List<Ancestor> ancestors(ThreadInfo t) {
        List<Ancestor> out = new ArrayList<>();
        if (t == null) return out;
        ThreadInfo main = state.lookup(t.pid);
        ThreadInfo cur = state.lookup((main != null ? main : t).ptid);
        Set<Long> visited = new HashSet<>();
        while (cur != null && out.size() < MAX_ANCESTORS && visited.add(cur.tid)) {
            out.add(Ancestor.newBuilder().setPid(cur.pid).setName(cur.comm).setExe(cur.exe).setExepath(cur.exepath)
                    .setArgs(new ArrayList<>(cur.args)).build());
            ThreadInfo m = state.lookup(cur.pid);
            cur = state.lookup((m != null ? m : cur).ptid);
        }
        return out;
    }

    private FileDescriptor fd() {
        FdInfo f = state.fdinfo;
        if (f == null) return null;
        FileDescriptor.Builder b = FileDescriptor.newBuilder()
                .setNum(state.fdnum).setType(f.type.falcoName).setName(f.name).setNameraw(f.nameRaw)
                .setOpenFlags(f.openFlags).setIno(f.ino == 0 ? null : f.ino).setDev(f.dev == 0 ? null : f.dev)
                .setIsServer(f.server).setConnected(f.connected);
        if (f.isInet()) {
            b.setSockfamily("ip");
            b.setL4proto(switch (f.l4proto) {
                case FdInfo.L4_TCP -> "tcp";
                case FdInfo.L4_UDP -> "udp";
                case FdInfo.L4_ICMP -> "icmp";
                case FdInfo.L4_RAW -> "raw";
                default -> null;
            });
            boolean listening = f.type == FdInfo.Type.IPV4_SERVSOCK || f.type == FdInfo.Type.IPV6_SERVSOCK;
            if (listening) {
                b.setLocalIp(Formats.ip(f.sip)).setLocalPort(f.sport);
            } else if (f.sip != null && f.dip != null) {
                // tuples are client->server: the local end is the server side for accepted sockets
                if (f.server) {
                    b.setLocalIp(Formats.ip(f.dip)).setLocalPort(f.dport).setRemoteIp(Formats.ip(f.sip)).setRemotePort(f.sport);
                } else {
                    b.setLocalIp(Formats.ip(f.sip)).setLocalPort(f.sport).setRemoteIp(Formats.ip(f.dip)).setRemotePort(f.dport);
                }
            } else if (f.dip != null) {
                b.setRemoteIp(Formats.ip(f.dip)).setRemotePort(f.dport);
            }
        } else if (f.type == FdInfo.Type.UNIX_SOCK) {
            b.setSockfamily("unix");
        }
        return b.build();
    }

    private Container container(ThreadInfo t) {
        String id = t == null || t.containerId.isEmpty() ? "host" : t.containerId;
        Container.Builder b = Container.newBuilder().setId(id).setFullId(id.equals("host") ? "" : id);
        ContainerInfo c = state.containers.get(id);
        if (c != null) {
            List<Mount> mounts = new ArrayList<>();
            for (ContainerInfo.MountInfo m : c.mounts()) {
                mounts.add(Mount.newBuilder().setSource(m.source()).setDest(m.dest()).setMode(m.mode()).setRdwr(m.rdwr())
                        .setPropagation(m.propagation()).build());
            }
            b.setFullId(c.fullId().isEmpty() ? id : c.fullId()).setRuntime(c.runtime()).setName(c.name()).setImage(c.image())
                    .setImageRepository(c.imageRepo()).setImageTag(c.imageTag()).setImageDigest(c.imageDigest())
                    .setPrivileged(c.privileged()).setMounts(mounts);
        }
        return b.build();
    }
}
