package dev.eyrie.engine.ast;

import java.util.List;

/** Operands of a check: the left-hand field expression and the right-hand value, list or field. */
public sealed interface Operand
    permits Operand.FieldExpr, Operand.Value, Operand.ValueList, Operand.ValField, Operand.TransformerList {

  int pos();

  /** What may stand on the left of an operator, or as a transformer argument. */
  sealed interface FieldExpr extends Operand permits Field, Transform {}

  /**
   * A field: {@code proc.aname[2]} has name {@code proc.aname} and arg {@code 2}; {@code evt.arg.flags} has
   * name {@code evt.arg.flags} and no arg (the field registry splits dotted arguments). arg is null when absent.
   */
  record Field(String name, String arg, int pos) implements FieldExpr {
    @Override
    public String toString() {
      return arg == null ? name : AstText.appendArg(new StringBuilder(name), arg).toString();
    }
  }

  /**
   * {@code tolower(proc.name)}, {@code join(",", proc.args)}, ... with an optional index
   * ({@code getopt(proc.args, "c:")[c]}). {@code fn} is lower case without the parenthesis.
   */
  record Transform(String fn, List<Operand> args, String index, int pos) implements FieldExpr {
    public Transform {
      args = List.copyOf(args);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(fn).append('(');
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(args.get(i));
      }
      sb.append(')');
      return AstText.appendArg(sb, index).toString();
    }
  }

  /**
   * A transformer-list argument, {@code join("-", (fd.name, "x", tolower(proc.name)))}: items are
   * {@link Field}, {@link Transform} or {@link Value}. Only valid as a transformer argument.
   */
  record TransformerList(List<Operand> items, int pos) implements Operand {
    public TransformerList {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(items.get(i));
      }
      return sb.append(')').toString();
    }
  }

  /** {@code val(field)} on the right-hand side: field-to-field comparison. */
  record ValField(Field field, int pos) implements Operand {
    @Override
    public String toString() {
      return "val(" + field + ")";
    }
  }

  /** A single value, unquoted and unescaped; {@code quoted} remembers whether the source quoted it. */
  record Value(String text, boolean quoted, int pos) implements Operand {
    @Override
    public String toString() {
      return AstText.escape(text);
    }
  }

  /** {@code (a, b, "c d")}. */
  record ValueList(List<Value> values, int pos) implements Operand {
    public ValueList {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(values.get(i));
      }
      return sb.append(')').toString();
    }
  }
}
