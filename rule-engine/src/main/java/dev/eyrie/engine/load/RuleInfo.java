package dev.eyrie.engine.load;

import dev.eyrie.engine.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A collected rule (Falco's {@code rule_info}); tags are a sorted set like Falco's std::set. */
final class RuleInfo {
  Context ctx;
  Context condCtx;
  Context outputCtx;
  int index;
  int visibility;
  boolean unknownSource;
  String name;
  String cond;
  String source;
  String desc;
  String output;
  TreeSet<String> tags = new TreeSet<>();
  List<ExceptionInfo> exceptions = new ArrayList<>();
  Priority priority = Priority.DEBUG;
  boolean capture;
  long captureDuration;
  boolean enabled = true;
  boolean warnEvttypes = true;
  boolean skipIfUnknownFilter;
}
