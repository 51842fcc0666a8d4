package dev.eyrie.cli.replay;

import dev.eyrie.schema.Event;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/** An Avro container file of Event records, the same format as {@code eyrie collector --output FILE}. */
final class AvroEventsFile implements ImportTarget {
  private final Path path;
  private final DataFileWriter<Event> writer;

  AvroEventsFile(Path path) throws IOException {
    this.path = path;
    this.writer = new DataFileWriter<>(new SpecificDatumWriter<>(Event.class));
    writer.setCodec(CodecFactory.deflateCodec(1));
    try {
      writer.create(Event.getClassSchema(), path.toFile());
    } catch (IOException e) {
      writer.close();
      throw new IOException("cannot create events file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(Event event) throws IOException {
    writer.append(event);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  @Override
  public String describe() {
    return path.toString();
  }
}
