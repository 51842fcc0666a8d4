package dev.eyrie.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.schema.Alert;
import dev.eyrie.schema.AlertKind;
import dev.eyrie.schema.EventRef;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
  /** 2016-08-04T16:17:57.882054739Z */
  private static final long TS = 1_470_327_477_882_054_739L;

  private static Alert alert(String output, Map<String, Object> fields, List<String> tags) {
    return Alert.newBuilder()
        .setTime(TS)
        .setRule("Read sensitive file")
        .setPriority("Warning")
        .setOutput(output)
        .setOutputFields(fields)
        .setSource("syscall")
        .setTags(tags)
        .setHostname("web-1")
        .setAlertId("0123456789abcdef0123456789abcdef")
        .setKind(AlertKind.EVENT_RULE)
        .setRulesetVersion("v1")
        .setBackfillRunId(null)
        .setEvents(List.of(EventRef.newBuilder().setEventId("web-1:b:7").setHostId("h-1").setHostname("web-1")
            .setTs(TS).setStep(null).build()))
        .build();
  }

  private static Alert sample() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("proc.name", "cat");
    fields.put("fd.name", null);
    fields.put("evt.time", TS);
    fields.put("proc.pid", 42L);
    fields.put("proc.is_exe_writable", false);
    return alert("16:17:57.882054739: Warning read (file=<NA>)", fields, List.of("mitre_credential_access", "T1555"));
  }

  @Test
  void falcoLineHasFalcosKeysSortedAndTypedValues() {
    // written out by hand from Falco's JSON output rules: object keys sorted (also in output_fields and tags), <NA>
    // fields null, numbers and booleans unquoted, time RFC 3339 UTC with nanoseconds
    assertEquals("{\"hostname\":\"web-1\",\"output\":\"16:17:57.882054739: Warning read (file=<NA>)\","
        + "\"output_fields\":{\"evt.time\":1470327477882054739,\"fd.name\":null,\"proc.is_exe_writable\":false,"
        + "\"proc.name\":\"cat\",\"proc.pid\":42},\"priority\":\"Warning\",\"rule\":\"Read sensitive file\","
        + "\"source\":\"syscall\",\"tags\":[\"T1555\",\"mitre_credential_access\"],"
        + "\"time\":\"2016-08-04T16:17:57.882054739Z\"}", AlertJson.falco(sample()));
  }

  @Test
  void theAlertsTopicValueIsFalcosLineThenEyriesKeys() {
    Alert a = sample();
    String falco = AlertJson.falco(a);
    String topic = new String(AlertJson.withEyrieFields(a), StandardCharsets.UTF_8);
    // a replayed alert and a live one are byte-identical up to Eyrie's own keys
    assertTrue(topic.startsWith(falco.substring(0, falco.length() - 1) + ",\"alert_id\":"), topic);
    assertEquals(",\"alert_id\":\"0123456789abcdef0123456789abcdef\",\"kind\":\"EVENT_RULE\",\"ruleset_version\":\"v1\","
        + "\"backfill_run_id\":null,\"events\":[{\"event_id\":\"web-1:b:7\",\"host_id\":\"h-1\",\"hostname\":\"web-1\","
        + "\"ts\":1470327477882054739,\"step\":null}]}", topic.substring(falco.length() - 1));
  }

  @Test
  void textIsTheOutputEscapedWithoutQuotes() {
    Alert a = alert("12:00:00.000000000: Notice said \"hi\"\tthere", Map.of(), List.of());
    assertEquals("12:00:00.000000000: Notice said \\\"hi\\\"\\tthere", AlertJson.text(a));
  }
}
