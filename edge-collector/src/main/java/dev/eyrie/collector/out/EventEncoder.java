package dev.eyrie.collector.out;

import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Container;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.FileDescriptor;
import dev.eyrie.schema.Host;
import dev.eyrie.schema.Kubernetes;
import dev.eyrie.schema.Process;
import dev.eyrie.schema.User;
import dev.eyrie.schema.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Produces exactly the bytes of {@code WireCodec.events().encode(event)} (Avro single-object encoding), faster:
 * sub-records that repeat from event to event (host, process, user, ancestors, container, pod) are encoded once
 * and their bytes reused while the same object instance comes back. Avro's binary encoding of a record is the
 * concatenation of its fields, so a nested record's bytes do not depend on where it sits. Not thread-safe.
 */
public final class EventEncoder {
  private final byte[] header;
  private final Bytes out = new Bytes(8192);
  private final BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
  /** UTF-8 of strings that recur by identity (argument names, event types) */
  private final Map<String, byte[]> names = new IdentityHashMap<>();
  private final SpecificDatumWriter<Process> procWriter = new SpecificDatumWriter<>(Process.getClassSchema());
  private final SpecificDatumWriter<User> userWriter = new SpecificDatumWriter<>(User.getClassSchema());
  private final SpecificDatumWriter<dev.eyrie.schema.Ancestor> ancWriter =
      new SpecificDatumWriter<>(dev.eyrie.schema.Ancestor.getClassSchema());
  private final SpecificDatumWriter<Container> containerWriter = new SpecificDatumWriter<>(Container.getClassSchema());
  private final SpecificDatumWriter<Kubernetes> podWriter = new SpecificDatumWriter<>(Kubernetes.getClassSchema());
  private final SpecificDatumWriter<Host> hostWriter = new SpecificDatumWriter<>(Host.getClassSchema());
  private final ByteArrayOutputStream sub = new ByteArrayOutputStream(1024);
  private final BinaryEncoder subEnc = EncoderFactory.get().directBinaryEncoder(sub, null);

  private Host lastHost;
  private byte[] hostBytes;
  private Process lastProc;
  private byte[] procBytes;
  private User lastUser;
  private byte[] userBytes;
  private final Map<List<?>, byte[]> ancestors = new IdentityHashMap<>();
  private final Map<Container, byte[]> containers = new IdentityHashMap<>();
  private final Map<Kubernetes, byte[]> pods = new IdentityHashMap<>();

  public EventEncoder() {
    // the 10-byte single-object header (marker + schema fingerprint) is whatever the codec writes
    byte[] probe = WireCodec.events().encode(sample());
    header = Arrays.copyOf(probe, 10);
  }

  public byte[] encode(Event e) {
    try {
      out.reset();
      enc.writeFixed(header);
      enc.writeString(e.getEventId());
      if (e.getHost() != lastHost) {
        lastHost = e.getHost();
        hostBytes = sub(hostWriter, lastHost);
      }
      enc.writeFixed(hostBytes);
      enc.writeLong(e.getSeq());
      enc.writeLong(e.getTs());
      enc.writeInt(e.getCpu());
      enc.writeBytes(name(e.getType())); // Avro strings and bytes share one binary form
      enc.writeLong(e.getRes());
      List<Arg> args = e.getArgs();
      enc.writeArrayStart();
      enc.setItemCount(args.size());
      for (Arg a : args) {
        enc.startItem();
        enc.writeBytes(name(a.getName()));
        enc.writeString(a.getValue());
        if (a.getRaw() == null) {
          enc.writeIndex(0);
        } else {
          enc.writeIndex(1);
          enc.writeLong(a.getRaw());
        }
      }
      enc.writeArrayEnd();
      if (e.getBuffer() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        enc.writeBytes(e.getBuffer());
      }
      if (e.getProc() != lastProc) {
        lastProc = e.getProc();
        procBytes = sub(procWriter, lastProc);
      }
      enc.writeFixed(procBytes);
      if (e.getUser() != lastUser) {
        lastUser = e.getUser();
        userBytes = sub(userWriter, lastUser);
      }
      enc.writeFixed(userBytes);
      List<dev.eyrie.schema.Ancestor> anc = e.getAncestors();
      byte[] ab = ancestors.get(anc);
      if (ab == null) {
        if (ancestors.size() > 4096) {
          ancestors.clear();
        }
        sub.reset();
        subEnc.writeArrayStart();
        subEnc.setItemCount(anc.size());
        for (dev.eyrie.schema.Ancestor a : anc) {
          subEnc.startItem();
          ancWriter.write(a, subEnc);
        }
        subEnc.writeArrayEnd();
        ab = sub.toByteArray();
        ancestors.put(anc, ab);
      }
      enc.writeFixed(ab);
      if (e.getFd() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        writeFd(e.getFd());
      }
      byte[] cb = containers.get(e.getContainer());
      if (cb == null) {
        cb = sub(containerWriter, e.getContainer());
        containers.put(e.getContainer(), cb);
      }
      enc.writeFixed(cb);
      if (e.getK8s() == null) {
        enc.writeIndex(0);
      } else {
        enc.writeIndex(1);
        byte[] pb = pods.get(e.getK8s());
        if (pb == null) {
          pb = sub(podWriter, e.getK8s());
          pods.put(e.getK8s(), pb);
        }
        enc.writeFixed(pb);
      }
      enc.flush();
      return out.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** FileDescriptor field by field (it changes every event; the generic writer resolves each union reflectively) */
  private void writeFd(FileDescriptor f) throws IOException {
    enc.writeLong(f.getNum());
    enc.writeString(f.getType());
    enc.writeString(f.getName());
    optString(f.getNameraw());
    enc.writeBoolean(f.getNameChanged());
    enc.writeLong(f.getOpenFlags());
    optLong(f.getIno());
    optLong(f.getDev());
    optString(f.getL4proto());
    optString(f.getSockfamily());
    optString(f.getLocalIp());
    optInt(f.getLocalPort());
    optString(f.getRemoteIp());
    optInt(f.getRemotePort());
    enc.writeBoolean(f.getIsServer());
    enc.writeBoolean(f.getConnected());
    optString(f.getServerIpName());
    optString(f.getClientIpName());
  }

  private void optString(String v) throws IOException {
    if (v == null) {
      enc.writeIndex(0);
    } else {
      enc.writeIndex(1);
      enc.writeString(v);
    }
  }

  private void optLong(Long v) throws IOException {
    if (v == null) {
      enc.writeIndex(0);
    } else {
      enc.writeIndex(1);
      enc.writeLong(v);
    }
  }

  private void optInt(Integer v) throws IOException {
    if (v == null) {
      enc.writeIndex(0);
    } else {
      enc.writeIndex(1);
      enc.writeInt(v);
    }
  }

  private byte[] name(String s) {
    byte[] b = names.get(s);
    if (b == null) {
      b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (names.size() < 4096) {
        names.put(s, b);
      }
    }
    return b;
  }

  /** an unsynchronized ByteArrayOutputStream */
  private static final class Bytes extends java.io.OutputStream {
    private byte[] buf;
    private int n;

    Bytes(int size) {
      buf = new byte[size];
    }

    void reset() {
      n = 0;
    }

    @Override
    public void write(int b) {
      if (n == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (n + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + len));
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, n);
    }
  }

  private <T> byte[] sub(SpecificDatumWriter<T> w, T value) throws IOException {
    sub.reset();
    w.write(value, subEnc);
    return sub.toByteArray();
  }

  private static Event sample() {
    Host h = new Host("h", "h", List.of(), "b");
    Process p = new Process(1L, 1L, 1L, 1L, 0L, 0L, 0L, "x", "", "", List.of(), null, null, 0, 0L, null, false,
        false, false, 0L, 0L, 0L);
    User u = new User(0L, null, null, null, -1L, null, 0L, null);
    Container c = new Container("host", "", null, null, null, null, null, null, null, List.of());
    return new Event("i", h, 1L, 0L, -1, "t", 0L, List.of(), null, p, u, List.of(), null, c, null);
  }
}
