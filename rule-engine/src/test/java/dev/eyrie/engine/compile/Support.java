package dev.eyrie.engine.compile;

import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;

/** Test helpers: conditions from text (the real parser), events from Falco field values. */
public final class Support {
  private Support() {}

  public static CompiledCondition cond(String text) {
    try {
      return new ConditionCompiler().compile(ConditionParser.parse(text));
    } catch (Exception e) {
      throw new AssertionError("cannot compile '" + text + "': " + e.getMessage(), e);
    }
  }

  public static CompileException error(String text) {
    try {
      new ConditionCompiler().compile(ConditionParser.parse(text));
    } catch (CompileException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a CompileException for '" + text + "', got " + e, e);
    }
    throw new AssertionError("expected '" + text + "' not to compile");
  }

  public static Event ev(Object... kv) {
    return FieldEvents.of(kv);
  }

  public static boolean eval(String condition, Event e) {
    return cond(condition).matches(new EvalContext(e));
  }
}
