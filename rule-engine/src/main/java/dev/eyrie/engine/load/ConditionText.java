package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.LoadException.check;

import dev.eyrie.engine.parse.ConditionParser;
import java.util.List;

/**
 * The textual steps of Falco's condition compilation: list substitution ({@code resolve_list}) and exception
 * clauses ({@code build_rule_exception_infos}). Both work on text before parsing, with Falco's quoting quirks
 * (only items containing a space and not starting with a quote are quoted; nothing is escaped).
 */
final class ConditionText {
  private ConditionText() {}

  private static final String BLANKS = " \t\n\r";
  private static final String DELIMS = BLANKS + "(),=";

  /** Result of substituting one list: the new text and whether the list occurred. */
  record Substitution(String text, boolean used) {}

  static String quoteItem(String e) {
    if (e.indexOf(' ') >= 0 && !e.startsWith("\"") && !e.startsWith("'")) {
      return '"' + e + '"';
    }
    return e;
  }

  private static String parenItem(String e) {
    return e.startsWith("(") ? e : "(" + e + ")";
  }

  /**
   * Replaces every occurrence of {@code name} delimited by start/end or one of {@code " \t\n\r(),="} with the
   * comma-separated items; an empty list also removes one adjacent comma. Mirrors Falco's scan positions exactly.
   */
  static Substitution substituteList(String cnd, String name, List<String> items) {
    boolean used = false;
    int start = cnd.indexOf(name);
    while (start >= 0) {
      int end = start + name.length();
      if ((start == 0 || DELIMS.indexOf(cnd.charAt(start - 1)) >= 0)
          && (end >= cnd.length() || DELIMS.indexOf(cnd.charAt(end)) >= 0)) {
        while (start > 0 && BLANKS.indexOf(cnd.charAt(start - 1)) >= 0) {
          start--;
        }
        while (end < cnd.length() && BLANKS.indexOf(cnd.charAt(end)) >= 0) {
          end++;
        }
        StringBuilder sub = new StringBuilder();
        for (String v : items) {
          if (sub.length() > 0) {
            sub.append(", ");
          }
          sub.append(quoteItem(v));
        }
        if (sub.length() == 0) {
          if (start > 0 && cnd.charAt(start - 1) == ',') {
            start--;
          } else if (end < cnd.length() && cnd.charAt(end) == ',') {
            end++;
          }
        }
        StringBuilder next = new StringBuilder();
        if (start > 0) {
          next.append(cnd, 0, start).append(' ');
        }
        next.append(sub).append(' ');
        if (end <= cnd.length()) {
          next.append(cnd, end, cnd.length());
        }
        cnd = next.toString();
        start += sub.length() + 1;
        used = true;
      }
      start = cnd.indexOf(name, start + 1);
    }
    return new Substitution(cnd, used);
  }

  /** {@code (<cond>) and not <exception clause>...} for every exception that has values. */
  static String withExceptions(String condition, List<ExceptionInfo> exceptions) {
    StringBuilder cond = new StringBuilder("(").append(condition).append(')');
    for (ExceptionInfo ex : exceptions) {
      StringBuilder icond = new StringBuilder();
      if (!ex.fields.isList) {
        for (ExceptionInfo.Entry val : ex.values) {
          check(val.isList, LoadCode.LOAD_ERR_VALIDATE, "Expected values array to contain a list of strings",
              ex.ctx);
          icond.append(icond.length() == 0 ? "(" + ex.fields.item + " " + ex.comps.item + " (" : ", ");
          icond.append(quoteItem(val.item));
        }
        if (icond.length() > 0) {
          icond.append("))");
        }
      } else {
        icond.append('(');
        for (ExceptionInfo.Entry values : ex.values) {
          check(ex.fields.items.size() != values.items.size(), LoadCode.LOAD_ERR_VALIDATE,
              "Fields and values lists must have equal length", ex.ctx);
          if (icond.length() > 1) {
            icond.append(" or ");
          }
          icond.append('(');
          for (int k = 0; k < ex.fields.items.size(); k++) {
            if (k > 0) {
              icond.append(" and ");
            }
            ExceptionInfo.Entry value = values.items.get(k);
            String comp = ex.comps.items.get(k).item;
            String istr;
            if (value.isList) {
              StringBuilder l = new StringBuilder("(");
              for (ExceptionInfo.Entry v : value.items) {
                if (l.length() > 1) {
                  l.append(", ");
                }
                l.append(quoteItem(v.item));
              }
              istr = l.append(')').toString();
            } else {
              istr = isOperatorForList(comp) ? parenItem(value.item) : quoteItem(value.item);
            }
            icond.append(' ').append(ex.fields.items.get(k).item).append(' ').append(comp).append(' ')
                .append(istr);
          }
          icond.append(')');
        }
        icond.append(')');
        if (icond.toString().equals("()")) {
          icond.setLength(0);
        }
      }
      if (icond.length() > 0) {
        cond.append(" and not ").append(icond);
      }
    }
    return cond.toString();
  }

  private static boolean isOperatorForList(String op) {
    return ConditionParser.isListOperator(op) || Collector.isStrOperatorWithModifier(op);
  }
}
