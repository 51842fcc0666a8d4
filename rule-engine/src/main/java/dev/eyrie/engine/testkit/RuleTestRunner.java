package dev.eyrie.engine.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.runtime.Match;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.engine.runtime.RulesetOptions;
import dev.eyrie.engine.sequence.SequenceEvaluator;
import dev.eyrie.engine.sequence.SequenceMatch;
import dev.eyrie.engine.sequence.StepMatcher;
import dev.eyrie.schema.Event;

/**
 * Runs rule test files: loads each file's rules with the real loader, builds each case's events, evaluates them
 * with the compiled ruleset and compares the alerts with the case's expectations. When the files define sequence
 * rules, each case's events also run through the reference {@link SequenceEvaluator} (in event-time order, stable
 * for equal times); a completed sequence counts as a fired rule named after the sequence.
 */
public final class RuleTestRunner {

  /** What one case produced, with a human-readable diff when it failed. */
  public record CaseResult(RuleTestFile file, RuleTestFile.Case testCase, List<Fired> fired, List<String> problems) {
    public boolean passed() {
      return problems.isEmpty();
    }

    public String location() {
      return file.path() + ":" + testCase.line();
    }
  }

  public record Fired(String rule, String priority, String output, Map<String, Object> fields) {}

  /** A file whose rules did not load: every case of it fails with the load errors. */
  public record FileResult(RuleTestFile file, String loadErrors, List<CaseResult> cases) {
    public boolean passed() {
      return loadErrors == null && cases.stream().allMatch(CaseResult::passed);
    }
  }

  public FileResult run(RuleTestFile file) throws IOException {
    List<RulesSource> sources = new ArrayList<>();
    for (Path p : file.rules()) {
      if (!Files.isRegularFile(p)) {
        return new FileResult(file, "rules file not found: " + p, List.of());
      }
      sources.add(RulesSource.of(p));
    }
    LoadResult loaded = RulesLoader.load(sources);
    if (!loaded.successful()) {
      return new FileResult(file, loaded.toText(), List.of());
    }
    RuleMatching matching = file.ruleMatching().equals("first") ? RuleMatching.FIRST : RuleMatching.ALL;
    CompiledRuleset ruleset = loaded.ruleset().withOptions(new RulesetOptions(matching, null));
    StepMatcher sequences = StepMatcher.of(loaded.sequences());
    List<CaseResult> results = new ArrayList<>();
    for (RuleTestFile.Case c : file.cases()) {
      results.add(runCase(file, c, ruleset, sequences));
    }
    return new FileResult(file, null, results);
  }

  private CaseResult runCase(RuleTestFile file, RuleTestFile.Case c, CompiledRuleset ruleset,
      StepMatcher sequences) {
    List<Fired> fired = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    long seq = 1;
    for (Map<String, Object> fields : c.events()) {
      Event event;
      try {
        event = FieldEvents.of(fields);
      } catch (IllegalArgumentException e) {
        problems.add("event " + seq + ": " + e.getMessage());
        return new CaseResult(file, c, fired, problems);
      }
      if (!fields.containsKey("evt.num")) {
        event.setSeq(seq);
        event.setEventId(event.getHost().getId() + ":" + event.getHost().getBootId() + ":" + seq);
      }
      seq++;
      events.add(event);
      ruleset.evaluate(event, (Match m) -> fired.add(
          new Fired(m.ruleName(), m.priority().falcoName(), m.output(), m.outputFields())));
    }
    if (!sequences.isEmpty()) {
      List<Event> ordered = new ArrayList<>(events);
      ordered.sort(java.util.Comparator.comparingLong(Event::getTs));
      SequenceEvaluator evaluator = new SequenceEvaluator(sequences);
      java.util.function.Consumer<SequenceMatch> onMatch = m -> fired.add(new Fired(m.name(),
          m.sequence().priority().falcoName(), m.output(), m.outputFields()));
      for (Event e : ordered) {
        evaluator.accept(e, onMatch);
      }
      evaluator.flush(onMatch);
    }
    compare(c, fired, problems);
    return new CaseResult(file, c, fired, problems);
  }

  private static void compare(RuleTestFile.Case c, List<Fired> fired, List<String> problems) {
    List<Fired> unmatched = new ArrayList<>(fired);
    for (RuleTestFile.Expectation e : c.expect()) {
      Fired hit = null;
      Fired nearest = null;
      String nearMiss = null;
      for (Fired f : unmatched) {
        if (!f.rule().equals(e.rule())) {
          continue;
        }
        String why = mismatch(e, f);
        if (why == null) {
          hit = f;
          break;
        }
        nearest = f;
        nearMiss = why;
      }
      if (hit != null) {
        unmatched.remove(hit);
      } else if (nearest != null) {
        // reported once, as a mismatch, not again as an unexpected alert
        unmatched.remove(nearest);
        problems.add("expected '" + e.rule() + "' but " + nearMiss);
      } else {
        problems.add("expected '" + e.rule() + "' — it did not fire");
      }
    }
    if (c.strict()) {
      for (Fired f : unmatched) {
        problems.add("unexpected '" + f.rule() + "' (" + f.priority() + "): " + f.output());
      }
    }
    for (String rule : c.notExpect()) {
      if (fired.stream().anyMatch(f -> f.rule().equals(rule))) {
        problems.add("'" + rule + "' fired but is listed under not_expect");
      }
    }
  }

  /** Why {@code f} does not satisfy {@code e}, or null when it does. */
  private static String mismatch(RuleTestFile.Expectation e, Fired f) {
    if (e.priority() != null && !e.priority().equalsIgnoreCase(f.priority())) {
      return "it fired with priority " + f.priority() + ", not " + e.priority();
    }
    if (e.outputContains() != null && !f.output().contains(e.outputContains())) {
      return "its output does not contain \"" + e.outputContains() + "\": " + f.output();
    }
    for (Map.Entry<String, Object> want : e.fields().entrySet()) {
      Object got = f.fields().get(want.getKey());
      if (!f.fields().containsKey(want.getKey())) {
        return "its output has no field " + want.getKey();
      }
      if (!Objects.equals(String.valueOf(want.getValue()), String.valueOf(got))) {
        return want.getKey() + " = " + got + ", not " + want.getValue();
      }
    }
    return null;
  }
}
