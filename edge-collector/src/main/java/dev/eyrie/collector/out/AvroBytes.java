package dev.eyrie.collector.out;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro binary primitives written straight into one growable array. Avro's BinaryEncoder goes through an
 * OutputStream and turns every string into a fresh byte array first; on the collector's per-event path that was
 * the encoder's largest cost. The output is byte for byte what BinaryEncoder writes (EventEncoderTest).
 */
final class AvroBytes {
  private byte[] buf;
  private int pos;
  /** the last long string written since reset(), and where its Avro form is: an event repeats its path */
  private String memo;
  private int memoAt = -1;
  private int memoLen;

  AvroBytes(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    pos = 0;
    memo = null;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  /** zig-zag varint, Avro's long and int (an int's zig-zag value equals its sign-extended long's) */
  void writeLong(long v) {
    ensure(10);
    long z = (v << 1) ^ (v >> 63);
    byte[] b = buf;
    int p = pos;
    if (z < 0x80 && z >= 0) { // small numbers and union branches: one byte
      b[p] = (byte) z;
      pos = p + 1;
      return;
    }
    while ((z & ~0x7fL) != 0) {
      b[p++] = (byte) ((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    b[p++] = (byte) z;
    pos = p;
  }

  void writeInt(int v) {
    writeLong(v);
  }

  /** union branch 0 or 1: one byte */
  void writeIndex(int unionBranch) {
    ensure(1);
    buf[pos++] = (byte) (unionBranch << 1);
  }

  void writeBoolean(boolean v) {
    ensure(1);
    buf[pos++] = (byte) (v ? 1 : 0);
  }

  /** array block header for {@code n} items; an empty array is just the end marker */
  void writeArrayStart(int n) {
    if (n > 0) {
      writeLong(n);
    }
  }

  void writeArrayEnd() {
    ensure(1);
    buf[pos++] = 0;
  }

  /** {@link #writeString} that also returns where the string's Avro form starts (it ends at the current end) */
  int writeStringAt(String s) {
    int at = pos;
    writeString(s);
    return at;
  }

  /** a copy of the bytes from {@code start} to the end */
  byte[] copyFrom(int start) {
    return Arrays.copyOfRange(buf, start, pos);
  }

  /** bytes already in Avro form (a cached sub-record) */
  void writeRaw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  /** Avro bytes from position to limit, without moving the buffer's position */
  void writeBytes(ByteBuffer bb) {
    int len = bb.remaining();
    writeLong(len);
    ensure(len);
    bb.get(bb.position(), buf, pos, len);
    pos += len;
  }

  /** Avro string: UTF-8 as String.getBytes(UTF_8) makes it (unpaired surrogates become '?') */
  void writeString(String s) {
    if (s == memo) { // the same instance again (a path as argument, fd.name and fd.nameraw): copy its bytes
      ensure(memoLen);
      System.arraycopy(buf, memoAt, buf, pos, memoLen);
      pos += memoLen;
      return;
    }
    int at = pos;
    writeChars(s);
    if (s.length() >= 16) {
      memo = s;
      memoAt = at;
      memoLen = pos - at;
    }
  }

  private void writeChars(String s) {
    int n = s.length();
    if (n >= 16) {
      // String.getBytes checks for non-ASCII and copies with vectorized intrinsics: for a path or an id that beats
      // a char loop despite the temporary array
      writeUtf8(s);
      return;
    }
    // short text (names, numbers, flags): a one-byte length prefix and a char loop, no allocation
    ensure(1 + n);
    byte[] b = buf;
    int start = pos + 1;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        writeUtf8(s);
        return;
      }
      b[start + i] = (byte) c;
    }
    b[pos] = (byte) (n << 1);
    pos = start + n;
  }

  private void writeUtf8(String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    writeLong(u.length);
    writeRaw(u);
  }
}
