package dev.eyrie.engine.field;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The event type names Falco knows (libs event table names plus ppm_sc syscall names) with their event
 * category. This is the universe for evt.type validation and for event-type indexing of rules.
 */
public final class EventTypeTable {
  private static final Map<String, String> CATEGORY = load();

  private EventTypeTable() {}

  private static Map<String, String> load() {
    Map<String, String> m = new LinkedHashMap<>();
    try (InputStream in = EventTypeTable.class.getResourceAsStream("event-types.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource dev/eyrie/engine/field/event-types.txt missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        line = line.trim();
        if (line.isEmpty()) {
          continue;
        }
        int sp = line.indexOf(' ');
        m.put(line.substring(0, sp), line.substring(sp + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(m);
  }

  public static boolean known(String name) {
    return CATEGORY.containsKey(name);
  }

  /** All known names, in a stable order. */
  public static Set<String> all() {
    return CATEGORY.keySet();
  }

  /** libs event category token: file, net, process, io_read, io_write, io_other, ... ("other" if unknown). */
  public static String rawCategory(String name) {
    String c = CATEGORY.get(name);
    return c == null || c.equals("syscall_only") || c.equals("syscall") ? "other" : c;
  }
}
