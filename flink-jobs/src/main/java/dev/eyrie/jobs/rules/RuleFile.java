package dev.eyrie.jobs.rules;

import java.io.Serializable;

/** One rules file as published: its name (for error locations) and its YAML text. */
public record RuleFile(String name, String content) implements Serializable {
  public RuleFile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("rules file name is empty");
    }
    if (content == null) {
      throw new IllegalArgumentException("rules file " + name + " has no content");
    }
  }
}
