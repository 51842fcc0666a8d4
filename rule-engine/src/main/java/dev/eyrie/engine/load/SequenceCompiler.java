package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.parse.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compiles the collected sequences after the rules (so {@code rule:} steps can reuse compiled rules and macros used
 * only by sequences do not count as unused). The first error stops the compile, as for rules.
 */
final class SequenceCompiler<C, O> {
  private final CompileBackend<C, O> backend;
  private final Collector col;
  private final SourceResult res;
  private final RuleCompiler<C, O> conditions;

  SequenceCompiler(CompileBackend<C, O> backend, Collector col, SourceResult res, RuleCompiler<C, O> conditions) {
    this.backend = backend;
    this.col = col;
    this.res = res;
    this.conditions = conditions;
  }

  List<CompiledSequence<C, O>> compile(List<CompiledRule<C, O>> rules) {
    Map<String, CompiledRule<C, O>> byName = new HashMap<>();
    rules.forEach(r -> byName.put(r.name(), r));
    List<CompiledSequence<C, O>> out = new ArrayList<>();
    List<SequenceInfo> infos = new ArrayList<>(col.sequences.values());
    infos.sort(java.util.Comparator.comparingInt(s -> s.index));
    for (SequenceInfo s : infos) {
      LoadException.check(col.rules.containsKey(s.name), LoadCode.LOAD_ERR_VALIDATE,
          "Sequence name '" + s.name + "' is already the name of a rule: alerts could not tell them apart", s.ctx);
      List<CompiledSequence.Step<C>> steps = new ArrayList<>();
      for (SequenceInfo.Step st : s.steps) {
        steps.add(step(s, st, byName));
      }
      CompiledSequence.Step<C> absence = s.absence == null ? null : step(s, s.absence, byName);
      CompiledSequence.Step<C> until = s.until == null ? null : step(s, s.until, byName);
      List<String> stepNames = s.steps.stream().map(x -> x.name).toList();
      Output<O> o = output(s, stepNames);
      out.add(new CompiledSequence<>(s.index, s.name, s.desc, s.priority, new LinkedHashSet<>(s.tags), s.enabled,
          s.withinNanos, List.copyOf(steps), absence, s.absenceAfterLast, until, s.output, o.prefix,
          List.copyOf(o.segments)));
    }
    return out;
  }

  private CompiledSequence.Step<C> step(SequenceInfo s, SequenceInfo.Step st, Map<String, CompiledRule<C, O>> rules) {
    List<String> by = SequenceReader.keys(s, st);
    Context byCtx = st.by != null ? st.byCtx : s.byCtx;
    for (String field : by) {
      checkKeyField(field, st.name, byCtx);
    }
    if (st.rule != null) {
      CompiledRule<C, O> r = rules.get(st.rule);
      LoadException.check(r == null, LoadCode.LOAD_ERR_VALIDATE,
          "Step '" + st.name + "' refers to rule '" + st.rule + "', which is not defined (or was skipped)",
          st.ruleCtx);
      return new CompiledSequence.Step<>(st.name, st.rule, r.conditionText(), r.condition(), r.compiledCondition(),
          List.copyOf(by), st.times);
    }
    RuleCompiler.Parsed p = conditions.expand(st.cond, st.condCtx, st.ctx);
    ConditionWarnings.report(p.ast(), st.condCtx.inCondition(0, 0, 0, st.cond), res);
    C compiled;
    try {
      compiled = backend.compileCondition(p.ast());
    } catch (CompileBackend.Failure f) {
      throw new LoadException(LoadCode.LOAD_ERR_COMPILE_CONDITION, f.getMessage(),
          st.condCtx.inCondition(Math.max(0, f.pos()), p.text()));
    }
    for (CompileBackend.Warning w : backend.warnings(compiled)) {
      res.add(LoadCode.LOAD_COMPILE_CONDITION, w.message(), st.condCtx.inCondition(Math.max(0, w.pos()), p.text()));
    }
    return new CompiledSequence.Step<>(st.name, null, p.ast().toString(), p.ast(), compiled, List.copyOf(by),
        st.times);
  }

  /** A key is a plain field (an argument is fine: {@code proc.aname[2]}); transformers are not keys. */
  private void checkKeyField(String field, String step, Context ctx) {
    boolean plain;
    try {
      Expr e = ConditionParser.parse(field + " exists");
      plain = e instanceof Expr.Check c && c.lhs() instanceof Operand.Field && c.rhs() == null;
    } catch (ParseException e) {
      plain = false;
    }
    LoadException.check(!plain, LoadCode.LOAD_ERR_VALIDATE,
        "Step '" + step + "': 'by' entry '" + field + "' is not a field name", ctx);
    LoadException.check(!backend.isValidLhsField(field), LoadCode.LOAD_ERR_VALIDATE,
        "Step '" + step + "': 'by' entry '" + field + "' is not a supported filter field", ctx);
  }

  private record Output<O>(String prefix, List<CompiledSequence.OutputSegment<O>> segments) {}

  /**
   * Splits the output at each {@code %}: a token whose first name is a step ({@code %shell.proc.cmdline}) renders
   * against that step's event, any other token against the last event.
   */
  private Output<O> output(SequenceInfo s, List<String> stepNames) {
    String text = s.output;
    int first = text.indexOf('%');
    String prefix = first < 0 ? text : text.substring(0, first);
    List<CompiledSequence.OutputSegment<O>> segments = new ArrayList<>();
    for (int i = first; i >= 0; ) {
      int next = text.indexOf('%', i + 1);
      String seg = text.substring(i, next < 0 ? text.length() : next);
      int j = 1;
      while (j < seg.length() && Character.isDigit(seg.charAt(j))) {
        j++;
      }
      int identEnd = j;
      while (identEnd < seg.length() && (Character.isLetterOrDigit(seg.charAt(identEnd))
          || seg.charAt(identEnd) == '_')) {
        identEnd++;
      }
      String ident = seg.substring(j, identEnd);
      int step = identEnd < seg.length() && seg.charAt(identEnd) == '.' ? stepNames.indexOf(ident) : -1;
      String format = step >= 0 ? seg.substring(0, j) + seg.substring(identEnd + 1) : seg;
      segments.add(new CompiledSequence.OutputSegment<>(step, format, compileSegment(s, format, seg, ident,
          stepNames)));
      i = next;
    }
    return new Output<>(prefix, segments);
  }

  private O compileSegment(SequenceInfo s, String format, String seg, String ident, List<String> stepNames) {
    try {
      return backend.compileOutput(format);
    } catch (CompileBackend.Failure f) {
      String msg = f.getMessage();
      int dot = seg.indexOf('.');
      if (format.equals(seg) && f.unknownFilter() && dot > 0 && !ident.isEmpty()) {
        try {
          backend.compileOutput("%" + seg.substring(dot + 1));
          msg = "unknown step '" + ident + "' in output token '" + seg.strip() + "' (steps: "
              + String.join(", ", stepNames) + ")";
        } catch (CompileBackend.Failure ignored) {
          // not a mistyped step either: keep the compiler's message
        }
      }
      throw new LoadException(LoadCode.LOAD_ERR_COMPILE_OUTPUT, msg, s.outputCtx);
    }
  }
}
