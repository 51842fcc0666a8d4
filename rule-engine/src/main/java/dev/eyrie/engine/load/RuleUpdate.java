package dev.eyrie.engine.load;

import dev.eyrie.engine.Priority;
import java.util.List;
import java.util.TreeSet;

/** An append or selective replace of an existing rule; null fields are not updated. */
final class RuleUpdate {
  Context ctx;
  String name;
  String source = "";
  String cond;
  String output;
  String desc;
  TreeSet<String> tags;
  List<ExceptionInfo> exceptions;
  Priority priority;
  Boolean capture;
  Long captureDuration;
  Boolean enabled;
  Boolean warnEvttypes;
  Boolean skipIfUnknownFilter;

  boolean hasAnyValue() {
    return cond != null || output != null || desc != null || tags != null || exceptions != null
        || priority != null || enabled != null || capture != null || captureDuration != null
        || warnEvttypes != null || skipIfUnknownFilter != null;
  }
}
