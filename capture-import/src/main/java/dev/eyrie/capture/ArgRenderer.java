package dev.eyrie.capture;

import java.nio.charset.StandardCharsets;

/**
 * Renders event parameters the way sysdig 0.29 prints %evt.args: a value and, where libsinsp resolves
 * one, a second text shown in parentheses (fd names, errno names, flag names, thread names...).
 */
final class ArgRenderer {
    /** sysdig truncates byte buffers longer than this many characters (its default snaplen for display). */
    static final int MAX_BUF_OUTPUT = 80;

    private final StateTracker state;

    ArgRenderer(StateTracker state) { this.state = state; }

    /** Value and resolved text of one parameter; resolved is "" when there is none. */
    record Rendered(String value, String resolved) {
        String text() { return resolved.isEmpty() ? value : value + "(" + resolved + ")"; }
    }

    Rendered render(RawEvent e, int i, ThreadInfo tinfo) {
        EventTable.ParamInfo pi = e.paramInfo(i);
        int len = e.paramLen(i);
        int off = e.paramOffset(i);
        byte[] b = e.buffer();
        if (pi == null) return new Rendered(bytesDots(b, off, len, true), "");
        int type = pi.type();
        int fmt = pi.format();
        if (type == EventTable.PT_DYN && pi.dyn() != null && len > 0) {
            int idx = b[off] & 0xff;
            int dynType = dynType(pi.dyn(), idx);
            if (dynType >= 0) {
                type = dynType;
                off += 1;
                len -= 1;
            }
        }
        return switch (type) {
            case EventTable.PT_INT8 -> num(len >= 1 ? b[off] : 0, fmt, 8);
            case EventTable.PT_INT16 -> num(len >= 2 ? (short) ScapFile.u16(b, off) : 0, fmt, 16);
            case EventTable.PT_INT32 -> num(len >= 4 ? ScapFile.i32(b, off) : 0, fmt, 32);
            case EventTable.PT_INT64 -> num(len >= 8 ? ScapFile.i64(b, off) : 0, fmt, 64);
            case EventTable.PT_UINT8 -> num(len >= 1 ? b[off] & 0xff : 0, fmt, 8);
            case EventTable.PT_UINT16 -> num(len >= 2 ? ScapFile.u16(b, off) : 0, fmt, 16);
            case EventTable.PT_UINT32 -> num(len >= 4 ? ScapFile.i32(b, off) : 0, fmt, 32);
            case EventTable.PT_UINT64 -> num(len >= 8 ? ScapFile.i64(b, off) : 0, fmt, 64);
            case EventTable.PT_FD -> fd(len >= 8 ? ScapFile.i64(b, off) : 0, tinfo);
            case EventTable.PT_PID -> pid(len >= 8 ? ScapFile.i64(b, off) : 0);
            case EventTable.PT_ERRNO -> {
                long v = len >= 8 ? ScapFile.i64(b, off) : 0;
                String n = v < 0 ? Formats.errnoName(v) : null;
                yield new Rendered(Long.toString(v), n == null ? "" : n);
            }
            case EventTable.PT_CHARBUF -> new Rendered(cstr(b, off, len), "");
            case EventTable.PT_FSPATH, EventTable.PT_FSRELPATH -> path(e, pi, b, off, len, tinfo);
            case EventTable.PT_BYTEBUF -> new Rendered(bytesDots(b, off, len, true), "");
            case EventTable.PT_SOCKADDR -> new Rendered(sockaddr(b, off, len), "");
            case EventTable.PT_SOCKTUPLE -> new Rendered(socktuple(b, off, len), "");
            case EventTable.PT_FDLIST -> new Rendered(fdlist(b, off, len, tinfo), "");
            case EventTable.PT_SYSCALLID -> new Rendered(Integer.toString(len >= 2 ? ScapFile.u16(b, off) : 0), "");
            case EventTable.PT_SIGTYPE -> {
                int v = len >= 1 ? b[off] & 0xff : 0;
                String n = Formats.signalName(v);
                yield new Rendered(Integer.toString(v), n == null ? "" : n);
            }
            case EventTable.PT_RELTIME -> {
                long v = len >= 8 ? ScapFile.i64(b, off) : 0;
                if (v == -1) yield new Rendered("none", "");
                yield new Rendered(Long.toUnsignedString(v), gFormat(v / 1e9) + "s");
            }
            case EventTable.PT_FLAGS8, EventTable.PT_FLAGS16, EventTable.PT_FLAGS32, EventTable.PT_ENUMFLAGS8,
                 EventTable.PT_ENUMFLAGS16, EventTable.PT_ENUMFLAGS32 -> {
                long v = switch (type) {
                    case EventTable.PT_FLAGS8, EventTable.PT_ENUMFLAGS8 -> len >= 1 ? b[off] & 0xff : 0;
                    case EventTable.PT_FLAGS16, EventTable.PT_ENUMFLAGS16 -> len >= 2 ? ScapFile.u16(b, off) : 0;
                    default -> len >= 4 ? ScapFile.u32(b, off) : 0;
                };
                yield new Rendered(Long.toString(v), flags(v, pi.flags()));
            }
            case EventTable.PT_MODE -> {
                long v = len >= 4 ? ScapFile.u32(b, off) : 0;
                yield new Rendered(num(v, fmt, 32).value(), flags(v, pi.flags()));
            }
            case EventTable.PT_UID, EventTable.PT_GID -> {
                long v = len >= 4 ? ScapFile.u32(b, off) : 0;
                if (v == 0xffffffffL) yield new Rendered("-1", "<NONE>");
                String name;
                if (type == EventTable.PT_UID) {
                    Metadata.UserRecord u = state.users.get(v);
                    name = u == null ? "<NA>" : Formats.sanitize(u.name());
                } else {
                    Metadata.GroupRecord g = state.groups.get(v);
                    name = g == null ? "<NA>" : Formats.sanitize(g.name());
                }
                yield new Rendered(Integer.toString((int) v), name);
            }
            case EventTable.PT_SIGSET -> {
                long v = len >= 4 ? ScapFile.u32(b, off) : 0;
                StringBuilder sb = new StringBuilder();
                for (int s = 0; s < 32; s++) {
                    if ((v & (1L << s)) != 0) {
                        String n = Formats.signalName(s + 1);
                        if (n != null) { if (sb.length() > 0) sb.append(' '); sb.append(n); }
                    }
                }
                yield new Rendered(sb.toString(), "");
            }
            case EventTable.PT_IPV4ADDR -> new Rendered(len >= 4 ? Formats.ipv4(b, off) : "", "");
            case EventTable.PT_IPV6ADDR -> new Rendered(len >= 16 ? Formats.ipv6(b, off) : "", "");
            case EventTable.PT_IPADDR -> new Rendered(len == 4 ? Formats.ipv4(b, off) : len == 16 ? Formats.ipv6(b, off) : "", "");
            case EventTable.PT_PORT -> new Rendered(Integer.toString(len >= 2 ? ScapFile.u16(b, off) : 0), "");
            case EventTable.PT_BOOL -> new Rendered(len >= 4 && ScapFile.i32(b, off) != 0 ? "true" : "false", "");
            case EventTable.PT_DOUBLE -> new Rendered(len >= 8 ? Double.toString(Double.longBitsToDouble(ScapFile.i64(b, off))) : "", "");
            default -> new Rendered("(n.a.)", "");
        };
    }

    private static int dynType(String table, int idx) {
        return switch (table) {
            case "sockopt_dynamic_param" -> switch (idx) {
                case 0 -> EventTable.PT_BYTEBUF;
                case 1 -> EventTable.PT_ERRNO;
                case 2 -> EventTable.PT_UINT32;
                case 3 -> EventTable.PT_UINT64;
                case 4 -> EventTable.PT_RELTIME;
                default -> -1;
            };
            case "ptrace_dynamic_param" -> idx == 0 ? EventTable.PT_UINT64 : idx == 1 ? EventTable.PT_SIGTYPE : -1;
            case "bpf_dynamic_param" -> idx == 0 ? EventTable.PT_FD : idx == 1 ? EventTable.PT_ERRNO : -1;
            default -> -1;
        };
    }

    /** printf of a number as sysdig's format table asks: %#o, %d (signed) or %X, at the stored width. */
    static Rendered num(long v, int fmt, int bits) {
        String s;
        if (fmt == EventTable.PF_OCT) {
            long u = bits == 64 ? v : v & ((1L << bits) - 1);
            s = u == 0 ? "0" : "0" + Long.toOctalString(u);
        } else if (fmt == EventTable.PF_HEX) {
            long u = bits == 64 ? v : v & ((1L << bits) - 1);
            s = Long.toHexString(u).toUpperCase();
        } else if (fmt == EventTable.PF_10_PADDED_DEC) {
            s = String.format("%09d", v);
        } else {
            s = Long.toString(bits == 32 ? (int) v : bits == 16 && v > 0xffff ? (short) v : v);
        }
        return new Rendered(s, "");
    }

    private Rendered fd(long fd, ThreadInfo tinfo) {
        String v = Long.toString(fd);
        if (tinfo == null) return new Rendered(v, "");
        if (fd >= 0) {
            FdInfo f = tinfo.fd(fd);
            if (f != null) {
                StringBuilder sb = new StringBuilder();
                sb.append('<').append(f.type.typeChar);
                if (f.isInet()) {
                    char pc = f.protoChar();
                    if (pc != 0) sb.append(pc);
                }
                sb.append('>').append(Formats.sanitize(f.name));
                return new Rendered(v, sb.toString());
            }
            return new Rendered(v, "");
        }
        if (fd == StateTracker.AT_FDCWD) return new Rendered(v, "AT_FDCWD");
        String err = Formats.errnoName(fd);
        return new Rendered(v, err == null ? "" : err);
    }

    private Rendered pid(long pid) {
        ThreadInfo t = state.lookup(pid);
        return new Rendered(Long.toString(pid), t == null ? "" : t.comm);
    }

    private Rendered path(RawEvent e, EventTable.ParamInfo pi, byte[] b, int off, int len, ThreadInfo tinfo) {
        String raw = cstr(b, off, len);
        String value = Formats.sanitize(raw);
        if (tinfo == null || len == 0 || raw.startsWith("<NA>") || !Formats.isRelative(raw)) return new Rendered(value, "");
        String base = tinfo.cwd();
        if (pi.type() == EventTable.PT_FSRELPATH && pi.dirfdIndex() >= 0 && pi.dirfdIndex() < e.nparams()) {
            long dirfd = e.paramLong(pi.dirfdIndex());
            if (dirfd != StateTracker.AT_FDCWD) {
                FdInfo d = tinfo.fd(dirfd);
                if (d == null || d.name.isEmpty()) return new Rendered(value, "");
                base = Formats.sanitize(d.name) + "/";
            }
        }
        return new Rendered(value, Formats.concatenate(base, raw));
    }

    /** Flag names joined by '|', in table order, each consuming its bits (so O_RDWR hides O_WRONLY). */
    static String flags(long val, EventTable.NameValue[] table) {
        if (table == null) return "";
        StringBuilder sb = new StringBuilder();
        long initial = val;
        int i = 0;
        for (; i < table.length && table[i].value() != initial; i++) {
            long fv = table[i].value();
            if ((fv == 0 && initial == 0) || (fv != 0 && (val & fv) == fv && val != 0)) {
                if (sb.length() > 0) sb.append('|');
                sb.append(table[i].name());
                val &= ~fv;
            }
        }
        if (i < table.length) {
            if (sb.length() > 0) sb.append('|');
            sb.append(table[i].name());
        }
        return sb.toString();
    }

    private String fdlist(byte[] b, int off, int len, ThreadInfo tinfo) {
        if (tinfo == null || len < 2) return "";
        int n = ScapFile.u16(b, off);
        StringBuilder sb = new StringBuilder();
        int p = off + 2;
        for (int j = 0; j < n && p + 10 <= off + len; j++) {
            long fd = ScapFile.i64(b, p);
            FdInfo f = tinfo.fd(fd);
            char tc = f == null ? '?' : f.type.typeChar;
            int fl = (short) ScapFile.u16(b, p + 8);
            sb.append(Long.toUnsignedString(fd)).append(':').append(tc).append(Integer.toHexString(fl));
            if (j < n - 1) sb.append(' ');
            p += 10;
        }
        return sb.toString();
    }

    static String sockaddr(byte[] b, int off, int len) {
        if (len == 0) return "NULL";
        int fam = b[off];
        if (fam == 1) return Formats.sanitize(cstr(b, off + 1, len - 1));
        if (fam == 2) {
            if (len == 7) return Formats.ipv4(b, off + 1) + ":" + ScapFile.u16(b, off + 5);
            return "INVALID IPv4";
        }
        if (fam == 10) {
            if (len == 19) return Formats.ipv6(b, off + 1) + ":" + ScapFile.u16(b, off + 17);
            return "INVALID IPv6";
        }
        return "family " + fam;
    }

    static String socktuple(byte[] b, int off, int len) {
        if (len == 0) return "NULL";
        int fam = b[off];
        if (fam == 2) {
            if (len == 13) {
                return Formats.ipv4(b, off + 1) + ":" + ScapFile.u16(b, off + 5) + "->" + Formats.ipv4(b, off + 7) + ":" + ScapFile.u16(b, off + 11);
            }
            return "INVALID IPv4";
        }
        if (fam == 10) {
            if (len == 37) {
                if (Formats.isIpv4MappedIpv6(b, off + 1) && Formats.isIpv4MappedIpv6(b, off + 19)) {
                    return Formats.ipv4(b, off + 13) + ":" + ScapFile.u16(b, off + 17) + "->" + Formats.ipv4(b, off + 31) + ":" + ScapFile.u16(b, off + 35);
                }
                return Formats.ipv6(b, off + 1) + ":" + ScapFile.u16(b, off + 17) + "->" + Formats.ipv6(b, off + 19) + ":" + ScapFile.u16(b, off + 35);
            }
            return "INVALID IPv6";
        }
        if (fam == 1) {
            if (len < 17) return "";
            return Long.toHexString(ScapFile.i64(b, off + 1)) + "->" + Long.toHexString(ScapFile.i64(b, off + 9)) + " "
                    + Formats.sanitize(cstr(b, off + 17, len - 17));
        }
        return "family " + fam;
    }

    /** Non-printable bytes as '.', truncated with "..." past the display limit when asked. */
    static String bytesDots(byte[] b, int off, int len, boolean truncate) {
        int n = truncate && len > MAX_BUF_OUTPUT ? MAX_BUF_OUTPUT : len;
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            int x = b[off + i] & 0xff;
            c[i] = Formats.printable(x) ? (char) x : '.';
        }
        if (truncate && len > MAX_BUF_OUTPUT) {
            c[n - 3] = '.';
            c[n - 2] = '.';
            c[n - 1] = '.';
        }
        return new String(c);
    }

    static String cstr(byte[] b, int off, int len) {
        int e = off;
        while (e < off + len && b[e] != 0) e++;
        return new String(b, off, e - off, StandardCharsets.UTF_8);
    }

    /** C's %lg: up to 6 significant digits, trailing zeros dropped. */
    static String gFormat(double d) {
        if (d == 0) return "0";
        String s = String.format("%.6g", d);
        if (s.contains("e")) {
            String[] p = s.split("e");
            String m = p[0].contains(".") ? p[0].replaceAll("0+$", "").replaceAll("\\.$", "") : p[0];
            int exp = Integer.parseInt(p[1]);
            return m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
