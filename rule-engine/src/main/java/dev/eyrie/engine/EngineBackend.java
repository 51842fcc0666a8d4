package dev.eyrie.engine;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.compile.CompileWarning;
import dev.eyrie.engine.compile.CompiledCondition;
import dev.eyrie.engine.compile.ConditionCompiler;
import dev.eyrie.engine.load.CompileBackend;
import dev.eyrie.engine.output.CompiledOutput;
import dev.eyrie.engine.output.OutputCompiler;
import dev.eyrie.engine.parse.ConditionParser;
import dev.eyrie.engine.parse.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Connects the loader to the runtime's condition and output compilers. One instance per load. */
final class EngineBackend implements CompileBackend<CompiledCondition, CompiledOutput> {
  private final ConditionCompiler conditions = new ConditionCompiler();
  private final OutputCompiler outputs = new OutputCompiler();

  @Override
  public CompiledCondition compileCondition(Expr condition) throws Failure {
    try {
      return conditions.compile(condition);
    } catch (CompileException e) {
      throw new Failure(e.getMessage(), e.pos(), e.unknownFilter());
    }
  }

  @Override
  public int eventTypeCount(CompiledCondition compiled) {
    return compiled.eventTypes().size();
  }

  @Override
  public List<Warning> warnings(CompiledCondition compiled) {
    List<Warning> out = new ArrayList<>();
    for (CompileWarning w : compiled.warnings()) {
      out.add(new Warning(w.message(), w.pos()));
    }
    return out;
  }

  @Override
  public CompiledOutput compileOutput(String format) throws Failure {
    try {
      return outputs.compile(format);
    } catch (CompileException e) {
      throw new Failure(e.getMessage(), e.pos(), e.unknownFilter());
    }
  }

  /** Falco's test: the field compiles as the left side of an {@code exists} check. */
  @Override
  public boolean isValidLhsField(String field) {
    try {
      Expr e = ConditionParser.parse(field + " exists");
      if (!(e instanceof Expr.Check c) || c.rhs() != null) {
        return false;
      }
      conditions.compile(e);
      return true;
    } catch (ParseException | CompileException e) {
      return false;
    }
  }
}
