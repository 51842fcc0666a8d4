package dev.eyrie.engine.runtime;

import dev.eyrie.engine.json.FalcoJsonWriter;
import dev.eyrie.schema.Alert;
import dev.eyrie.schema.EventRef;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * An alert as JSON, one writer for every place Eyrie prints or ships one (the alerts topic, Elasticsearch,
 * {@code eyrie replay}), so a replayed alert and a live one are byte-identical in Falco's part.
 *
 * <p>Falco's part is what {@code falco} prints with {@code json_output}: its JSON library keeps object keys sorted,
 * so {@code hostname, output, output_fields, priority, rule, source, tags, time}; {@code output_fields} and
 * {@code tags} sorted; {@code time} RFC 3339 in UTC with nine fraction digits; strings escape only the quote, the
 * backslash and control characters (no {@code \/}, no {@code \\uXXXX} for non-ASCII). Eyrie's keys follow it:
 * {@code alert_id, kind, ruleset_version, backfill_run_id, events}.
 */
public final class AlertJson {
  private AlertJson() {}

  /** Falco's JSON line for the alert: exactly Falco's keys. */
  public static String falco(Alert a) {
    StringBuilder sb = new StringBuilder(512).append('{');
    appendFalcoFields(sb, a);
    return sb.append('}').toString();
  }

  /** Falco's keys then Eyrie's, UTF-8: the record value on the alerts topic. */
  public static byte[] withEyrieFields(Alert a) {
    StringBuilder sb = new StringBuilder(768).append('{');
    appendFalcoFields(sb, a);
    appendEyrieFields(sb.append(','), a);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Falco's plain-text alert line: the output, JSON-escaped without quotes, as Falco prints it. */
  public static String text(Alert a) {
    StringBuilder sb = new StringBuilder(a.getOutput().length() + 16);
    FalcoJsonWriter.escape(sb, a.getOutput());
    return sb.toString();
  }

  /** {@code "hostname":…,…,"time":…} without braces. */
  public static void appendFalcoFields(StringBuilder sb, Alert a) {
    field(sb, "hostname", a.getHostname());
    field(sb.append(','), "output", a.getOutput());
    field(sb.append(','), "output_fields", a.getOutputFields());
    field(sb.append(','), "priority", a.getPriority());
    field(sb.append(','), "rule", a.getRule());
    field(sb.append(','), "source", a.getSource());
    field(sb.append(','), "tags", new TreeSet<>(a.getTags()));
    field(sb.append(','), "time", FalcoAlertText.rfc3339Nanos(a.getTime()));
  }

  /** {@code "alert_id":…,…,"events":[…]} without braces. */
  public static void appendEyrieFields(StringBuilder sb, Alert a) {
    field(sb, "alert_id", a.getAlertId());
    field(sb.append(','), "kind", a.getKind().name());
    field(sb.append(','), "ruleset_version", a.getRulesetVersion());
    field(sb.append(','), "backfill_run_id", a.getBackfillRunId());
    sb.append(",\"events\":[");
    boolean first = true;
    for (EventRef e : a.getEvents()) {
      sb.append(first ? "{" : ",{");
      first = false;
      field(sb, "event_id", e.getEventId());
      field(sb.append(','), "host_id", e.getHostId());
      field(sb.append(','), "hostname", e.getHostname());
      field(sb.append(','), "ts", e.getTs());
      field(sb.append(','), "step", e.getStep());
      sb.append('}');
    }
    sb.append(']');
  }

  private static void field(StringBuilder sb, String name, Object value) {
    FalcoJsonWriter.field(sb, name, value);
  }
}
