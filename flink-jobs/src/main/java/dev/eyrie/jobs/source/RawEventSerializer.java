package dev.eyrie.jobs.source;

import java.io.IOException;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Length-prefixed value and key (-1 = null), then partition, offset, timestamp. No per-field reflection, unlike
 * Flink's POJO serializer: this runs for every event on the source → detection hop.
 */
public final class RawEventSerializer extends TypeSerializerSingleton<RawEvent> {
  private static final long serialVersionUID = 1L;
  public static final RawEventSerializer INSTANCE = new RawEventSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public RawEvent createInstance() {
    return new RawEvent();
  }

  @Override
  public RawEvent copy(RawEvent from) {
    return new RawEvent(clone(from.value), clone(from.key), from.partition, from.offset, from.timestamp);
  }

  @Override
  public RawEvent copy(RawEvent from, RawEvent reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(RawEvent r, DataOutputView out) throws IOException {
    writeBytes(r.value, out);
    writeBytes(r.key, out);
    out.writeInt(r.partition);
    out.writeLong(r.offset);
    out.writeLong(r.timestamp);
  }

  @Override
  public RawEvent deserialize(DataInputView in) throws IOException {
    return deserialize(new RawEvent(), in);
  }

  @Override
  public RawEvent deserialize(RawEvent reuse, DataInputView in) throws IOException {
    reuse.value = readBytes(in);
    reuse.key = readBytes(in);
    reuse.partition = in.readInt();
    reuse.offset = in.readLong();
    reuse.timestamp = in.readLong();
    return reuse;
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    serialize(deserialize(source), target);
  }

  @Override
  public TypeSerializerSnapshot<RawEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  private static void writeBytes(byte[] b, DataOutputView out) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static byte[] clone(byte[] b) {
    return b == null ? null : b.clone();
  }

  /** Stateless format: restores to the singleton. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
