package dev.eyrie.capture;

import java.nio.charset.StandardCharsets;

/** One event block as stored: header fields and the undecoded parameter bytes. */
public final class RawEvent {
    private final long num;
    private final long ts;
    private final int cpu;
    private final long tid;
    private final int type;
    private final int dumpFlags;
    private final EventTable.EventInfo info;
    private final byte[] data;
    private final int[] off;
    private final int[] len;
    private final long fileOffset;

    RawEvent(long num, long ts, int cpu, long tid, int type, int dumpFlags, byte[] data, int[] off, int[] len, long fileOffset) {
        this.num = num;
        this.ts = ts;
        this.cpu = cpu;
        this.tid = tid;
        this.type = type;
        this.dumpFlags = dumpFlags;
        this.info = EventTable.get().info(type);
        this.data = data;
        this.off = off;
        this.len = len;
        this.fileOffset = fileOffset;
    }

    /** evt.num: position among the events of the file, from 1. */
    public long num() { return num; }
    public long ts() { return ts; }
    public int cpu() { return cpu; }
    public long tid() { return tid; }
    public int type() { return type; }
    public int dumpFlags() { return dumpFlags; }
    public long fileOffset() { return fileOffset; }
    public EventTable.EventInfo info() { return info; }
    /** evt.type: the table name, except generic events which are named after their syscall. */
    public String name() {
        if ((type == 0 || type == 1) && off.length > 0 && len[0] == 2) {
            String n = EventTable.get().syscallName((int) paramULong(0));
            if (n != null) return n;
        }
        return info.name();
    }
    public boolean isEnter() { return (type & 1) == 0; }
    public int nparams() { return off.length; }

    /** Name of parameter i; parameters beyond the table's knowledge are called argN. */
    public String paramName(int i) {
        EventTable.ParamInfo[] ps = info.params();
        return i < ps.length ? ps[i].name() : "arg" + i;
    }

    public EventTable.ParamInfo paramInfo(int i) {
        EventTable.ParamInfo[] ps = info.params();
        return i < ps.length ? ps[i] : null;
    }

    /** Index of the parameter with that name, or -1. */
    public int indexOf(String name) {
        EventTable.ParamInfo[] ps = info.params();
        for (int i = 0; i < off.length && i < ps.length; i++) {
            if (ps[i].name().equals(name)) return i;
        }
        return -1;
    }

    public int paramLen(int i) { return len[i]; }
    public int paramOffset(int i) { return off[i]; }
    public byte[] buffer() { return data; }

    public byte[] paramBytes(int i) {
        byte[] b = new byte[len[i]];
        System.arraycopy(data, off[i], b, 0, len[i]);
        return b;
    }

    /** Integer value of a numeric parameter, sign-extended from its stored width. */
    public long paramLong(int i) {
        int o = off[i];
        return switch (len[i]) {
            case 1 -> data[o];
            case 2 -> (short) ((data[o] & 0xff) | (data[o + 1] & 0xff) << 8);
            case 4 -> (int) u32(o);
            case 8 -> u64(o);
            default -> 0;
        };
    }

    /** Unsigned value of a numeric parameter. */
    public long paramULong(int i) {
        int o = off[i];
        return switch (len[i]) {
            case 1 -> data[o] & 0xffL;
            case 2 -> (data[o] & 0xff) | (data[o + 1] & 0xff) << 8;
            case 4 -> u32(o);
            case 8 -> u64(o);
            default -> 0;
        };
    }

    /** A string parameter up to its first NUL, as C code reads it. */
    public String paramString(int i) {
        int o = off[i];
        int end = o;
        int lim = o + len[i];
        while (end < lim && data[end] != 0) end++;
        return new String(data, o, end - o, StandardCharsets.UTF_8);
    }

    long u32(int o) {
        return (data[o] & 0xffL) | (data[o + 1] & 0xffL) << 8 | (data[o + 2] & 0xffL) << 16 | (data[o + 3] & 0xffL) << 24;
    }

    long u64(int o) {
        return u32(o) | u32(o + 4) << 32;
    }

    @Override
    public String toString() {
        return "#" + num + " " + (isEnter() ? "> " : "< ") + name() + " tid=" + tid + " ts=" + ts;
    }
}
