package dev.eyrie.engine.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.compile.CompileException;
import dev.eyrie.engine.field.EvalContext;
import dev.eyrie.engine.testkit.FieldEvents;
import dev.eyrie.schema.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputTest {
  private static CompiledOutput out(String f) throws CompileException {
    return new OutputCompiler().compile(f);
  }

  private final Event e = FieldEvents.of("evt.type", "openat", "proc.name", "cat", "proc.args",
      List.of("/etc/shadow"), "fd.type", "file", "fd.name", "/etc/shadow", "evt.arg.flags", "O_RDONLY",
      "user.uid", 0, "user.name", "root");

  @Test
  void resolvesFieldsAndPrintsNaForMissingValues() throws Exception {
    CompiledOutput o = out("Sensitive file opened (file=%fd.name flags=%evt.arg.flags cmd=%proc.cmdline "
        + "gp=%proc.aname[2] ggp=%proc.aname[3] sip=%fd.sip uid=%user.uid)");
    assertEquals("Sensitive file opened (file=/etc/shadow flags=O_RDONLY cmd=cat /etc/shadow gp=systemd "
        + "ggp=<NA> sip=<NA> uid=0)", o.render(new EvalContext(e)));
  }

  @Test
  void outputFieldsAreTyped() throws Exception {
    Map<String, Object> f = out("%fd.name %user.uid %fd.name_changed %proc.aname[3] %evt.arg.flags")
        .fields(new EvalContext(e));
    assertEquals(List.of("fd.name", "user.uid", "fd.name_changed", "proc.aname[3]", "evt.arg.flags"),
        List.copyOf(f.keySet()));
    assertEquals("/etc/shadow", f.get("fd.name"));
    assertEquals(0L, f.get("user.uid"));
    assertEquals(Boolean.FALSE, f.get("fd.name_changed"));
    assertNull(f.get("proc.aname[3]"));
    assertTrue(f.containsKey("proc.aname[3]"));
  }

  @Test
  void tokenBoundariesFollowTheLongestField() throws Exception {
    EvalContext c = new EvalContext(e);
    assertEquals("cat.", out("%proc.name.").render(c));
    assertEquals("cat:root", out("%proc.name:%user.name").render(c));
    assertEquals("(cat)", out("(%proc.name)").render(c));
    assertEquals("cat.nosuch", out("%proc.name.nosuch").render(c), "unknown dotted suffix stays literal");
    assertEquals("cat  |", out("%5proc.name|").render(c), "width pads");
    assertEquals("CAT", out("%toupper(proc.name)").render(c));
    assertEquals("cat->/etc/shadow", out("%join(\"->\", (proc.name, fd.name))").render(c));
  }

  @Test
  void errors() {
    assertTrue(assertThrows(CompileException.class, () -> out("x %proc.nosuch")).unknownFilter());
    assertTrue(assertThrows(CompileException.class, () -> out("x %")).getMessage().contains("cannot end"));
    assertTrue(assertThrows(CompileException.class, () -> out("ip=%fd.ip")).getMessage()
        .contains("filter only"));
    assertThrows(CompileException.class, () -> out(""));
  }
}
