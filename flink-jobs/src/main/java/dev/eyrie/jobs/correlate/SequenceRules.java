package dev.eyrie.jobs.correlate;

import dev.eyrie.engine.LoadResult;
import dev.eyrie.engine.RulesLoader;
import dev.eyrie.engine.RulesSource;
import dev.eyrie.engine.sequence.StepMatcher;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules files the correlation job was started with, shipped as text inside the job graph: every task loads them
 * again in {@code open()} (compiled rules are not serializable), so what runs is exactly what was validated on the
 * client. Sequences change by restarting the job from a savepoint (README-correlate.md).
 */
public record SequenceRules(List<File> files) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One rules file: its name (the path as given) and content. */
  public record File(String name, String content) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  public SequenceRules {
    files = List.copyOf(files);
  }

  /** Eyrie's own rules and sequences, packaged into this jar from rules/ by the build. */
  static final List<String> BUNDLED = List.of("eyrie_rules.yaml", "eyrie_sequences.yaml");

  public static SequenceRules bundled() throws IOException {
    List<File> files = new java.util.ArrayList<>();
    for (String name : BUNDLED) {
      try (java.io.InputStream in = SequenceRules.class.getResourceAsStream("/eyrie-rules/" + name)) {
        if (in == null) {
          throw new IOException("bundled rules file eyrie-rules/" + name + " missing from the jobs jar");
        }
        files.add(new File(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return new SequenceRules(files);
  }

  /** Reads and validates the files, in load order; fails with Falco-style messages when they do not load. */
  public static SequenceRules read(List<Path> paths) throws IOException {
    List<File> files = new ArrayList<>();
    for (Path p : paths) {
      files.add(new File(p.toString(), Files.readString(p)));
    }
    SequenceRules rules = new SequenceRules(files);
    rules.validate();
    return rules;
  }

  /** Fails unless the files load and define at least one enabled sequence. */
  public SequenceRules validate() {
    StepMatcher m = matcher();
    if (m.isEmpty()) {
      throw new IllegalArgumentException("no enabled sequence rules in " + names());
    }
    return this;
  }

  public LoadResult load() {
    List<RulesSource> sources = files.stream().map(f -> RulesSource.of(f.name(), f.content())).toList();
    LoadResult r = RulesLoader.load(sources);
    if (!r.successful()) {
      throw new IllegalArgumentException("rules " + names() + " do not load:\n" + r.toText());
    }
    return r;
  }

  private static final Map<SequenceRules, StepMatcher> MATCHERS = new HashMap<>();

  /**
   * The step matcher of these rules. Loaded once per JVM and rules content: a task manager runs several subtasks
   * (step matching and one alert function per sequence) that all need the same compiled rules.
   */
  public StepMatcher matcher() {
    synchronized (MATCHERS) {
      StepMatcher m = MATCHERS.get(this);
      if (m == null) {
        m = StepMatcher.of(load().sequences());
        MATCHERS.put(this, m);
      }
      return m;
    }
  }

  /** Short content hash, carried as the alerts' ruleset_version. */
  public String version() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (File f : files) {
        md.update(f.content().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      byte[] d = md.digest();
      StringBuilder sb = new StringBuilder("seq-");
      for (int i = 0; i < 6; i++) {
        sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16)).append(Character.forDigit(d[i] & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> names() {
    return files.stream().map(File::name).toList();
  }
}
