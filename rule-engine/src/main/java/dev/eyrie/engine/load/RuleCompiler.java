package dev.eyrie.engine.load;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.parse.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles everything collected so far (Falco's {@code rule_loader_compiler.cpp}): lists (expanding visible
 * list references), macros (parsed, then expanded with visibility), rules (exceptions appended, lists
 * substituted, parsed, macros expanded, warnings, output and condition compiled). The first error stops the
 * compile; unused macros and lists are reported only after a successful compile.
 */
final class RuleCompiler<C, O> {
  private static final String CONTAINER_INFO = "%container.info";

  /** What a compile produced. */
  record Output<C, O>(List<CompiledRule<C, O>> rules, Map<String, List<String>> lists, Map<String, Expr> macros,
      List<CompiledSequence<C, O>> sequences) {}

  private static final class CList {
    final String name;
    final List<String> items;
    boolean used;

    CList(String name, List<String> items) {
      this.name = name;
      this.items = items;
    }
  }

  private static final class CMacro {
    Expr condition;
    String text;
    boolean used;
  }

  private final CompileBackend<C, O> backend;
  private final Collector col;
  private final SourceResult res;
  private final Map<String, CList> lists = new LinkedHashMap<>();
  private final Map<String, CMacro> macros = new LinkedHashMap<>();

  RuleCompiler(CompileBackend<C, O> backend, Collector col, SourceResult res) {
    this.backend = backend;
    this.col = col;
    this.res = res;
  }

  /** Null when an error stopped the compile (the error is in the result). */
  Output<C, O> compile() {
    List<CompiledRule<C, O>> rules;
    List<CompiledSequence<C, O>> sequences;
    try {
      compileLists();
      compileMacros();
      rules = compileRules();
      sequences = new SequenceCompiler<>(backend, col, res, this).compile(rules);
    } catch (LoadException e) {
      res.addError(e.code, e.getMessage(), e.context);
      return null;
    }
    for (Map.Entry<String, CMacro> m : macros.entrySet()) {
      if (!m.getValue().used) {
        res.add(LoadCode.LOAD_UNUSED_MACRO, "Macro not referred to by any other rule/macro",
            col.macros.get(m.getKey()).ctx);
      }
    }
    for (CList l : lists.values()) {
      if (!l.used) {
        res.add(LoadCode.LOAD_UNUSED_LIST, "List not referred to by any other rule/macro", col.lists.get(l.name).ctx);
      }
    }
    Map<String, List<String>> outLists = new LinkedHashMap<>();
    lists.values().forEach(l -> outLists.put(l.name, List.copyOf(l.items)));
    Map<String, Expr> outMacros = new LinkedHashMap<>();
    macros.forEach((k, v) -> outMacros.put(k, v.condition));
    return new Output<>(List.copyOf(rules), outLists, outMacros, sequences);
  }

  private void compileLists() {
    List<String> usedNames = new ArrayList<>();
    for (ListInfo list : col.lists.values()) {
      List<String> items = new ArrayList<>();
      for (String item : list.items) {
        ListInfo ref = col.lists.get(item);
        if (ref != null && ref.index < list.visibility) {
          usedNames.add(ref.name);
          items.addAll(ref.items);
        } else {
          items.add(item);
        }
      }
      lists.put(list.name, new CList(list.name, items));
    }
    for (String name : usedNames) {
      lists.get(name).used = true;
    }
  }

  record Parsed(String text, Expr ast) {}

  /** A condition as a rule gets it (lists substituted, parsed, macros expanded); used by sequence steps. */
  Parsed expand(String condition, Context condCtx, Context itemCtx) {
    Parsed p = parseCondition(condition, condCtx);
    return new Parsed(p.text(), resolveMacros(p.ast(), p.text(), Integer.MAX_VALUE, itemCtx));
  }

  /** Lists are substituted textually in definition order; there is no visibility between lists and conditions. */
  private Parsed parseCondition(String condition, Context ctx) {
    String text = condition;
    for (CList l : lists.values()) {
      ConditionText.Substitution s = ConditionText.substituteList(text, l.name, l.items);
      text = s.text();
      if (s.used()) {
        l.used = true;
      }
    }
    try {
      return new Parsed(text, ConditionParser.parse(text, ConditionParser.FALCO_LOADER_MAX_DEPTH));
    } catch (ParseException e) {
      throw new LoadException(LoadCode.LOAD_ERR_COMPILE_CONDITION, e.getMessage(),
          ctx.inCondition(e.index(), e.line(), e.column(), text));
    }
  }

  private void compileMacros() {
    for (MacroInfo m : col.macros.values()) {
      CMacro c = new CMacro();
      Parsed p = parseCondition(m.cond, m.condCtx);
      c.condition = p.ast();
      c.text = p.text();
      macros.put(m.name, c);
    }
    for (Map.Entry<String, CMacro> e : macros.entrySet()) {
      MacroInfo info = col.macros.get(e.getKey());
      e.getValue().condition = resolveMacros(e.getValue().condition, e.getValue().text, info.visibility, info.ctx);
    }
  }

  private Expr resolveMacros(Expr ast, String condition, int visibility, Context ctx) {
    Map<String, Expr> visible = new LinkedHashMap<>();
    for (MacroInfo m : col.macros.values()) {
      if (m.index < visibility) {
        visible.put(m.name, macros.get(m.name).condition);
      }
    }
    MacroResolver resolver = new MacroResolver(visible);
    Expr out = resolver.run(ast);
    if (!resolver.errors.isEmpty() || !resolver.unknown.isEmpty()) {
      MacroResolver.Ref first = !resolver.errors.isEmpty() ? resolver.errors.get(0) : resolver.unknown.get(0);
      String msg = !resolver.errors.isEmpty() ? first.name() : "Undefined macro '" + first.name() + "' used in filter.";
      throw new LoadException(LoadCode.LOAD_ERR_VALIDATE, msg, ctx.inCondition(first.pos(), condition));
    }
    for (String name : resolver.resolved) {
      macros.get(name).used = true;
    }
    return out;
  }

  private List<CompiledRule<C, O>> compileRules() {
    List<CompiledRule<C, O>> out = new ArrayList<>();
    for (RuleInfo r : col.rules.values()) {
      if (r.unknownSource) {
        continue;
      }
      LoadException.check(!backend.sources().contains(r.source), LoadCode.LOAD_ERR_VALIDATE,
          "Unknown source at compile-time" + r.source, r.ctx);
      String condition = r.cond;
      Set<String> exceptionFields = new TreeSet<>();
      if (!r.exceptions.isEmpty()) {
        condition = ConditionText.withExceptions(condition, r.exceptions);
        for (ExceptionInfo ex : r.exceptions) {
          if (ex.fields.isList) {
            if (!ex.values.isEmpty()) {
              ex.fields.items.forEach(f -> exceptionFields.add(f.item));
            }
          } else if (!ex.values.isEmpty()) {
            exceptionFields.add(ex.fields.item);
          }
        }
      }
      String output = r.output;
      if (output.contains(CONTAINER_INFO)) {
        res.add(LoadCode.LOAD_DEPRECATED_ITEM, "%container.info is deprecated and no more useful, and will be"
            + " dropped by Falco 1.0.0. The container plugin will automatically add required fields to the output"
            + " message.", r.ctx);
        output = output.replace(CONTAINER_INFO, "");
      }
      O compiledOutput;
      try {
        compiledOutput = backend.compileOutput(output);
      } catch (CompileBackend.Failure f) {
        if (f.unknownFilter() && r.skipIfUnknownFilter) {
          res.add(LoadCode.LOAD_UNKNOWN_FILTER, f.getMessage(), r.outputCtx);
          continue;
        }
        throw new LoadException(LoadCode.LOAD_ERR_COMPILE_OUTPUT, f.getMessage(), r.outputCtx);
      }
      for (String df : ConditionWarnings.DEPRECATED_FIELDS) {
        if (output.contains(df)) {
          res.addDeprecatedField(df, "usage of deprecated field '" + df + "' has been detected in the rule output",
              r.outputCtx);
        }
      }

      Parsed parsed = parseCondition(condition, r.condCtx);
      String text = parsed.text();
      Expr ast = resolveMacros(parsed.ast(), text, Integer.MAX_VALUE, r.ctx);
      ConditionWarnings.report(ast, r.condCtx.inCondition(0, 0, 0, condition), res);
      C compiled;
      try {
        compiled = backend.compileCondition(ast);
      } catch (CompileBackend.Failure f) {
        Context ctx = r.condCtx.inCondition(Math.max(0, f.pos()), text);
        if (f.unknownFilter() && r.skipIfUnknownFilter) {
          res.add(LoadCode.LOAD_UNKNOWN_FILTER, f.getMessage(), ctx);
          continue;
        }
        throw new LoadException(LoadCode.LOAD_ERR_COMPILE_CONDITION, f.getMessage(), ctx);
      }
      for (CompileBackend.Warning w : backend.warnings(compiled)) {
        res.add(LoadCode.LOAD_COMPILE_CONDITION, w.message(), r.condCtx.inCondition(Math.max(0, w.pos()), text));
      }
      if (r.source.equals("syscall") && r.warnEvttypes && backend.eventTypeCount(compiled) > 100) {
        res.add(LoadCode.LOAD_NO_EVTTYPE,
            "Rule matches too many evt.type values. This has a significant performance penalty.", r.ctx);
      }
      out.add(new CompiledRule<>(r.index, r.name, r.desc, ast, ast.toString(), output, r.priority, r.source,
          new LinkedHashSet<>(r.tags), r.enabled, r.capture, r.captureDuration, List.copyOf(exceptionFields),
          compiled, compiledOutput));
    }
    return out;
  }
}
