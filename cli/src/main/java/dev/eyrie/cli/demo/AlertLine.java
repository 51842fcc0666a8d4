package dev.eyrie.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** One alert (the alerts topic's JSON) as one row of the demo's table. */
final class AlertLine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String FORMAT = "%-8s  %-8s  %-41s  %-16s  %-15s  %s";
  /** Rule names are shown whole (tests and users grep for them); the other columns are cut to fit. */
  private static final int OUTPUT_WIDTH = 90;

  private AlertLine() {}

  static String header() {
    return String.format(Locale.ROOT, FORMAT, "TIME", "PRIORITY", "RULE", "HOST", "PROCESS", "OUTPUT");
  }

  static String format(byte[] json) {
    JsonNode a;
    try {
      a = JSON.readTree(json);
    } catch (IOException e) {
      return "(unreadable alert: " + e.getMessage() + ")";
    }
    if (a == null || !a.isObject()) {
      return "(unreadable alert: not a JSON object)";
    }
    JsonNode fields = a.path("output_fields");
    String process = process(fields);
    if (process.isEmpty() && "SEQUENCE".equals(a.path("kind").asText())) {
      process = "(sequence)";
    }
    return String.format(Locale.ROOT, FORMAT,
        time(a.path("time").asText("")),
        a.path("priority").asText("?"),
        a.path("rule").asText("?"),
        cut(a.path("hostname").asText(""), 16),
        cut(process, 15),
        cut(shortOutput(a.path("output").asText(""), a.path("priority").asText("")), OUTPUT_WIDTH));
  }

  /** Falco outputs start with a timestamp and priority ("12:00:00.123: Warning ..."); the table has those already. */
  static String shortOutput(String output, String priority) {
    String s = output.strip();
    int colon = s.indexOf(": ");
    if (colon > 0 && colon < 40 && Character.isDigit(s.charAt(0))) {
      s = s.substring(colon + 2);
      if (!priority.isEmpty() && s.regionMatches(true, 0, priority + " ", 0, priority.length() + 1)) {
        s = s.substring(priority.length() + 1);
      }
    }
    return s.replaceAll("\\s+", " ");
  }

  static String time(String rfc3339) {
    try {
      return TIME.format(Instant.parse(rfc3339));
    } catch (DateTimeParseException e) {
      return rfc3339.length() > 8 ? rfc3339.substring(0, 8) : rfc3339;
    }
  }

  /** proc.name when the rule's output has it, else the program of proc.cmdline or proc.exepath. */
  static String process(JsonNode fields) {
    String name = text(fields.get("proc.name"));
    if (!name.isEmpty()) {
      return name;
    }
    String cmdline = text(fields.get("proc.cmdline")).strip();
    if (!cmdline.isEmpty()) {
      int space = cmdline.indexOf(' ');
      return space < 0 ? cmdline : cmdline.substring(0, space);
    }
    String exe = text(fields.get("proc.exepath"));
    return exe.substring(exe.lastIndexOf('/') + 1);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }

  static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
