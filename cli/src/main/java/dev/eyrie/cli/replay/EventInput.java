package dev.eyrie.cli.replay;

import dev.eyrie.capture.CaptureReader;
import dev.eyrie.schema.Event;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The events of one replay input, in file order: a scap capture (plain or gzip) decoded by capture-import, or an
 * Avro container file of {@link Event} records as {@code eyrie collector --output} and {@code eyrie import} write
 * it. The kind is told by the file's first bytes, not its name. Decoding errors of captures already name the file
 * and offset (capture-import's ScapFormatException); Avro errors get the file name added here.
 */
final class EventInput implements Closeable, Iterator<Event> {
  enum Kind { CAPTURE, AVRO }

  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};

  private final Path path;
  private final Kind kind;
  private final Closeable resource;
  private final Iterator<Event> events;

  private EventInput(Path path, Kind kind, Closeable resource, Iterator<Event> events) {
    this.path = path;
    this.kind = kind;
    this.resource = resource;
    this.events = events;
  }

  static EventInput open(Path path) throws IOException {
    Kind kind = detect(path);
    if (kind == Kind.AVRO) {
      DataFileReader<Event> reader;
      try {
        reader = new DataFileReader<>(path.toFile(), new SpecificDatumReader<>(Event.class));
      } catch (IOException | AvroRuntimeException e) {
        throw new IOException(path + ": not a readable Eyrie events file: " + e.getMessage(), e);
      }
      return new EventInput(path, kind, reader, reader);
    }
    CaptureReader capture = CaptureReader.open(path);
    return new EventInput(path, kind, capture, capture.iterator());
  }

  static Kind detect(Path path) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(head, 0, 4);
    } catch (NoSuchFileException e) {
      throw new IOException("input not found: " + path, e);
    }
    if (n == 4 && head[0] == AVRO_MAGIC[0] && head[1] == AVRO_MAGIC[1] && head[2] == AVRO_MAGIC[2]
        && head[3] == AVRO_MAGIC[3]) {
      return Kind.AVRO;
    }
    boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    boolean scap = n == 4 && head[0] == 0x0A && head[1] == 0x0D && head[2] == 0x0D && head[3] == 0x0A;
    if (gzip || scap) {
      // a gzip file is only known to be a capture once inflated: the scap reader checks and names the file
      return Kind.CAPTURE;
    }
    throw new IOException(path + " is neither a scap capture nor an Eyrie Avro events file (it starts with "
        + java.util.HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + ")");
  }

  Path path() {
    return path;
  }

  Kind kind() {
    return kind;
  }

  @Override
  public boolean hasNext() {
    try {
      return events.hasNext();
    } catch (AvroRuntimeException e) {
      throw new IllegalStateException(path + ": corrupt events file: " + e.getMessage(), e);
    }
  }

  @Override
  public Event next() {
    try {
      return events.next();
    } catch (AvroRuntimeException e) {
      throw new IllegalStateException(path + ": corrupt events file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    resource.close();
  }
}
