package dev.eyrie.jobs.rules;

/** A ruleset that does not load; {@link #compilation()} holds the Falco-style errors. */
public final class RulesRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Compilation compilation;

  public RulesRejectedException(String version, Compilation compilation) {
    super("ruleset " + version + " does not load: " + compilation.message()
        + (compilation.errors() == null ? "" : " " + compilation.errors()));
    this.compilation = compilation;
  }

  public Compilation compilation() {
    return compilation;
  }
}
