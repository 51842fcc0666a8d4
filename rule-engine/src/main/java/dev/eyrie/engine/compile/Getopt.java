package dev.eyrie.engine.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * The getopt() transformer: scans argv with getopt(3) short-option rules (stops at "--" and at the first
 * non-option, skips long options, expands clusters like {@code -nt}). List mode emits each option character,
 * followed by its value when it takes one, and "?" for unknown options; selector mode ({@code [t]}) returns the
 * last value of that option ("" when its value is missing, the option itself when it takes none), or null when
 * the option is absent.
 */
final class Getopt {
  private Getopt() {}

  static List<String> run(List<String> argv, String optstring, char selector) {
    if (argv == null || optstring == null) {
      return null;
    }
    boolean[] valid = new boolean[65536];
    boolean[] withArg = new boolean[65536];
    int start = optstring.startsWith(":") ? 1 : 0;
    for (int i = start; i < optstring.length(); i++) {
      char o = optstring.charAt(i);
      if (o == ':') {
        continue;
      }
      valid[o] = true;
      if (i + 1 < optstring.length() && optstring.charAt(i + 1) == ':') {
        withArg[o] = true;
        i++;
      }
    }
    boolean select = selector != '\0';
    List<String> out = new ArrayList<>();
    String selected = null;
    for (int a = 0; a < argv.size(); a++) {
      String arg = argv.get(a);
      if (arg.equals("--")) {
        break;
      }
      if (arg.length() > 2 && arg.startsWith("--")) {
        continue;
      }
      if (arg.isEmpty() || arg.charAt(0) != '-' || arg.length() == 1) {
        break;
      }
      for (int i = 1; i < arg.length(); i++) {
        char opt = arg.charAt(i);
        if (opt == ':' || !valid[opt]) {
          if (!select) {
            out.add("?");
          }
          continue;
        }
        boolean match = !select || opt == selector;
        String name = String.valueOf(opt);
        if (!withArg[opt]) {
          if (match) {
            if (select) {
              selected = name;
            } else {
              out.add(name);
            }
          }
          continue;
        }
        String value;
        if (i + 1 < arg.length()) {
          value = arg.substring(i + 1);
        } else if (a + 1 < argv.size()) {
          value = argv.get(++a);
        } else {
          if (match) {
            if (select) {
              selected = "";
            } else {
              out.add("");
            }
          }
          break;
        }
        if (match) {
          if (select) {
            selected = value;
          } else {
            out.add(name);
            out.add(value);
          }
        }
        break;
      }
    }
    if (select) {
      return selected == null ? List.of() : List.of(selected);
    }
    return out;
  }
}
