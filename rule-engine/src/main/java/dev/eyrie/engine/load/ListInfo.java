package dev.eyrie.engine.load;

import java.util.ArrayList;
import java.util.List;

/** A collected list. {@code index} is its definition position, {@code visibility} the last update position. */
final class ListInfo {
  Context ctx;
  String name;
  List<String> items = new ArrayList<>();
  int index;
  int visibility;
}
