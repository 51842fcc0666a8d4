package dev.eyrie.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Block-level reader of a scap capture (optionally gzip-compressed): header blocks into {@link Metadata},
 * then one {@link RawEvent} per event block.
 */
public final class ScapFile implements Closeable {
    static final int SHB = 0x0A0D0D0A;
    static final int SHB_MAGIC = 0x1A2B3C4D;
    static final int MI = 0x201, MI_INT = 0x8002ABCD;
    static final int PL_V1 = 0x202, PL_V1_INT = 0x8000ABCD, PL_V2 = 0x207, PL_V2_INT = 0x8013ABCD, PL_V3 = 0x209,
            PL_V3_INT = 0x8014ABCD, PL_V4 = 0x210, PL_V5 = 0x211, PL_V6 = 0x212, PL_V7 = 0x213, PL_V8 = 0x214, PL_V9 = 0x215;
    static final int FDL = 0x203, FDL_INT = 0x8001ABCD, FDL_V2 = 0x218;
    static final int EV = 0x204, EV_INT = 0x8010ABCD, EV_V2 = 0x216, EV_V2_LARGE = 0x221;
    static final int EVF = 0x208, EVF_V2 = 0x217, EVF_V2_LARGE = 0x222;
    static final int IL = 0x205, IL_INT = 0x8011ABCD, IL_V2 = 0x219;
    static final int UL = 0x206, UL_INT = 0x8012ABCD, UL_V2 = 0x220;

    /** First and last codes of the user/group add/delete metadata events, which carry state but no syscall. */
    static final int USER_ADDED_E = 354, GROUP_DELETED_X = 361;
    private static final int MAX_BLOCK = 256 * 1024 * 1024;

    private final String fileName;
    private final InputStream in;
    private final Metadata meta = new Metadata();
    private final EventTable table = EventTable.get();
    private long pos;
    private byte[] buf = new byte[64 * 1024];
    private int pendingType;
    private int pendingLen;
    private long pendingOffset = -1;
    private long numbered;

    private ScapFile(String fileName, InputStream in) {
        this.fileName = fileName;
        this.in = in;
    }

    /** Opens the file and reads every header block up to the first event. */
    public static ScapFile open(Path path) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        ScapFile f = new ScapFile(path.getFileName().toString(), in);
        try {
            f.readHeader();
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    public Metadata metadata() { return meta; }

    public String fileName() { return fileName; }

    private ScapFormatException err(long at, String what) {
        return new ScapFormatException(fileName, at, what);
    }

    /** Reads exactly n bytes into buf; false at a clean end of file (nothing read) when allowEof. */
    private boolean fill(int n, boolean allowEof, long blockAt) throws IOException {
        if (buf.length < n) buf = new byte[Math.max(n, buf.length * 2)];
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) {
                if (got == 0 && allowEof) return false;
                throw err(blockAt, "truncated: needed " + n + " bytes, file ended after " + got);
            }
            got += r;
        }
        pos += n;
        return true;
    }

    private boolean readBlockHeader() throws IOException {
        long at = pos;
        if (!fill(8, true, at)) return false;
        pendingType = i32(buf, 0);
        pendingLen = i32(buf, 4);
        pendingOffset = at;
        if (pendingLen < 12 || pendingLen > MAX_BLOCK || (pendingLen & 3) != 0 && pendingType != SHB) {
            throw err(at, String.format("bad block length %d for block type 0x%x", pendingLen & 0xffffffffL, pendingType));
        }
        return true;
    }

    /** Reads the body (without header) and checks the trailing length copy. Returns body length without trailer. */
    private int readBody() throws IOException {
        int bodyLen = pendingLen - 8;
        fill(bodyLen, false, pendingOffset);
        int trailer = i32(buf, bodyLen - 4);
        if (trailer != pendingLen) {
            throw err(pendingOffset, String.format("block type 0x%x: header length %d but trailer %d", pendingType, pendingLen, trailer));
        }
        return bodyLen - 4;
    }

    private void readHeader() throws IOException {
        if (!readBlockHeader()) throw err(0, "empty file");
        if (pendingType != SHB) throw err(0, String.format("not a scap file: first block type 0x%x", pendingType));
        int n = readBody();
        if (n < 16 || i32(buf, 0) != SHB_MAGIC) throw err(0, "bad section header magic");
        meta.majorVersion = u16(buf, 4);
        meta.minorVersion = u16(buf, 6);
        if (meta.majorVersion > 1) throw err(0, "unsupported scap major version " + meta.majorVersion);
        while (true) {
            if (!readBlockHeader()) throw err(pos, "no events in file");
            int t = pendingType;
            if (isEventBlock(t)) return;
            long at = pendingOffset;
            int len = readBody();
            try {
                switch (t) {
                    case MI, MI_INT -> readMachineInfo(len);
                    case PL_V1, PL_V1_INT, PL_V2, PL_V2_INT, PL_V3, PL_V3_INT, PL_V4, PL_V5, PL_V6, PL_V7, PL_V8, PL_V9 -> readProcList(t, len);
                    case FDL, FDL_INT, FDL_V2 -> readFdList(t, len);
                    case IL, IL_INT, IL_V2 -> readIfList(t, len);
                    case UL, UL_INT, UL_V2 -> readUserList(t, len);
                    default -> { /* unknown metadata blocks are skipped, as libscap does */ }
                }
            } catch (IndexOutOfBoundsException e) {
                throw err(at, String.format("block type 0x%x: entry runs past the block end", t));
            }
        }
    }

    static boolean isEventBlock(int t) {
        return t == EV || t == EV_INT || t == EV_V2 || t == EV_V2_LARGE || t == EVF || t == EVF_V2 || t == EVF_V2_LARGE;
    }

    private void readMachineInfo(int len) {
        int cpus = len >= 4 ? i32(buf, 0) : 0;
        long mem = len >= 12 ? i64(buf, 4) : 0;
        long maxPid = len >= 20 ? i64(buf, 12) : 0;
        String host = len >= 148 ? cstr(buf, 20, 128) : "";
        long boot = len >= 156 ? i64(buf, 148) : 0;
        long flags = len >= 164 ? i64(buf, 156) : 0;
        meta.machine = new Metadata.MachineInfo(cpus, mem, maxPid, host, boot, flags);
    }

    private void readProcList(int t, int blockLen) {
        int p = 0;
        while (blockLen - p >= 4) {
            int start = p;
            long subLen = 0;
            if (t == PL_V9) { subLen = u32(buf, p); p += 4; }
            long tid = i64(buf, p), pid = i64(buf, p + 8), ptid = i64(buf, p + 16);
            p += 24;
            long sid = -1, vpgid = -1;
            if (t == PL_V6 || t == PL_V7 || t == PL_V8 || t == PL_V9) { sid = i64(buf, p); p += 8; }
            if (t == PL_V8 || t == PL_V9) { vpgid = i64(buf, p); p += 8; }
            int l = u16(buf, p); String comm = cstr(buf, p + 2, l); p += 2 + l;
            l = u16(buf, p); String exe = cstr(buf, p + 2, l); p += 2 + l;
            String exepath = "";
            if (t == PL_V7 || t == PL_V8 || t == PL_V9) { l = u16(buf, p); exepath = cstr(buf, p + 2, l); p += 2 + l; }
            l = u16(buf, p); List<String> args = splitNul(buf, p + 2, l); p += 2 + l;
            l = u16(buf, p); String cwd = cstr(buf, p + 2, l); p += 2 + l;
            long fdlimit = i64(buf, p); int flags = i32(buf, p + 8); long uid = u32(buf, p + 12); long gid = u32(buf, p + 16);
            p += 20;
            List<String> env = List.of();
            long vtid = -1, vpid = -1;
            List<String> cgroups = List.of();
            String root = "";
            boolean v1 = t == PL_V1 || t == PL_V1_INT;
            if (!v1) {
                p += 4 + 4 + 4 + 8 + 8; // vmsize, vmrss, vmswap, pfmajor, pfminor
                if (t != PL_V2 && t != PL_V2_INT) {
                    l = u16(buf, p); env = splitNul(buf, p + 2, l); p += 2 + l;
                }
                if (t != PL_V2 && t != PL_V2_INT && t != PL_V3 && t != PL_V3_INT) {
                    vtid = i64(buf, p); vpid = i64(buf, p + 8); p += 16;
                    l = u16(buf, p); cgroups = splitNul(buf, p + 2, l); p += 2 + l;
                    if (t != PL_V4) { l = u16(buf, p); root = cstr(buf, p + 2, l); p += 2 + l; }
                }
            }
            long read = p - start;
            long pidnsTs = 0, loginuid = 0xffffffffL, capI = 0, capP = 0, capE = 0, exeIno = 0, pgid = -1;
            int tty = 0;
            boolean exeWritable = false, upper = false, memfd = false;
            if (subLen != 0) {
                // libs 0.10 inserted pidns_init_start_ts and tty before loginuid; older writers end with <= 29 bytes
                boolean pre010 = subLen - read <= 29;
                if (!pre010) {
                    if (read + 8 <= subLen) { pidnsTs = i64(buf, p); p += 8; read += 8; }
                    if (read + 4 <= subLen) { tty = i32(buf, p); p += 4; read += 4; }
                }
                if (read + 4 <= subLen) { loginuid = u32(buf, p); p += 4; read += 4; }
                if (read + 1 <= subLen) { exeWritable = buf[p] != 0; p += 1; read += 1; }
                if (read + 8 <= subLen) { capI = i64(buf, p); p += 8; read += 8; }
                if (read + 8 <= subLen) { capP = i64(buf, p); p += 8; read += 8; }
                if (read + 8 <= subLen) { capE = i64(buf, p); p += 8; read += 8; }
                if (read + 1 <= subLen) { upper = buf[p] != 0; p += 1; read += 1; }
                if (read + 8 <= subLen) { exeIno = i64(buf, p); p += 8; read += 8; }
                if (read + 8 <= subLen) { p += 8; read += 8; } // exe ctime
                if (read + 8 <= subLen) { p += 8; read += 8; } // exe mtime
                if (read + 1 <= subLen) { memfd = buf[p] != 0; p += 1; read += 1; }
                if (read + 1 <= subLen) { p += 1; read += 1; } // lower layer
                if (read + 8 <= subLen) { pgid = i64(buf, p); p += 8; read += 8; }
                if (read > subLen) throw new IndexOutOfBoundsException();
                p = start + (int) subLen;
            }
            meta.procs.add(new Metadata.ProcRecord(tid, pid, ptid, sid, vpgid, pgid, comm, exe, exepath, args, cwd, fdlimit,
                    flags, uid, gid, env, vtid, vpid, cgroups, root, pidnsTs, tty, loginuid, exeWritable, capI, capP, capE,
                    upper, exeIno, memfd));
        }
    }

    private void readFdList(int t, int blockLen) {
        long tid = i64(buf, 0);
        int p = 8;
        while (blockLen - p >= 4) {
            int start = p;
            long subLen = 0;
            if (t == FDL_V2) { subLen = u32(buf, p); p += 4; }
            long fd = i64(buf, p), ino = i64(buf, p + 8);
            int type = buf[p + 16] & 0xff;
            p += 17;
            String name = "";
            long openFlags = 0, dev = 0, usrc = 0, udst = 0;
            byte[] sip = null, dip = null;
            int sport = 0, dport = 0, l4 = 0;
            switch (type) {
                case 3 -> { sip = slice(buf, p, 4); dip = slice(buf, p + 4, 4); sport = u16(buf, p + 8); dport = u16(buf, p + 10); l4 = buf[p + 12] & 0xff; p += 13; }
                case 5 -> { sip = slice(buf, p, 4); sport = u16(buf, p + 4); l4 = buf[p + 6] & 0xff; p += 7; }
                case 4 -> { sip = slice(buf, p, 16); dip = slice(buf, p + 16, 16); sport = u16(buf, p + 32); dport = u16(buf, p + 34); l4 = buf[p + 36] & 0xff; p += 37; }
                case 6 -> { sip = slice(buf, p, 16); sport = u16(buf, p + 16); l4 = buf[p + 18] & 0xff; p += 19; }
                case 8 -> { usrc = i64(buf, p); udst = i64(buf, p + 8); p += 16; int l = u16(buf, p); name = cstr(buf, p + 2, l); p += 2 + l; }
                case 16 -> {
                    openFlags = u32(buf, p); p += 4;
                    int l = u16(buf, p); name = cstr(buf, p + 2, l); p += 2 + l;
                    if (subLen != 0 && subLen >= (p - start) + 4) { dev = u32(buf, p); p += 4; }
                }
                case 0 -> { }
                default -> { int l = u16(buf, p); name = cstr(buf, p + 2, l); p += 2 + l; }
            }
            if (subLen != 0) {
                if (p - start > subLen) throw new IndexOutOfBoundsException();
                p = start + (int) subLen;
            }
            meta.fds.add(new Metadata.FdRecord(tid, fd, ino, type, name, openFlags, dev, sip, dip, sport, dport, l4, usrc, udst));
        }
    }

    private void readIfList(int t, int blockLen) {
        int p = 0;
        while (blockLen - p >= 4) {
            int entry = 0;
            if (t == IL_V2) { entry = i32(buf, p); p += 4; }
            int start = p;
            int type = u16(buf, p), nl = u16(buf, p + 2);
            int size;
            switch (type) {
                case 1, 3 -> {
                    int base = type == 1 ? 24 : 16;
                    size = base + nl;
                    meta.interfaces.add(new Metadata.InterfaceAddr(cstr(buf, start + base, nl), slice(buf, start + 4, 4), slice(buf, start + 8, 4), false));
                }
                case 2, 4 -> {
                    int base = type == 2 ? 60 : 52;
                    size = base + nl;
                    meta.interfaces.add(new Metadata.InterfaceAddr(cstr(buf, start + base, nl), slice(buf, start + 4, 16), slice(buf, start + 20, 16), true));
                }
                default -> throw new IndexOutOfBoundsException();
            }
            p = start + (entry != 0 ? entry : size);
        }
    }

    private void readUserList(int t, int blockLen) {
        int p = 0;
        while (blockLen - p >= 4) {
            int start = p;
            long subLen = 0;
            if (t == UL_V2) { subLen = u32(buf, p); p += 4; }
            int type = buf[p] & 0xff;
            p += 1;
            if (type == 0) {
                long uid = u32(buf, p), gid = u32(buf, p + 4);
                p += 8;
                int l = u16(buf, p); String name = cstr(buf, p + 2, l); p += 2 + l;
                l = u16(buf, p); String home = cstr(buf, p + 2, l); p += 2 + l;
                l = u16(buf, p); String shell = cstr(buf, p + 2, l); p += 2 + l;
                meta.users.add(new Metadata.UserRecord(uid, gid, name, home, shell));
            } else {
                long gid = u32(buf, p);
                p += 4;
                int l = u16(buf, p); String name = cstr(buf, p + 2, l); p += 2 + l;
                meta.groups.add(new Metadata.GroupRecord(gid, name));
            }
            if (subLen != 0) p = start + (int) subLen;
        }
    }

    /**
     * Next event block, or null at end of file. Events are numbered in file order; the user/group metadata
     * events (which describe the user table, not activity) get number 0 and do not advance the count,
     * matching how sysdig/Falco number the syscall stream.
     */
    public RawEvent next() throws IOException {
        if (pendingOffset < 0 && !readBlockHeader()) return null;
        long at = pendingOffset;
        int t = pendingType;
        if (!isEventBlock(t)) {
            throw err(at, String.format("unexpected block type 0x%x among events", t));
        }
        int len = readBody();
        pendingOffset = -1;
        boolean v2 = t == EV_V2 || t == EV_V2_LARGE || t == EVF_V2 || t == EVF_V2_LARGE;
        boolean withFlags = t == EVF || t == EVF_V2 || t == EVF_V2_LARGE;
        int p = 0;
        int cpu = u16(buf, p); p += 2;
        int dumpFlags = 0;
        if (withFlags) { dumpFlags = i32(buf, p); p += 4; }
        int hdr = v2 ? 26 : 22;
        if (len - p < hdr) throw err(at, "event header exceeds block (" + len + " bytes)");
        long ts = i64(buf, p), tid = i64(buf, p + 8);
        long evLen = u32(buf, p + 16);
        int type = u16(buf, p + 20);
        EventTable.EventInfo info = table.info(type);
        int lenSize = (info.flags() & EventTable.EF_LARGE_PAYLOAD) != 0 ? 4 : 2;
        int evStart = p;
        int avail = len - evStart;
        int nparams;
        int lensAt;
        if (v2) {
            nparams = i32(buf, p + 22);
            lensAt = p + 26;
            if (evLen < 26 || evLen > avail) throw err(at, "event length " + evLen + " does not fit block of " + avail + " bytes");
            if (nparams < 0 || 26L + (long) nparams * lenSize > evLen) throw err(at, "event nparams " + nparams + " does not fit event length " + evLen);
        } else {
            // v1 events omit nparams: the count is the one whose lengths add up to the event length
            lensAt = p + 22;
            if (evLen < 22 || evLen > avail) throw err(at, "event length " + evLen + " does not fit block of " + avail + " bytes");
            nparams = -1;
            for (int n = info.params().length; n >= 0; n--) {
                long vp = 22L + (long) n * lenSize;
                if (vp > evLen) continue;
                for (int i = 0; i < n; i++) vp += u16(buf, lensAt + i * lenSize);
                if (vp == evLen) { nparams = n; break; }
            }
            if (nparams < 0) throw err(at, "cannot work out the parameter count of a v1 event of type " + type);
        }
        int[] off = new int[nparams];
        int[] ln = new int[nparams];
        long vp = (lensAt - evStart) + (long) nparams * lenSize;
        for (int i = 0; i < nparams; i++) {
            long l = lenSize == 4 ? u32(buf, lensAt + i * 4) : u16(buf, lensAt + i * 2);
            if (vp + l > evLen) throw err(at, "parameter " + i + " of event type " + type + " runs past the event end");
            off[i] = (int) vp;
            ln[i] = (int) l;
            vp += l;
        }
        byte[] data = new byte[(int) evLen];
        System.arraycopy(buf, evStart, data, 0, (int) evLen);
        long num = (type >= USER_ADDED_E && type <= GROUP_DELETED_X) ? 0 : ++numbered;
        return new RawEvent(num, ts, cpu, tid, type, dumpFlags, data, off, ln, at);
    }

    @Override
    public void close() throws IOException { in.close(); }

    static int u16(byte[] b, int o) { return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8; }

    static int i32(byte[] b, int o) { return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24; }

    static long u32(byte[] b, int o) { return i32(b, o) & 0xffffffffL; }

    static long i64(byte[] b, int o) { return u32(b, o) | u32(b, o + 4) << 32; }

    static byte[] slice(byte[] b, int o, int n) {
        byte[] r = new byte[n];
        System.arraycopy(b, o, r, 0, n);
        return r;
    }

    /** String of at most n bytes, cut at the first NUL. */
    static String cstr(byte[] b, int o, int n) {
        if (o + n > b.length) throw new IndexOutOfBoundsException();
        int e = o;
        while (e < o + n && b[e] != 0) e++;
        return new String(b, o, e - o, StandardCharsets.UTF_8);
    }

    /** NUL-separated strings (args, env, cgroups); a trailing NUL does not make an empty last item. */
    static List<String> splitNul(byte[] b, int o, int n) {
        if (o + n > b.length) throw new IndexOutOfBoundsException();
        List<String> out = new ArrayList<>();
        int s = o;
        for (int i = o; i < o + n; i++) {
            if (b[i] == 0) {
                out.add(new String(b, s, i - s, StandardCharsets.UTF_8));
                s = i + 1;
            }
        }
        if (s < o + n) out.add(new String(b, s, o + n - s, StandardCharsets.UTF_8));
        return out;
    }

    static EOFException eof() { return new EOFException(); }
}
