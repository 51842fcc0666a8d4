package dev.eyrie.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (2-byte marker, 8-byte schema fingerprint, body): a consumer decodes without a
 * registry. Decoders know the current schema and every released one, so data written by an older producer
 * (an edge collector not yet upgraded) is resolved to the current classes.
 *
 * <p>Encoders and decoders are not thread-safe; make one per thread or per operator instance.
 */
public final class WireCodec<T extends SpecificRecord> {
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final String kind;
  /** Fingerprint of the current schema: messages carrying it take {@link #currentReader}. */
  private final long currentFingerprint;
  private final SpecificDatumReader<T> currentReader;
  /** For events (the hot path of every job), a reader without Avro's resolving grammar; null for other kinds. */
  private final EventReader eventReader;
  private BinaryDecoder body;

  private WireCodec(Schema current, List<String> releasedResources, String kind, EventReader eventReader) {
    SpecificData model = SpecificData.getForSchema(current);
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (String resource : releasedResources) {
      store.addSchema(loadReleased(resource));
    }
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
    this.kind = kind;
    this.currentFingerprint = SchemaNormalization.parsingFingerprint64(current);
    // Same-schema data needs no resolution. Avro's default reader (FastReaderBuilder) sets every field through
    // put(int, Object) (boxing longs) and reads strings via Utf8, and BinaryMessageDecoder reads the body through
    // an InputStream byte by byte; the generated customDecode reads fields directly from an array-backed decoder,
    // reusing nested records and arrays: about half the CPU per event (BENCHMARKS.md, "Detection job").
    SpecificData direct = new SpecificData(WireCodec.class.getClassLoader());
    direct.setCustomCoders(true);
    direct.setFastReaderEnabled(false);
    this.currentReader = new SpecificDatumReader<>(current, current, direct);
    this.eventReader = eventReader;
  }

  public static WireCodec<Event> events() {
    return new WireCodec<>(Event.getClassSchema(), SchemaReleases.EVENT, "event", new EventReader());
  }

  public static WireCodec<Alert> alerts() {
    return new WireCodec<>(Alert.getClassSchema(), SchemaReleases.ALERT, "alert", null);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buf = encoder.encode(record);
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("encoding " + kind + " failed", e);
    }
  }

  /**
   * Decodes one message; {@code reuse} may be null. Throws {@link WireFormatException} with a reason fit for a
   * dead-letter record when the bytes are not a decodable message.
   */
  public T decode(byte[] bytes, T reuse) {
    if (bytes == null) {
      throw new WireFormatException("null " + kind + " payload");
    }
    try {
      if (isCurrent(bytes)) {
        if (eventReader != null) {
          @SuppressWarnings("unchecked")
          T event = (T) eventReader.read(bytes, HEADER_LENGTH, (Event) reuse);
          return event;
        }
        body = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, body);
        return currentReader.read(reuse, body);
      }
      // older released schemas (resolved to the current classes), and the reasons for bad headers
      return decoder.decode(bytes, reuse);
    } catch (BadHeaderException e) {
      throw new WireFormatException("not an Avro single-object " + kind + " message: " + e.getMessage(), e);
    } catch (MissingSchemaException e) {
      throw new WireFormatException("unknown " + kind + " schema fingerprint: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // any failure on arbitrary bytes (EOF, bad union index, absurd lengths) means a corrupt body
      throw new WireFormatException("corrupt " + kind + " body (" + bytes.length + " bytes): " + e, e);
    }
  }

  private static final int HEADER_LENGTH = 10;

  /** Single-object marker C3 01 followed by the current schema's fingerprint (little-endian). */
  private boolean isCurrent(byte[] b) {
    if (b.length < HEADER_LENGTH || b[0] != (byte) 0xC3 || b[1] != (byte) 0x01) {
      return false;
    }
    long fp = 0;
    for (int i = 9; i >= 2; i--) {
      fp = (fp << 8) | (b[i] & 0xFFL);
    }
    return fp == currentFingerprint;
  }

  private static Schema loadReleased(String resource) {
    try (InputStream in = WireCodec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("released schema missing from the jar: " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
