package dev.eyrie.jobs.sink.elasticsearch;

import dev.eyrie.engine.json.FalcoJsonWriter;
import dev.eyrie.engine.runtime.AlertJson;
import dev.eyrie.engine.runtime.FalcoAlertText;
import dev.eyrie.schema.Alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Elasticsearch document of an alert: the Kafka JSON (Falco's shape + Eyrie's fields) plus ECS names next to
 * them, so Kibana/SIEM views work without re-mapping. ECS names are written as dotted keys ("rule.name"): the
 * index maps them with {@code subobjects: false}, which lets Falco's keyword {@code rule} and ECS's
 * {@code rule.name} live side by side.
 */
public final class AlertDocument {
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
    StringBuilder sb = new StringBuilder(1024).append('{');
    AlertJson.appendFalcoFields(sb, a);
    AlertJson.appendEyrieFields(sb.append(','), a);
    appendEcs(sb, a);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendEcs(StringBuilder sb, Alert a) {
    FalcoJsonWriter.field(sb.append(','), "@timestamp", FalcoAlertText.rfc3339Nanos(a.getTime()));
    FalcoJsonWriter.field(sb.append(','), "message", a.getOutput());
    FalcoJsonWriter.field(sb.append(','), "rule.name", a.getRule());
    FalcoJsonWriter.field(sb.append(','), "event.kind", "alert");
    FalcoJsonWriter.field(sb.append(','), "event.id", a.getAlertId());
    int severity = severity(a.getPriority());
    if (severity >= 0) {
      FalcoJsonWriter.field(sb.append(','), "event.severity", severity);
    }
    FalcoJsonWriter.field(sb.append(','), "host.name", a.getHostname());
    Map<String, Object> fields = a.getOutputFields();
    for (String[] m : ECS_FROM_OUTPUT_FIELDS) {
      Object v = fields.get(m[0]);
      if (v != null) {
        // ECS user.id is a keyword
        FalcoJsonWriter.field(sb.append(','), m[1], m[0].equals("user.uid") ? v.toString() : v);
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
