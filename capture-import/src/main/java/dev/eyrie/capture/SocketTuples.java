package dev.eyrie.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * How libsinsp (the 2022 line sysdig 0.29 used) changes the tuple of an existing IP socket:
 * <ul>
 *   <li>a connect exit merges the kernel's tuple but never replaces a destination already known, so a UDP socket
 *       connected twice keeps its first peer in its name;</li>
 *   <li>datagram send/receive exits (sendto/sendmsg from the enter tuple, recvfrom/recvmsg from the exit tuple)
 *       adopt each packet's tuple, guess the socket's role and orient the tuple client→server;</li>
 *   <li>an all-zero local or remote address is inferred from the capture's interface list.</li>
 * </ul>
 * Unlike libsinsp we keep IPv4 and IPv6 fields apart instead of in a C union, so tuples that libsinsp would
 * read through the wrong union member come out with their real values here.
 */
final class SocketTuples {
    private static final byte[] V4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] V6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    private final List<Metadata.InterfaceAddr> v4 = new ArrayList<>();
    private final List<Metadata.InterfaceAddr> v6 = new ArrayList<>();

    SocketTuples(List<Metadata.InterfaceAddr> interfaces) {
        for (Metadata.InterfaceAddr a : interfaces) (a.ipv6() ? v6 : v4).add(a);
    }

    /** Connect exit with a tuple parameter at {@code b[o..o+len)}. */
    void onConnectExit(FdInfo f, byte[] b, int o, int len) {
        int fam = b[o];
        if ((fam == 2 && len >= 13) || (fam == 10 && len >= 37)) {
            boolean changed;
            if (fam == 10 && !(Formats.isIpv4MappedIpv6(b, o + 1) && Formats.isIpv4MappedIpv6(b, o + 19))) {
                f.type = FdInfo.Type.IPV6_SOCK;
                changed = setV6(f, b, o, false);
            } else {
                f.type = FdInfo.Type.IPV4_SOCK;
                changed = fam == 2 ? setV4(f, b, o + 1, o + 5, o + 7, o + 11, false) : setV4(f, b, o + 13, o + 17, o + 31, o + 35, false);
            }
            // a UDP server that connects to its peer: keep client->server orientation
            if (changed && f.server && f.l4proto == FdInfo.L4_UDP) swap(f);
            f.name = sockName(f);
        } else {
            StateTracker.fillClientSocket(f, b, o, len);
        }
        if (!f.server && !f.client) f.client = true;
    }

    /**
     * Exit of a read/write on a socket that carries a tuple ({@code len == 0} means none). {@code incoming} is
     * true for receives. The caller checks libsinsp's precondition: the fd has no name yet or is not TCP.
     */
    void onDatagram(ThreadInfo t, FdInfo f, byte[] b, int o, int len, boolean incoming) {
        if (!update(f, b, o, len)) return;
        if (f.type == FdInfo.Type.IPV4_SOCK || f.type == FdInfo.Type.IPV6_SOCK) {
            if (!f.server && !f.client) guessRole(t, f, incoming);
            // the tuple of a packet is local->remote; names put the client first
            if (incoming ? f.client : f.server) swap(f);
            f.name = sockName(f);
        } else {
            f.name = ArgRenderer.socktuple(b, o, len);
        }
    }

    /** libsinsp's update_fd: adopts a packet tuple; false when there is none or nothing changed. */
    private boolean update(FdInfo f, byte[] b, int o, int len) {
        if (len == 0) return false;
        int fam = b[o];
        if (fam == 2) {
            if (len < 13) return false;
            f.type = FdInfo.Type.IPV4_SOCK;
            if (!setV4(f, b, o + 1, o + 5, o + 7, o + 11, true)) return false;
        } else if (fam == 10) {
            if (len < 37) return false;
            if (Formats.isIpv4MappedIpv6(b, o + 1) && Formats.isIpv4MappedIpv6(b, o + 19)) {
                f.type = FdInfo.Type.IPV4_SOCK;
                if (!setV4(f, b, o + 13, o + 17, o + 31, o + 35, true)) return false;
            } else if (!setV6(f, b, o, true)) {
                // libsinsp leaves the fd type alone here: only a socket created as IPv6 becomes an IPv6 tuple
                return false;
            }
        } else if (fam == 1) {
            if (len < 17) return false;
            f.type = FdInfo.Type.UNIX_SOCK;
            f.unixSource = ScapFile.i64(b, o + 1);
            f.unixDest = ScapFile.i64(b, o + 9);
            f.name = ArgRenderer.cstr(b, o + 17, len - 17);
            return true;
        }
        // a tuple that changes under an existing socket can only be UDP: TCP would fail
        if ((f.type == FdInfo.Type.IPV4_SOCK || f.type == FdInfo.Type.IPV6_SOCK) && f.l4proto == FdInfo.L4_UNKNOWN) {
            f.l4proto = FdInfo.L4_UDP;
        }
        inferMissingAddress(f);
        return true;
    }

    private static boolean setV4(FdInfo f, byte[] b, int sipOff, int sportOff, int dipOff, int dportOff, boolean overwriteDest) {
        return set(f, FdInfo.Type.IPV4_SOCK, ScapFile.slice(b, sipOff, 4), ScapFile.u16(b, sportOff),
                ScapFile.slice(b, dipOff, 4), ScapFile.u16(b, dportOff), overwriteDest);
    }

    private static boolean setV6(FdInfo f, byte[] b, int o, boolean overwriteDest) {
        return set(f, FdInfo.Type.IPV6_SOCK, ScapFile.slice(b, o + 1, 16), ScapFile.u16(b, o + 17),
                ScapFile.slice(b, o + 19, 16), ScapFile.u16(b, o + 35), overwriteDest);
    }

    /**
     * Merges a tuple into the socket. The local end always follows the tuple; the remote end only when unknown
     * or when {@code overwriteDest}. Returns false when the tuple is the socket's own, in either direction.
     */
    private static boolean set(FdInfo f, FdInfo.Type sameTupleType, byte[] sip, int sport, byte[] dip, int dport, boolean overwriteDest) {
        if (f.type == sameTupleType
                && ((same(sip, f.sip) && sport == f.sport && same(dip, f.dip) && dport == f.dport)
                    || (same(dip, f.sip) && dport == f.sport && same(sip, f.dip) && sport == f.dport))) {
            return false;
        }
        boolean changed = false;
        if (!same(f.sip, sip)) { f.sip = sip; changed = true; }
        if (f.sport != sport) { f.sport = sport; changed = true; }
        // an unknown destination counts as changed even when the tuple's is unknown too, as in libsinsp
        if (isZero(f.dip) || (overwriteDest && !same(f.dip, dip))) { f.dip = dip; changed = true; }
        if (f.dport == 0 || (overwriteDest && f.dport != dport)) { f.dport = dport; changed = true; }
        return changed;
    }

    /** sinsp_fdinfo::set_net_role_by_guessing: a port this process talks to as a destination makes it a server. */
    private static void guessRole(ThreadInfo t, FdInfo f, boolean incoming) {
        if (!boundToPort(t, f.dport)) {
            f.client = true;
        } else if (!usesClientPort(t, f.sport)) {
            f.server = true;
        } else {
            // ambiguous: a server usually starts by reading, a client by writing
            if (incoming) f.server = true; else f.client = true;
        }
    }

    // libsinsp only looks at IPv4 sockets here
    private static boolean boundToPort(ThreadInfo t, int port) {
        for (FdInfo o : t.fds.values()) {
            if (o.type == FdInfo.Type.IPV4_SOCK && o.dport == port) return true;
            if (o.type == FdInfo.Type.IPV4_SERVSOCK && o.sport == port) return true;
        }
        return false;
    }

    private static boolean usesClientPort(ThreadInfo t, int port) {
        for (FdInfo o : t.fds.values()) if (o.type == FdInfo.Type.IPV4_SOCK && o.sport == port) return true;
        return false;
    }

    private static void swap(FdInfo f) {
        byte[] ip = f.sip; f.sip = f.dip; f.dip = ip;
        int p = f.sport; f.sport = f.dport; f.dport = p;
    }

    /** sinsp_network_interfaces::update_fd: fills an all-zero end of a UDP tuple from the interface list. */
    private void inferMissingAddress(FdInfo f) {
        boolean ipv6 = f.type == FdInfo.Type.IPV6_SOCK;
        if (!ipv6 && f.type != FdInfo.Type.IPV4_SOCK) return;
        boolean sipZero = isZero(f.sip), dipZero = isZero(f.dip);
        if (!sipZero && !dipZero) return;
        byte[] known = sipZero ? f.dip : f.sip;
        byte[] inferred = ipv6 ? infer(v6, known, 8, V6_LOOPBACK, 16) : infer(v4, known, -1, V4_LOOPBACK, 4);
        if (same(inferred, known) && f.sport == f.dport) return;
        if (sipZero) f.sip = inferred; else f.dip = inferred;
    }

    /**
     * The interface address for talking to {@code peer}: the same address, else one in the same subnet (IPv4 by
     * netmask, IPv6 by the first {@code v6PrefixBytes} bytes), else the first non-loopback one, else zero.
     */
    private static byte[] infer(List<Metadata.InterfaceAddr> ifs, byte[] peer, int v6PrefixBytes, byte[] loopback, int size) {
        byte[] p = peer == null ? new byte[size] : peer;
        for (Metadata.InterfaceAddr a : ifs) if (same(a.addr(), p)) return a.addr();
        for (Metadata.InterfaceAddr a : ifs) if (sameSubnet(a, p, v6PrefixBytes)) return a.addr();
        for (Metadata.InterfaceAddr a : ifs) if (!same(a.addr(), loopback)) return a.addr();
        return new byte[size];
    }

    private static boolean sameSubnet(Metadata.InterfaceAddr a, byte[] p, int v6PrefixBytes) {
        byte[] addr = a.addr();
        if (addr.length != p.length) return false;
        if (v6PrefixBytes > 0) {
            for (int i = 0; i < v6PrefixBytes; i++) if (addr[i] != p[i]) return false;
            return true;
        }
        byte[] mask = a.netmask();
        for (int i = 0; i < addr.length; i++) if ((addr[i] & mask[i]) != (p[i] & mask[i])) return false;
        return true;
    }

    /** sinsp_utils::sockinfo_to_str: the name libsinsp gives an IP socket from its tuple and protocol. */
    static String sockName(FdInfo f) {
        boolean v6 = f.type == FdInfo.Type.IPV6_SOCK;
        byte[] s = addr(f.sip, v6), d = addr(f.dip, v6);
        boolean asV4 = !v6 || (Formats.isIpv4MappedIpv6(s, 0) && Formats.isIpv4MappedIpv6(d, 0));
        String ss = asV4 ? Formats.ipv4(s, s.length - 4) : Formats.ipv6(s, 0);
        String ds = asV4 ? Formats.ipv4(d, d.length - 4) : Formats.ipv6(d, 0);
        return switch (f.l4proto) {
            case FdInfo.L4_TCP, FdInfo.L4_UDP -> ss + ":" + f.sport + "->" + ds + ":" + f.dport;
            case FdInfo.L4_ICMP -> ss + "->" + ds;
            case FdInfo.L4_RAW -> v6 ? "<unknown>" : ss + "->" + ds;
            default -> "<unknown>";
        };
    }

    private static byte[] addr(byte[] a, boolean v6) {
        int size = v6 ? 16 : 4;
        if (a == null) return new byte[size];
        if (a.length == size) return a;
        byte[] r = new byte[size];
        if (v6) { r[10] = (byte) 0xff; r[11] = (byte) 0xff; }
        System.arraycopy(a, Math.max(0, a.length - 4), r, size - 4, 4);
        return r;
    }

    private static boolean isZero(byte[] a) {
        if (a == null) return true;
        for (byte x : a) if (x != 0) return false;
        return true;
    }

    /** Address equality where a missing address equals the all-zero one. */
    private static boolean same(byte[] a, byte[] b) {
        if (isZero(a) && isZero(b)) return true;
        return a != null && b != null && java.util.Arrays.equals(a, b);
    }
}
