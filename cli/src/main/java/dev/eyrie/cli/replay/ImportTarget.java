package dev.eyrie.cli.replay;

import dev.eyrie.schema.Event;
import java.io.IOException;

/** Where {@code eyrie import} writes events. */
interface ImportTarget extends AutoCloseable {
  void write(Event event) throws IOException;

  /** Makes every written event durable (all acknowledged / file complete); failures surface here at the latest. */
  @Override
  void close() throws IOException;

  /** For the summary line, e.g. {@code events.avro} or {@code Kafka 127.0.0.1:19092 topic eyrie.events}. */
  String describe();
}
