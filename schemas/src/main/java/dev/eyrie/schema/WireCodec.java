package dev.eyrie.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
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

  private WireCodec(Schema current, List<String> releasedResources, String kind) {
    SpecificData model = SpecificData.getForSchema(current);
    SchemaStore.Cache store = new SchemaStore.Cache();
    for (String resource : releasedResources) {
      store.addSchema(loadReleased(resource));
    }
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
    this.kind = kind;
  }

  public static WireCodec<Event> events() {
    return new WireCodec<>(Event.getClassSchema(), SchemaReleases.EVENT, "event");
  }

  public static WireCodec<Alert> alerts() {
    return new WireCodec<>(Alert.getClassSchema(), SchemaReleases.ALERT, "alert");
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
      return decoder.decode(bytes, reuse);
    } catch (BadHeaderException e) {
      throw new WireFormatException("not an Avro single-object " + kind + " message: " + e.getMessage(), e);
    } catch (MissingSchemaException e) {
      throw new WireFormatException("unknown " + kind + " schema fingerprint: " + e.getMessage(), e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new WireFormatException("corrupt " + kind + " body (" + bytes.length + " bytes): " + e, e);
    }
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
