package dev.eyrie.jobs.sink.kafka;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.EventRef;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as JSON in Falco's output shape ({@code time, rule, priority, output, output_fields, source, tags,
 * hostname}, so Falco tooling reads it) followed by Eyrie's fields ({@code alert_id, kind, ruleset_version,
 * backfill_run_id, events}). Written with Jackson's streaming generator: no reflection per alert.
 */
public final class AlertJson {
  private static final JsonFactory JSON = new JsonFactory();

  private AlertJson() {}

  public static byte[] toBytes(Alert alert) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      writeFalcoFields(g, alert);
      writeEyrieFields(g, alert);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing alert " + alert.getAlertId() + " as JSON", e);
    }
    return buf.toByteArray();
  }

  public static void writeFalcoFields(JsonGenerator g, Alert a) throws IOException {
    g.writeStringField("time", rfc3339Nanos(a.getTime()));
    g.writeStringField("rule", a.getRule());
    g.writeStringField("priority", a.getPriority());
    g.writeStringField("output", a.getOutput());
    g.writeObjectFieldStart("output_fields");
    // sorted like Falco's own JSON output (it serialises a std::map)
    for (Map.Entry<String, Object> f : new TreeMap<>(a.getOutputFields()).entrySet()) {
      writeScalar(g, f.getKey(), f.getValue());
    }
    g.writeEndObject();
    g.writeStringField("source", a.getSource());
    g.writeArrayFieldStart("tags");
    for (String t : a.getTags()) {
      g.writeString(t);
    }
    g.writeEndArray();
    g.writeStringField("hostname", a.getHostname());
  }

  public static void writeEyrieFields(JsonGenerator g, Alert a) throws IOException {
    g.writeStringField("alert_id", a.getAlertId());
    g.writeStringField("kind", a.getKind().name());
    g.writeStringField("ruleset_version", a.getRulesetVersion());
    if (a.getBackfillRunId() == null) {
      g.writeNullField("backfill_run_id");
    } else {
      g.writeStringField("backfill_run_id", a.getBackfillRunId());
    }
    g.writeArrayFieldStart("events");
    List<EventRef> events = a.getEvents();
    for (EventRef e : events) {
      g.writeStartObject();
      g.writeStringField("event_id", e.getEventId());
      g.writeStringField("host_id", e.getHostId());
      g.writeStringField("hostname", e.getHostname());
      g.writeNumberField("ts", e.getTs());
      if (e.getStep() == null) {
        g.writeNullField("step");
      } else {
        g.writeStringField("step", e.getStep());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  public static void writeScalar(JsonGenerator g, String name, Object v) throws IOException {
    if (v == null) {
      g.writeNullField(name);
    } else if (v instanceof Long l) {
      g.writeNumberField(name, l);
    } else if (v instanceof Integer i) {
      g.writeNumberField(name, i);
    } else if (v instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else {
      g.writeStringField(name, v.toString());
    }
  }

  /** RFC 3339 in UTC with all nine fraction digits, as Falco prints {@code time}: 2024-05-01T10:00:00.000000123Z. */
  public static String rfc3339Nanos(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
    int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(30);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2).append('.');
    pad(sb, nanos, 9).append('Z');
    return sb.toString();
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
