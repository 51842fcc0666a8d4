package dev.eyrie.collector;

import dev.eyrie.schema.Arg;
import dev.eyrie.schema.Event;

final class Events {
  private Events() {}

  static String arg(Event e, String name) {
    for (Arg a : e.getArgs()) {
      if (a.getName().equals(name)) {
        return a.getValue();
      }
    }
    return null;
  }

  static Long raw(Event e, String name) {
    for (Arg a : e.getArgs()) {
      if (a.getName().equals(name)) {
        return a.getRaw();
      }
    }
    return null;
  }
}
