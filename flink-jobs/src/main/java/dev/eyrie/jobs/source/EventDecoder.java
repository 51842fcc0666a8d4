package dev.eyrie.jobs.source;

import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;
import dev.eyrie.schema.WireFormatException;

/**
 * Decodes {@link RawEvent}s inside the operator that uses them, into one reused {@link Event} (nested records,
 * arrays and the Avro decoder are reused too). The returned event is only valid until the next call: copy it to
 * keep it. One instance per operator instance (not thread-safe).
 */
public final class EventDecoder {
  private final WireCodec<Event> codec = WireCodec.events();
  private final String topic;
  private Event reuse;
  private DeadLetter rejected;

  /** {@code topic}: the events topic, named in dead letters. */
  public EventDecoder(String topic) {
    this.topic = topic;
  }

  /** The decoded event, or null when the record is not a decodable event: then see {@link #rejected()}. */
  public Event decode(RawEvent raw) {
    try {
      reuse = codec.decode(raw.value, reuse);
      return reuse;
    } catch (WireFormatException e) {
      // a failed decode may leave the reused instance half-written: start the next one from scratch
      reuse = null;
      rejected = new DeadLetter(e.getMessage(), topic, raw.partition, raw.offset, raw.timestamp, raw.key, raw.value);
      return null;
    }
  }

  /** The dead letter for the last record {@link #decode} refused. */
  public DeadLetter rejected() {
    return rejected;
  }
}
