package dev.eyrie.jobs.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.jobs.testing.TestEvents;
import dev.eyrie.schema.Event;
import dev.eyrie.schema.WireCodec;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private final WireCodec<Event> codec = WireCodec.events();

  @Test
  void decodingIntoTheReusedInstanceLeavesNothingOfThePreviousEvent() {
    Event open = TestEvents.open("h1", 1, "cat", "/etc/shadow");
    Event exec = TestEvents.exec("h2", 2, "bash", "-c", "id");
    EventDecoder decoder = new EventDecoder("events");
    Event first = decoder.decode(raw(codec.encode(open), 0, 0));
    assertEquals(open, first);
    // fewer args, no fd, different process args: every field must be overwritten, not merged
    Event second = decoder.decode(raw(codec.encode(exec), 0, 1));
    assertSame(first, second);
    assertEquals(exec, second);
    assertEquals(open, decoder.decode(raw(codec.encode(open), 0, 2)));
  }

  @Test
  void undecodableRecordsBecomeDeadLettersWithTheirOriginAndDecodingGoesOn() {
    EventDecoder decoder = new EventDecoder("events");
    byte[] good = codec.encode(TestEvents.open("h1", 1, "cat", "/etc/passwd"));
    byte[] truncated = Arrays.copyOf(good, good.length / 2);
    byte[] otherFingerprint = good.clone();
    otherFingerprint[5] ^= 0x5a;
    List<byte[]> bad = List.of(truncated, otherFingerprint, "{}".getBytes(), new byte[0]);
    List<String> reasons = List.of("corrupt event body", "unknown event schema fingerprint",
        "not an Avro single-object event", "not an Avro single-object event");
    for (int i = 0; i < bad.size(); i++) {
      RawEvent r = new RawEvent(bad.get(i), "k".getBytes(), 3, 40 + i, 1234L);
      assertNull(decoder.decode(r));
      DeadLetter d = decoder.rejected();
      assertTrue(d.reason.startsWith(reasons.get(i)), d.reason);
      assertEquals("events", d.topic);
      assertEquals(3, d.partition);
      assertEquals(40 + i, d.offset);
      assertEquals(1234L, d.timestamp);
      assertArrayEquals("k".getBytes(), d.key);
      assertArrayEquals(bad.get(i), d.value);
      assertEquals(codec.decode(good, null), decoder.decode(raw(good, 0, 50 + i)));
    }
  }

  @Test
  void rawEventsCrossTheSerializerUnchanged() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    RawEvent keyed = new RawEvent(new byte[] {1, 2, 3}, new byte[] {9}, 7, 1L << 40, -5L);
    RawEvent unkeyed = new RawEvent(new byte[0], null, 0, 0, 0);
    RawEventSerializer.INSTANCE.serialize(keyed, out);
    RawEventSerializer.INSTANCE.serialize(unkeyed, out);
    DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
    RawEvent a = RawEventSerializer.INSTANCE.deserialize(in);
    RawEvent b = RawEventSerializer.INSTANCE.deserialize(in);
    assertArrayEquals(keyed.value, a.value);
    assertArrayEquals(keyed.key, a.key);
    assertEquals(List.of(7, 1L << 40, -5L), List.of(a.partition, a.offset, a.timestamp));
    assertArrayEquals(new byte[0], b.value);
    assertNull(b.key);
    assertEquals(0, in.available());
  }

  private static RawEvent raw(byte[] value, int partition, long offset) {
    return new RawEvent(value, null, partition, offset, 0L);
  }
}
