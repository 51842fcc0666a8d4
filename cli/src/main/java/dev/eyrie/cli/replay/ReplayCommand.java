package dev.eyrie.cli.replay;

import dev.eyrie.engine.CompiledRuleset;
import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.Priority;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.runtime.AlertFactory;
import dev.eyrie.engine.runtime.AlertJson;
import dev.eyrie.engine.runtime.RuleMatching;
import dev.eyrie.schema.Alert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Evaluates rules over recorded events, like {@code falco -r rules.yaml -e capture.scap}: alerts on stdout one per
 * line (Falco's JSON or text shape), a count summary on stderr. Exit 0 whether or not rules fired; 1 when the rules
 * do not load, the options are inconsistent or an input cannot be read (alerts printed up to then stay printed).
 */
@Command(name = "replay",
    header = "Print the alerts Falco rules raise on scap captures or Eyrie events files.", mixinStandardHelpOptions = true,
    description = {"Evaluate Falco rules over scap captures or Eyrie Avro events files and print the alerts.",
        "INPUTs are told apart by their first bytes; rules options follow Falco (-t/-T/-D, minimum priority)."})
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rules", required = true, paramLabel = "FILE", parameterConsumer = RulesFiles.class,
      description = {"Rules files, loaded in the order given (repeatable).",
          "After the first FILE, following values ending in .yaml/.yml are rules files too, so "
              + "`--rules a.yaml b.yaml in.scap` works."})
  List<Path> rules;

  @Option(names = "--rule-matching", defaultValue = "first", paramLabel = "first|all",
      description = "Alert for the first matching rule only (Falco's default) or for all. Default: ${DEFAULT-VALUE}.")
  String ruleMatching;

  @Option(names = "--json", description = "Print alerts as Falco's JSON output lines.")
  boolean json;

  @Option(names = {"-t", "--enable-tag"}, paramLabel = "TAG",
      description = "Only run rules with this tag (repeatable; not with -T/-D).")
  List<String> enabledTags = new ArrayList<>();

  @Option(names = {"-T", "--disable-tag"}, paramLabel = "TAG", description = "Disable rules with this tag (repeatable).")
  List<String> disabledTags = new ArrayList<>();

  @Option(names = {"-D", "--disable"}, paramLabel = "RULE_OR_SUBSTRING",
      description = "Disable rules whose name contains this text (repeatable).")
  List<String> disabled = new ArrayList<>();

  @Option(names = "--min-priority", paramLabel = "P",
      description = "Skip rules less severe than this priority (emergency ... debug).")
  String minPriority;

  @Parameters(arity = "0..*", paramLabel = "INPUT", description = "scap captures (.scap, .scap.gz) or Eyrie Avro events files.")
  List<Path> inputs = new ArrayList<>();

  /** Time zone of the alert time prefix; libsinsp's evt.time is local time. */
  ZoneId zone = ZoneId.systemDefault();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (inputs.isEmpty()) {
      err.println("eyrie replay: no INPUT given (a .scap capture or an Eyrie Avro events file)");
      return 1;
    }
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        err.println("eyrie replay: input not found: " + p);
        return 1;
      }
    }
    RuleSelection selection;
    try {
      selection = new RuleSelection(enabledTags, disabledTags, disabled, parsePriority(), parseMatching());
    } catch (IllegalArgumentException e) {
      err.println("eyrie replay: " + e.getMessage());
      return 1;
    }
    CompiledRuleset loaded = load(rules, err);
    if (loaded == null) {
      return 1;
    }
    CompiledRuleset active = selection.apply(loaded);

    AlertCounts counts = new AlertCounts();
    for (Path p : inputs) {
      try (EventInput events = EventInput.open(p)) {
        while (events.hasNext()) {
          counts.event();
          active.evaluate(events.next(), m -> {
            counts.alert(m);
            Alert alert = AlertFactory.eventAlert(m, "", zone);
            out.println(json ? AlertJson.falco(alert) : AlertJson.text(alert));
          });
        }
      } catch (IOException | UncheckedIOException | IllegalStateException e) {
        out.flush();
        err.println("eyrie replay: " + e.getMessage());
        return 1;
      }
    }
    out.flush();
    counts.print(err, inputs.size());
    return 0;
  }

  /**
   * {@code --rules FILE...}: takes the next value, then every following value that ends in .yaml or .yml, so the
   * INPUTs after the rules stay positional parameters.
   */
  static final class RulesFiles implements IParameterConsumer {
    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      if (args.isEmpty()) {
        throw new ParameterException(commandSpec.commandLine(), "--rules needs a FILE");
      }
      List<Path> files = argSpec.getValue();
      if (files == null) {
        files = new ArrayList<>();
        argSpec.setValue(files);
      }
      files.add(Path.of(args.pop()));
      while (!args.isEmpty() && isRulesFileName(args.peek())) {
        files.add(Path.of(args.pop()));
      }
    }

    private static boolean isRulesFileName(String arg) {
      String lower = arg.toLowerCase(Locale.ROOT);
      return !arg.startsWith("-") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }
  }

  private static CompiledRuleset load(List<Path> files, PrintWriter err) throws IOException {
    List<RulesSource> sources = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        err.println("eyrie replay: rules file not found: " + f);
        return null;
      }
      sources.add(RulesSource.of(f));
    }
    LoadResult result = RulesLoader.load(sources);
    if (!result.successful()) {
      err.println("eyrie replay: rules did not load:");
      err.println(result.toText());
      return null;
    }
    if (!result.warnings().isEmpty()) {
      err.println(result.toText());
    }
    return result.ruleset();
  }

  private Priority parsePriority() {
    if (minPriority == null) {
      return null;
    }
    Priority p = Priority.parseOrNull(minPriority);
    if (p == null) {
      throw new IllegalArgumentException("--min-priority: unknown priority '" + minPriority
          + "' (emergency, alert, critical, error, warning, notice, informational/info, debug)");
    }
    return p;
  }

  private RuleMatching parseMatching() {
    return switch (ruleMatching.toLowerCase(Locale.ROOT)) {
      case "first" -> RuleMatching.FIRST;
      case "all" -> RuleMatching.ALL;
      default -> throw new IllegalArgumentException("--rule-matching must be first or all, not '" + ruleMatching + "'");
    };
  }
}
