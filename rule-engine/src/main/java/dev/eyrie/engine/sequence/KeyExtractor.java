package dev.eyrie.engine.sequence;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.field.FieldRegistry;
import dev.eyrie.engine.field.MultiAccessor;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.parse.ParseException;
import java.util.Collection;
import java.util.List;

/**
 * One join-key field of a step: its values in the event as text, as Falco prints them (so {@code fd.sip} of one
 * step and {@code host.ip} of another compare as the same address text). A multi-valued field ({@code host.ip},
 * {@code proc.apid}) yields each of its values; a missing value yields none, so the event joins nothing.
 */
public final class KeyExtractor {
  private final String field;
  private final Accessor accessor;

  private KeyExtractor(String field, Accessor accessor) {
    this.field = field;
    this.accessor = accessor;
  }

  /**
   * @throws IllegalArgumentException when {@code field} is not a plain field of the syscall source (the loader has
   *     already rejected such keys with a load error)
   */
  public static KeyExtractor of(String field) {
    try {
      Expr e = ConditionParser.parse(field + " exists");
      if (e instanceof Expr.Check c && c.lhs() instanceof Operand.Field f) {
        return new KeyExtractor(field, FieldRegistry.syscall().resolve(f.name(), f.arg(), 0));
      }
    } catch (ParseException | CompileException e) {
      throw new IllegalArgumentException("key field '" + field + "': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("key field '" + field + "' is not a field name");
  }

  public String field() {
    return field;
  }

  /** Adds this field's values (none when it cannot be extracted). */
  public void values(EvalContext c, Collection<String> out) {
    if (accessor instanceof MultiAccessor m) {
      List<String> texts = m.texts(c);
      if (texts != null) {
        for (String t : texts) {
          if (t != null) {
            out.add(t);
          }
        }
      }
      return;
    }
    String t = accessor.text(c);
    if (t != null) {
      out.add(t);
    }
  }

  @Override
  public String toString() {
    return field;
  }
}
