package dev.eyrie.collector.out;

import dev.eyrie.collector.metrics.Metrics;
import dev.eyrie.schema.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/** Offline capture: an Avro container file of Event records (replay reads it later). */
public final class AvroFileSink implements EventSink {
  private final DataFileWriter<Event> writer;
  private final Metrics metrics;
  private final Path path;

  public AvroFileSink(Path path, Metrics metrics) {
    this.path = path;
    this.metrics = metrics;
    writer = new DataFileWriter<>(new SpecificDatumWriter<>(Event.class));
    writer.setCodec(CodecFactory.deflateCodec(1));
    try {
      writer.create(Event.getClassSchema(), path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create events file " + path, e);
    }
  }

  @Override
  public void ship(Event event) {
    try {
      writer.append(event);
      metrics.sent.incrementAndGet();
    } catch (IOException e) {
      throw new UncheckedIOException("writing events file " + path, e);
    }
  }

  @Override
  public void drain() {
    try {
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("flushing events file " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing events file " + path, e);
    }
  }
}
