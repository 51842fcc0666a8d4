package dev.eyrie.engine.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionParserTest {

  private static String text(String condition) throws ParseException {
    return ConditionParser.parse(condition).toString();
  }

  /** Every accepted condition must also parse with blanks around and with spaces replaced by LF and tabs. */
  private static Expr accept(String condition) throws ParseException {
    Expr e = ConditionParser.parse(condition);
    String padded = " " + condition + " ";
    assertEquals(e.toString(), ConditionParser.parse(padded).toString());
    assertEquals(e.toString(), ConditionParser.parse(padded.replace(' ', '\n')).toString());
    assertEquals(e.toString(), ConditionParser.parse(padded.replace(' ', '\t')).toString());
    return e;
  }

  private static ParseException reject(String condition) {
    return assertThrows(ParseException.class, () -> ConditionParser.parse(condition), condition);
  }

  @Test
  void precedenceIsNotThenAndThenOr() throws ParseException {
    assertEquals("(a.a = 1 or (b.b = 2 and c))", text("a.a=1 or b.b=2 and c"));
    assertEquals("((a and not b) or c)", text("a and not b or c"));
    assertEquals("(not (a or b) and c)", text("not (a or b) and c"));
  }

  @Test
  void repeatedNotToggles() throws ParseException {
    assertEquals("a", text("not not a"));
    assertEquals("not a", text("not not not a"));
    assertEquals("a", text("not not(a)"));
    // Only consecutive prefixes toggle: nested not(...) groups stay nested, as in libs.
    assertEquals("not not a", text("not(not(a))"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a and b and(c)", "(a)and(b)and(c)", "a or b or(c)", "(a)or(b)or(c)", "not(a)and(not(b))", "not (not (a))",
    "(a.a exists and b)", "not a.a exists", "a.b = not", "a and notb", "notz and a and b", "macro and not_macro",
    "macro and and_macro", "((macro) and (or_macro))", "fd.name=*.log", "a.b = a.a", "evt.arg[0] contains /bin"
  })
  void acceptsLibsSmokeCases(String condition) throws ParseException {
    accept(condition);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "a andb", "aand b", "a and b and", "a and b or", "a and b not", "and a", "or a", "a or b and", "a orb",
    "aor b", "a and or b", "a andor b", "a not b", "a notb", "anot b", "a andnot b", "(a)andnot(b)", "a ornot b",
    "(a", "a)", "()", "a.b", "a.b =", "a.b in", "a.b in (a,)", "a.b in (,a)", "a.b in (a,,b)", "a.b containsx",
    "a.b contains", "a.b startswith(x)", "a.b exists = 1", "a.b = (x)", "a.b >= foo", "  "
  })
  void rejectsMalformed(String condition) {
    reject(condition);
  }

  @Test
  void emptyInputIsAnError() {
    assertEquals("filter input string is empty", reject("").getMessage());
  }

  @Test
  void leftoverInputIsReportedWithItsPosition() {
    ParseException e = reject("a not b");
    assertEquals("unexpected token after 'a', expecting 'or', 'and'", e.getMessage());
    assertEquals(2, e.index());
    assertEquals(1, e.line());
    assertEquals(3, e.column());
  }

  @Test
  void positionsCountLinesAndColumnsFromOne() {
    ParseException e = reject("proc.name = x and\n  fd.name bogus y");
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("expected a valid check operator: one of 'exists', '<=', '<', '>=', '>',"
        + " '==', '=', '!=', 'glob', 'iglob', 'contains'"), e.getMessage());
    assertEquals(11, e.column());
  }

  @Test
  void wordOperatorsNeedAFollowingBlankSymbolsDoNot() throws ParseException {
    assertEquals("proc.name = bash", text("proc.name=bash"));
    assertEquals("proc.name != bash", text("proc.name!=bash"));
    assertEquals("fd.num >= 0", text("fd.num>=0"));
    assertEquals("evt.type in (open)", text("evt.type in(open)"));
    reject("proc.name contains\"x\"");
    reject("proc.name startswith/bin");
    assertEquals("proc.name contains x", text("proc.name contains\tx"));
  }

  @Test
  void allBinaryOperatorsParse() throws ParseException {
    for (String op : List.of("=", "==", "!=", "contains", "icontains", "bcontains", "startswith", "bstartswith",
        "endswith", "glob", "iglob", "regex")) {
      Expr.Check c = assertInstanceOf(Expr.Check.class, accept("a.b " + op + " v"));
      assertEquals(op, c.op());
      assertEquals(new Operand.Value("v", false, 4 + op.length() + 1), c.rhs());
    }
    for (String op : List.of("<", "<=", ">", ">=")) {
      assertEquals("a.b " + op + " 10", text("a.b " + op + " 10"));
    }
    for (String op : List.of("in", "intersects", "pmatch")) {
      assertEquals("a.b " + op + " (x, y)", text("a.b " + op + " (x, y)"));
    }
    Expr.Check exists = assertInstanceOf(Expr.Check.class, accept("a.b exists"));
    assertEquals("exists", exists.op());
    assertNull(exists.rhs());
  }

  @Test
  void numbersAndHex() throws ParseException {
    assertEquals("a.b > 0x1F", text("a.b > 0x1F"));
    assertEquals("a.b > -1.5e+3", text("a.b > -1.5e+3"));
    assertEquals("a.b < +7", text("a.b < +7"));
    reject("a.b > 0x");
    reject("a.b > 1e3");
  }

  @Test
  void identifiersAreMacrosAndDottedNamesAreFields() throws ParseException {
    assertInstanceOf(Expr.MacroRef.class, ConditionParser.parse("my_macro2"));
    Expr.And and = assertInstanceOf(Expr.And.class, ConditionParser.parse("m1 and proc.name exists"));
    assertInstanceOf(Expr.MacroRef.class, and.children().get(0));
    assertInstanceOf(Expr.Check.class, and.children().get(1));
  }

  @Test
  void fieldArguments() throws ParseException {
    Expr.Check c = (Expr.Check) ConditionParser.parse("proc.aname[2] = sshd");
    assertEquals(new Operand.Field("proc.aname", "2", 0), c.lhs());
    c = (Expr.Check) ConditionParser.parse("container.mount.dest[/var/run/docker.sock] in (\"<NA>\",\"N/A\")");
    assertEquals("/var/run/docker.sock", ((Operand.Field) c.lhs()).arg());
    assertEquals("container.mount.dest[/var/run/docker.sock] in (<NA>, N/A)", c.toString());
    c = (Expr.Check) ConditionParser.parse("evt.arg[\"key with space\"] = v");
    assertEquals("key with space", ((Operand.Field) c.lhs()).arg());
    assertEquals("evt.arg[\"key with space\"] = v", c.toString());
    c = (Expr.Check) ConditionParser.parse("test.str[\"\"] = v");
    assertEquals("", ((Operand.Field) c.lhs()).arg());
    assertEquals("test.str[\"\"] = v", c.toString());
    assertEquals("expected a valid field argument: a quoted string or a bare string",
        reject("evt.arg[] = value").getMessage());
    assertEquals("expected a ']' token", reject("evt.arg[\"x\" = value").getMessage());
  }

  @Test
  void transformersAndVal() throws ParseException {
    assertEquals("tolower(proc.name) = bash", text("tolower( proc.name ) = bash"));
    assertEquals("getopt(proc.args,nt:)[t] = value", text("getopt(proc.args, \"nt:\")[t] = value"));
    assertEquals("getopt(proc.args,nt:)[t] = value", text("getopt(proc.args, \"nt:\")[\"t\"] = value"));
    assertEquals("len(join(-,(fd.name,fd.directory))) > 5", text("len(join(\"-\", (fd.name, fd.directory))) > 5"));
    assertEquals("concat(proc.name,x,toupper(fd.name)) = y", text("concat(proc.name, 'x', toupper(fd.name)) = y"));
    Expr.Check c = (Expr.Check) ConditionParser.parse("proc.name = val(proc.pname)");
    assertEquals(new Operand.ValField(new Operand.Field("proc.pname", null, 16), 12), c.rhs());
    c = (Expr.Check) ConditionParser.parse("b64(evt.arg.data) in val(some.field)");
    assertInstanceOf(Operand.Transform.class, c.lhs());
    assertInstanceOf(Operand.ValField.class, c.rhs());
    Operand.Transform t = (Operand.Transform) ((Expr.Check) ConditionParser.parse(
        "join(\"-\", ()) = /tmp")).lhs();
    assertEquals(new Operand.TransformerList(List.of(), t.args().get(1).pos()), t.args().get(1));
    reject("val(proc.name) = x");
    reject("join(\"-\", ((fd.name))) = /tmp");
    reject("join(\"-\", (macro)) = /tmp");
    reject("join(\"-\", (fd.name,)) = /tmp");
    reject("tolower(proc.name = x");
    assertEquals("expected a field within 'val' transformer", reject("a.b = val(x)").getMessage());
  }

  @Test
  void modifiers() throws ParseException {
    Expr.Check c = (Expr.Check) accept("proc.name startswith oneof (ba, sh)");
    assertEquals("startswith", c.op());
    assertEquals("oneof", c.modifier());
    assertInstanceOf(Operand.ValueList.class, c.rhs());
    assertEquals("proc.name startswith oneof (ba, sh)", c.toString());
    c = (Expr.Check) accept("proc.name == allof my_list");
    assertEquals("allof", c.modifier());
    assertEquals(new Operand.Value("my_list", false, 19), c.rhs());
    // Without a following list or identifier the modifier word is a plain value.
    c = (Expr.Check) ConditionParser.parse("proc.name = oneof");
    assertNull(c.modifier());
    assertEquals("oneof", ((Operand.Value) c.rhs()).text());
    Expr.And and = (Expr.And) ConditionParser.parse("proc.name = anyof and x");
    assertEquals("anyof", ((Operand.Value) ((Expr.Check) and.children().get(0)).rhs()).text());
    // A symbol operator needs a blank before the modifier.
    reject("proc.name =oneof (a)");
  }

  @Test
  void listValues() throws ParseException {
    Expr.Check c = (Expr.Check) ConditionParser.parse("a.g in (1, 'a', b.c, \"d e\")");
    Operand.ValueList l = assertInstanceOf(Operand.ValueList.class, c.rhs());
    assertEquals(List.of("1", "a", "b.c", "d e"), l.values().stream().map(Operand.Value::text).toList());
    assertEquals("a.g in (1, a, b.c, \"d e\")", c.toString());
    assertEquals("a.g in ()", text("a.g in ( )"));
    c = (Expr.Check) ConditionParser.parse("evt.type in undefined_list");
    assertEquals(new Operand.Value("undefined_list", false, 12), c.rhs());
  }

  @Test
  void depthLimit() throws ParseException {
    String deep = "(".repeat(100000);
    assertEquals("exceeded max depth limit of 100", reject100(deep).getMessage());
    assertEquals("exceeded max depth limit of 1000", reject(deep).getMessage());
    accept("((((((((((a))))))))))");
    String nested = "(".repeat(150) + "a.b = 1" + ")".repeat(150);
    assertEquals("a.b = 1", ConditionParser.parse(nested).toString());
    assertThrows(ParseException.class, () -> ConditionParser.parse(nested, 100));
  }

  private static ParseException reject100(String condition) {
    return assertThrows(ParseException.class, () -> ConditionParser.parse(condition, 100));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "a.b = \"x y\"            | x y",
    "a.b = 'x y'              | x y",
    "a.b = \"a\\\"b\"         | a\"b",
    "a.b = 'a\\'b'            | a'b",
    "a.b = \"\\t\\n\\r\\b\\f\" | `\t\n\r\b\f`",
    "a.b = \"x\\\\y\"          | x\\y",
    "a.b = \"\\/\"             | /",
    "a.b = \"\\x41\\x7a\"      | Az",
    "a.b = \"a\\ b\"          | a\\b",
    "a.b = \"it's\"           | it's"
  })
  void quotedStringEscapes(String condition, String expected) throws ParseException {
    Expr.Check c = (Expr.Check) ConditionParser.parse(condition.strip());
    assertEquals(expected, ((Operand.Value) c.rhs()).text());
  }

  @Test
  void aQuoteAfterABackslashNeverClosesTheString() {
    // libs' lexer looks only at the previous character, so "\\" followed by the delimiter does not terminate.
    reject("a.b = \"\\\\\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "a.b = 'a\\\"b'   | invalid \\\" escape in '-quoted string",
    "a.b = \"a\\'b\"  | invalid \\' escape in \"-quoted string",
    "a.b = \"\\q\"    | unsupported string escape sequence: \\q",
    "a.b = \"\\x4\"   | truncated hex char escape sequence",
    "a.b = \"\\xZZ1\" | invalid hex char escape sequence: ZZ"
  })
  void badEscapesAreErrors(String condition, String message) {
    assertEquals(message, reject(condition.strip()).getMessage());
  }

  @Test
  void canonicalTextQuotesLikeLibs() throws ParseException {
    // Quotes in the source do not survive unless the value needs them.
    assertEquals("proc.name = bash", text("proc.name = \"bash\""));
    assertEquals("proc.name = \"a=b\"", text("proc.name = 'a=b'"));
    assertEquals("proc.name = \"it's\"", text("proc.name = \"it's\""));
    assertEquals("proc.name = \"x\\\\y\"", text("proc.name = 'x\\\\y'"));
    assertEquals("proc.name = \"tab\\there\"", text("proc.name = 'tab\\there'"));
  }

  @Test
  void supportedOperatorsMatchLibs() {
    assertEquals(List.of("exists", "<=", "<", ">=", ">", "==", "=", "!=", "glob", "iglob", "contains", "icontains",
        "bcontains", "startswith", "bstartswith", "endswith", "regex", "intersects", "in", "pmatch"),
        ConditionParser.supportedOperators());
    assertEquals(List.of("val", "tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt"),
        ConditionParser.supportedTransformers(true));
  }
}
