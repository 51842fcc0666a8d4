package dev.eyrie.engine.load;

import java.util.ArrayList;
import java.util.List;

/** A rule exception as written: fields, comps and values are each a scalar or a (nested) list. */
final class ExceptionInfo {
  /** A scalar ({@code item}) or a list ({@code items}); "valid" means a non-empty scalar or list. */
  static final class Entry {
    boolean isList;
    String item = "";
    List<Entry> items = new ArrayList<>();

    Entry() {}

    Entry(String item) {
      this.item = item;
    }

    boolean isValid() {
      return isList ? !items.isEmpty() : !item.isEmpty();
    }

    Entry copy() {
      Entry e = new Entry(item);
      e.isList = isList;
      for (Entry i : items) {
        e.items.add(i.copy());
      }
      return e;
    }
  }

  Context ctx;
  String name;
  Entry fields = new Entry();
  Entry comps = new Entry();
  List<Entry> values = new ArrayList<>();

  ExceptionInfo copy() {
    ExceptionInfo e = new ExceptionInfo();
    e.ctx = ctx;
    e.name = name;
    e.fields = fields.copy();
    e.comps = comps.copy();
    for (Entry v : values) {
      e.values.add(v.copy());
    }
    return e;
  }
}
