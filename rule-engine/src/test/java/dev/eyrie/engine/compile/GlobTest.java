package dev.eyrie.engine.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** fnmatch(3) with flags 0 / FNM_CASEFOLD, the cases that differ from shell or regex intuition. */
class GlobTest {
  private static boolean m(String p, String s) {
    return Glob.compile(p, false).matches(s);
  }

  @Test
  void basics() {
    assertTrue(m("*", ""));
    assertTrue(m("a*b*c", "aXXbYYc"));
    assertFalse(m("a*b*c", "aXXbYYcd"));
    assertTrue(m("?", "x"));
    assertFalse(m("?", ""));
    assertTrue(m("*/x", "a/b/x"), "* matches /");
    assertTrue(m("*", ".hidden"), "leading dot is not special");
    assertTrue(m("a**b", "ab"));
  }

  @Test
  void bracketExpressions() {
    assertTrue(m("[abc]", "b"));
    assertTrue(m("[a-c]x", "bx"));
    assertFalse(m("[!a-c]", "b"));
    assertTrue(m("[^a-c]", "d"));
    assertTrue(m("[]]", "]"), "] first is literal");
    assertTrue(m("[!]]", "a"));
    assertTrue(m("[[:digit:]]x", "7x"));
    assertFalse(m("[[:alpha:]]", "7"));
    assertTrue(m("[a-]", "-"));
    assertTrue(m("[", "["), "unterminated bracket is a literal");
    assertTrue(m("a[", "a["));
  }

  @Test
  void escapes() {
    assertTrue(m("\\*", "*"));
    assertFalse(m("\\*", "x"));
    assertTrue(m("a\\?", "a?"));
    assertFalse(m("a\\", "a\\"), "trailing backslash never matches (glibc)");
  }

  @Test
  void casefold() {
    assertTrue(Glob.compile("/ETC/[A-C]*", true).matches("/etc/bash"));
    assertFalse(Glob.compile("/ETC/*", false).matches("/etc/bash"));
  }

  @Test
  void pathologicalPatternsStayLinear() {
    String s = "a".repeat(20000);
    assertFalse(m("*a*a*a*a*a*a*a*a*b", s));
  }
}
