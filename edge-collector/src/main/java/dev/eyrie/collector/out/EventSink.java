package dev.eyrie.collector.out;

import dev.eyrie.schema.Event;

/** Where numbered events go. Called from the consumer thread only. */
public interface EventSink extends AutoCloseable {
  void ship(Event event);

  /** Delivers or persists everything accepted so far; called on shutdown before close. */
  void drain();

  @Override
  void close();
}
