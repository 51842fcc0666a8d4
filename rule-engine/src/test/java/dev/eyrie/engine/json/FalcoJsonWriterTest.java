package dev.eyrie.engine.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FalcoJsonWriterTest {
  @Test
  void stringsEscapeOnlyQuotesBackslashesAndControlsLikeFalco() {
    StringBuilder sb = new StringBuilder();
    FalcoJsonWriter.escape(sb, "q\"b\\t\tn\nc\u0001del\u007fé/\u2028😀");
    assertEquals("q\\\"b\\\\t\\tn\\nc\\u0001del\u007fé/\u2028😀", sb.toString());
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacter() {
    StringBuilder sb = new StringBuilder();
    FalcoJsonWriter.escape(sb, "a\uD800b\uDC00");
    assertEquals("a\uFFFDb\uFFFD", sb.toString());
  }

  @Test
  void objectKeysComeOutSortedAtEveryDepthAndListsKeepTheirOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1L);
    inner.put("a", true);
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("list", List.of("b", "a"));
    outer.put("inner", inner);
    outer.put("n", null);
    assertEquals("{\"inner\":{\"a\":true,\"z\":1},\"list\":[\"b\",\"a\"],\"n\":null}", FalcoJsonWriter.write(outer));
  }
}
