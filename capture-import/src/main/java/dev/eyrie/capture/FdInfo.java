package dev.eyrie.capture;

/** One entry of a thread's fd table, as libsinsp keeps it. Mutable: connect/bind update sockets in place. */
public final class FdInfo {
    /** scap fd types; the char is what sysdig prints between angle brackets. */
    public enum Type {
        UNKNOWN(0, 'o', "unknown"), FILE(1, 'f', "file"), DIRECTORY(2, 'd', "directory"), IPV4_SOCK(3, '4', "ipv4"),
        IPV6_SOCK(4, '6', "ipv6"), IPV4_SERVSOCK(5, '4', "ipv4"), IPV6_SERVSOCK(6, '6', "ipv6"), FIFO(7, 'p', "pipe"),
        UNIX_SOCK(8, 'u', "unix"), EVENT(9, 'e', "event"), UNSUPPORTED(10, 'X', "unsupported"), SIGNALFD(11, 's', "signalfd"),
        EVENTPOLL(12, 'l', "eventpoll"), INOTIFY(13, 'i', "inotify"), TIMERFD(14, 't', "timerfd"), NETLINK(15, 'n', "netlink"),
        FILE_V2(16, 'f', "file"), BPF(17, 'b', "bpf"), USERFAULTFD(18, 'u', "userfaultfd"), IOURING(19, 'r', "io_uring"),
        MEMFD(20, 'm', "memfd"), PIDFD(21, 'P', "pidfd");

        public final int code;
        public final char typeChar;
        public final String falcoName;

        Type(int code, char typeChar, String falcoName) {
            this.code = code;
            this.typeChar = typeChar;
            this.falcoName = falcoName;
        }

        static Type of(int code) {
            for (Type t : values()) if (t.code == code) return t;
            return UNSUPPORTED;
        }
    }

    public static final int L4_UNKNOWN = 0, L4_NA = 1, L4_TCP = 2, L4_UDP = 3, L4_ICMP = 4, L4_RAW = 5;

    Type type;
    String name = "";
    String nameRaw;
    long openFlags;
    long dev;
    long ino;
    int l4proto;
    /** Addresses in network byte order (4 or 16 bytes); for server sockets only sip/sport are used. */
    byte[] sip, dip;
    int sport, dport;
    boolean server;
    boolean client;
    boolean connected;
    long unixSource, unixDest;

    FdInfo(Type type) { this.type = type; }

    FdInfo copy() {
        FdInfo c = new FdInfo(type);
        c.name = name; c.nameRaw = nameRaw; c.openFlags = openFlags; c.dev = dev; c.ino = ino; c.l4proto = l4proto;
        c.sip = sip; c.dip = dip; c.sport = sport; c.dport = dport; c.server = server; c.client = client;
        c.connected = connected; c.unixSource = unixSource; c.unixDest = unixDest;
        return c;
    }

    public Type type() { return type; }
    public String name() { return name; }
    public long openFlags() { return openFlags; }
    public int l4proto() { return l4proto; }

    boolean isInet() {
        return type == Type.IPV4_SOCK || type == Type.IPV6_SOCK || type == Type.IPV4_SERVSOCK || type == Type.IPV6_SERVSOCK;
    }

    /** The l4 protocol letter sysdig appends to the type char of IP sockets. */
    char protoChar() {
        // libsinsp reports no protocol for a connection socket before bind/connect/accept gives it a role
        if ((type == Type.IPV4_SOCK || type == Type.IPV6_SOCK) && l4proto != L4_RAW && !server && !client) return 0;
        return switch (l4proto) {
            case L4_TCP -> 't';
            case L4_UDP -> 'u';
            case L4_ICMP -> 'i';
            case L4_RAW -> 'r';
            default -> 0;
        };
    }
}
