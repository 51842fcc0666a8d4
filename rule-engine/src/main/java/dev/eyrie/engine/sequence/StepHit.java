package dev.eyrie.engine.sequence;

import java.util.Arrays;

/**
 * An event that can play a part in a sequence, for one join key: what the correlation stage keeps of it (ids, host,
 * time and its pre-rendered output text), never the whole event. {@code roles} has bit i set when the event matches
 * positive step i, plus {@link SequencePlan#ABSENCE} / {@link SequencePlan#UNTIL}. One event yields one hit per
 * (sequence, key) — with all the roles it plays under that key — so it can never fill two positions of one match.
 *
 * @param sequence position of the sequence in its {@link StepMatcher}
 * @param key the join key values joined by {@code \u001f} ("" for an unkeyed sequence)
 * @param ts event time, ns since the epoch
 * @param texts rendered output segments this event supplies (see {@link SequenceOutput})
 * @param fields output field values this event supplies, typed as in per-event alerts (String, Long, Boolean; null
 *     for {@code <NA>})
 */
public record StepHit(int sequence, String key, int roles, long ts, String eventId, String hostId, String hostname,
    String[] texts, Object[] fields) {

  /** Event time in milliseconds, the resolution of Flink's event time, which both evaluators order by. */
  public long millis() {
    return Math.floorDiv(ts, 1_000_000L);
  }

  /** The partition CEP is keyed by: sequence and join key. */
  public String partition() {
    return sequence + "\u0000" + key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepHit h && sequence == h.sequence && roles == h.roles && ts == h.ts
        && key.equals(h.key) && eventId.equals(h.eventId) && hostId.equals(h.hostId) && hostname.equals(h.hostname)
        && Arrays.equals(texts, h.texts) && Arrays.equals(fields, h.fields);
  }

  @Override
  public int hashCode() {
    return (sequence * 31 + key.hashCode()) * 31 + eventId.hashCode();
  }

  @Override
  public String toString() {
    return "StepHit[" + sequence + "/" + key + " roles=" + Integer.toBinaryString(roles) + " " + eventId + " @"
        + ts + "]";
  }
}
