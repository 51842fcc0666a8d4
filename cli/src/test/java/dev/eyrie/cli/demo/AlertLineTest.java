package dev.eyrie.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertLineTest {
  private static String row(String json) {
    return AlertLine.format(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rowHasPriorityRuleHostProcessAndOutputWithoutFalcosTimePrefix() {
    String r = row("""
        {"time":"2026-11-22T05:02:17.123456789Z","rule":"Password or Sudo Database Read","priority":"Warning",
         "output":"05:02:17.123456789: Warning Password or sudo database read (file=/etc/shadow process=cat)",
         "output_fields":{"proc.name":"cat","fd.name":"/etc/shadow"},"hostname":"web-1","kind":"EVENT_RULE"}""");
    assertTrue(r.startsWith(AlertLine.time("2026-11-22T05:02:17.123456789Z") + "  Warning   Password or Sudo Database Read"), r);
    assertTrue(r.contains("  web-1  "), r);
    assertTrue(r.contains("  cat  "), r);
    assertTrue(r.endsWith("  Password or sudo database read (file=/etc/shadow process=cat)"), r);
  }

  @Test
  void processFallsBackToTheCommandLinesProgramThenTheExecutable() {
    String byCmdline = row("""
        {"time":"2026-11-22T05:02:17Z","rule":"Reverse Shell Command Line","priority":"Critical","output":"x",
         "output_fields":{"proc.cmdline":"bash -c bash -i"},"hostname":"h"}""");
    assertTrue(byCmdline.contains("  bash  "), byCmdline);
    String byExe = row("""
        {"time":"2026-11-22T05:02:17Z","rule":"R","priority":"Error","output":"x",
         "output_fields":{"proc.exepath":"/tmp/dropper"},"hostname":"h"}""");
    assertTrue(byExe.contains("  dropper  "), byExe);
    String sequence = row("""
        {"time":"2026-11-22T05:02:17Z","rule":"Eyrie Downloaded File Executed","priority":"Error","output":"x",
         "output_fields":{},"hostname":"h","kind":"SEQUENCE"}""");
    assertTrue(sequence.contains("(sequence)"), sequence);
  }

  @Test
  void longOutputIsCutAndWhitespaceFolded() {
    String r = row("{\"time\":\"t\",\"rule\":\"R\",\"priority\":\"Notice\",\"hostname\":\"h\",\"output_fields\":{},"
        + "\"output\":\"a\\n  b " + "x".repeat(200) + "\"}");
    assertTrue(r.contains(" a b xxx"), r);
    assertTrue(r.endsWith("…"), r);
  }

  @Test
  void notJsonIsShownAsUnreadable() {
    assertTrue(row("{nope").startsWith("(unreadable alert: "));
    assertEquals("(unreadable alert: not a JSON object)", row("[1]"));
  }
}
