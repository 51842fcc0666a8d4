package dev.eyrie.cli.replay;

import dev.eyrie.schema.Event;
import java.io.IOException;
import java.nio.file.Path;

/** Where {@code eyrie import} writes events. */
interface ImportTarget extends AutoCloseable {
  /** The events that follow come from {@code input} (one capture or events file). */
  default void begin(Path input) throws IOException {}

  void write(Event event) throws IOException;

  /** Every input was read completely: targets that publish all-or-nothing publish now. */
  default void finish() throws IOException {}

  /** Makes every written event durable (all acknowledged / file complete); failures surface here at the latest. */
  @Override
  void close() throws IOException;

  /** For the summary line, e.g. {@code events.avro} or {@code Kafka 127.0.0.1:19092 topic eyrie.events}. */
  String describe();
}
