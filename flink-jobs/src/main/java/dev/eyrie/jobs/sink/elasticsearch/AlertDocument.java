package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.jobs.sink.kafka.AlertJson;
import dev.eyrie.schema.Alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The Elasticsearch document of an alert: the Kafka JSON (Falco's shape + Eyrie's fields) plus ECS names next to
 * them, so Kibana/SIEM views work without re-mapping. ECS names are written as dotted keys ("rule.name"): the
 * index maps them with {@code subobjects: false}, which lets Falco's keyword {@code rule} and ECS's
 * {@code rule.name} live side by side.
 */
public final class AlertDocument {
  private static final JsonFactory JSON = new JsonFactory();

  /** Falco output field → ECS field, copied when the rule's output has it. */
  private static final String[][] ECS_FROM_OUTPUT_FIELDS = {
      {"proc.name", "process.name"},
      {"proc.cmdline", "process.command_line"},
      {"proc.exepath", "process.executable"},
      {"proc.pid", "process.pid"},
      {"proc.pname", "process.parent.name"},
      {"proc.ppid", "process.parent.pid"},
      {"user.name", "user.name"},
      {"user.uid", "user.id"},
      {"container.id", "container.id"},
      {"container.name", "container.name"},
      {"container.image.repository", "container.image.name"},
      {"container.image.tag", "container.image.tag"},
      {"k8s.ns.name", "orchestrator.namespace"},
      {"k8s.pod.name", "orchestrator.resource.name"},
      {"evt.type", "event.action"},
  };

  private AlertDocument() {}

  public static byte[] toBytes(Alert a) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(buf)) {
      g.writeStartObject();
      AlertJson.writeFalcoFields(g, a);
      AlertJson.writeEyrieFields(g, a);
      writeEcs(g, a);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing alert " + a.getAlertId() + " as an Elasticsearch document", e);
    }
    return buf.toByteArray();
  }

  private static void writeEcs(JsonGenerator g, Alert a) throws IOException {
    g.writeStringField("@timestamp", AlertJson.rfc3339Nanos(a.getTime()));
    g.writeStringField("message", a.getOutput());
    g.writeStringField("rule.name", a.getRule());
    g.writeStringField("event.kind", "alert");
    g.writeStringField("event.id", a.getAlertId());
    int severity = severity(a.getPriority());
    if (severity >= 0) {
      g.writeNumberField("event.severity", severity);
    }
    g.writeStringField("host.name", a.getHostname());
    Map<String, Object> fields = a.getOutputFields();
    for (String[] m : ECS_FROM_OUTPUT_FIELDS) {
      Object v = fields.get(m[0]);
      if (v != null) {
        AlertJson.writeScalar(g, m[1], m[0].equals("user.uid") ? v.toString() : v);
      }
    }
  }

  /** Falco priorities are syslog levels: Emergency 0 ... Debug 7 (ECS event.severity is numeric). */
  static int severity(String falcoPriority) {
    return switch (falcoPriority) {
      case "Emergency" -> 0;
      case "Alert" -> 1;
      case "Critical" -> 2;
      case "Error" -> 3;
      case "Warning" -> 4;
      case "Notice" -> 5;
      case "Informational", "Info" -> 6;
      case "Debug" -> 7;
      default -> -1;
    };
  }
}
