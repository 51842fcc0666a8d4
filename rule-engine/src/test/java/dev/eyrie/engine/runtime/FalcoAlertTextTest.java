package dev.eyrie.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FalcoAlertTextTest {
  /** 2016-08-04T16:17:57.882054739Z, an event of the official captures */
  private static final long TS = 1_470_327_477_882_054_739L;

  @Test
  void lineIsTimeOfDayColonPriorityThenTheRuleOutput() {
    assertEquals("16:17:57.882054739: Warning Sensitive file opened (user=root)",
        FalcoAlertText.line(TS, ZoneOffset.UTC, "Warning", "Sensitive file opened (user=root)"));
    assertEquals("18:17:57.882054739: Critical x", FalcoAlertText.line(TS, ZoneId.of("Europe/Rome"), "Critical", "x"));
  }

  @Test
  void evtTimePadsEveryPartAndKeepsNanosecondsBeforeTheEpoch() {
    assertEquals("00:00:00.000000005", FalcoAlertText.evtTime(5, ZoneOffset.UTC));
    assertEquals("23:59:59.999999999", FalcoAlertText.evtTime(-1, ZoneOffset.UTC));
  }

  @Test
  void outputFieldsGainEvtTimeUnlessTheRuleHasItsOwn() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("proc.name", "cat");
    Map<String, Object> with = FalcoAlertText.withEvtTime(fields, TS);
    assertEquals(Map.of("proc.name", "cat", "evt.time", TS), with);
    assertEquals(Map.of("proc.name", "cat"), fields, "the match's own map is not changed");
    fields.put("evt.time", "rule's own");
    assertEquals("rule's own", FalcoAlertText.withEvtTime(fields, TS).get("evt.time"));
  }

  @Test
  void rfc3339HasNineFractionDigitsInUtc() {
    assertEquals("1970-01-01T00:00:00.000000000Z", FalcoAlertText.rfc3339Nanos(0));
    assertEquals("2016-08-04T16:17:57.882054739Z", FalcoAlertText.rfc3339Nanos(TS));
    assertEquals("2024-02-29T23:59:59.999999999Z", FalcoAlertText.rfc3339Nanos(1_709_251_199_999_999_999L));
    assertEquals("1969-12-31T23:59:59.999999999Z", FalcoAlertText.rfc3339Nanos(-1));
  }
}
