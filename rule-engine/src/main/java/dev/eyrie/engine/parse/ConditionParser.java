package dev.eyrie.engine.parse;

import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Falco conditions, following libs' {@code filter/parser.cpp} rule by rule (same
 * token order, backtracking points, depth accounting and error messages), so that exactly the conditions libs
 * accepts are accepted. Not thread-safe: one instance per parse.
 *
 * <p>Grammar summary: precedence {@code not > and > or}; repeated {@code not } toggles; {@code and(}, {@code or(},
 * {@code not(} need no blank; word operators need a following blank; an identifier without a dot is a macro
 * reference; the whole input must be consumed.
 */
public final class ConditionParser {
  /** libs' default; the Falco rule loader raises it to {@link #FALCO_LOADER_MAX_DEPTH}. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  public static final int FALCO_LOADER_MAX_DEPTH = 1000;

  private static final String[] UNARY_OPS = {"exists"};
  private static final String[] NUM_OPS = {"<=", "<", ">=", ">"};
  // A trailing blank marks operators that must be followed by a blank.
  private static final String[] STR_OPS = {
    "==", "=", "!=", "glob ", "iglob ", "contains ", "icontains ", "bcontains ", "startswith ",
    "bstartswith ", "endswith ", "regex "
  };
  private static final String[] STR_MODIFIERS = {"oneof ", "anyof ", "allof "};
  private static final String[] LIST_OPS = {"intersects", "in", "pmatch"};
  private static final String[] TRANSFORMERS = {
    "tolower(", "toupper(", "b64(", "basename(", "len(", "join(", "concat(", "getopt("
  };
  private static final String VAL = "val(";

  private final String input;
  private final int maxDepth;
  private int idx;
  private int line;
  private int col;
  private String lastToken = "";
  private boolean lastQuoted;
  private int depth;

  private ConditionParser(String input, int maxDepth) {
    this.input = input;
    this.maxDepth = maxDepth;
  }

  /** Parses with the Falco loader's depth limit (1000). */
  public static Expr parse(String condition) throws ParseException {
    return parse(condition, FALCO_LOADER_MAX_DEPTH);
  }

  public static Expr parse(String condition, int maxDepth) throws ParseException {
    return new ConditionParser(condition, maxDepth).parseAll();
  }

  /** Operators in libs' {@code supported_operators()} order (trimmed). */
  public static List<String> supportedOperators() {
    List<String> ops = new ArrayList<>();
    for (String[] group : new String[][] {UNARY_OPS, NUM_OPS, STR_OPS, LIST_OPS}) {
      for (String op : group) {
        ops.add(op.trim());
      }
    }
    return List.copyOf(ops);
  }

  /** The list operators ({@code in, intersects, pmatch}): their right-hand side is a list. */
  public static boolean isListOperator(String op) {
    for (String o : LIST_OPS) {
      if (o.equals(op)) {
        return true;
      }
    }
    return false;
  }

  /** Operators that accept an {@code oneof/anyof/allof} modifier. */
  public static boolean supportsModifier(String op) {
    return switch (op) {
      case "=", "==", "!=", "contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith",
          "glob", "iglob", "regex" -> true;
      default -> false;
    };
  }

  public static List<String> supportedTransformers(boolean includeVal) {
    List<String> res = new ArrayList<>();
    if (includeVal) {
      res.add("val");
    }
    for (String t : TRANSFORMERS) {
      res.add(t.substring(0, t.length() - 1));
    }
    return List.copyOf(res);
  }

  // ---------------------------------------------------------------- grammar

  private Expr parseAll() throws ParseException {
    idx = 0;
    line = 1;
    col = 1;
    if (input.isEmpty()) {
      throw error("filter input string is empty");
    }
    Expr res = parseOr();
    if (idx != input.length()) {
      throw error("unexpected token after '" + lastToken + "', expecting 'or', 'and'");
    }
    return res;
  }

  private void enter() throws ParseException {
    depth++;
    if (depth >= maxDepth) {
      throw error("exceeded max depth limit of " + maxDepth);
    }
  }

  private Expr parseOr() throws ParseException {
    enter();
    try {
      int pos = idx;
      List<Expr> children = new ArrayList<>();
      lexBlank();
      children.add(parseAnd());
      lexBlank();
      while (lexStr("or")) {
        if (!lexBlank()) {
          if (lexStr("(")) {
            children.add(parseEmbeddedRemainder());
          } else {
            throw error("expected blank or '(' after 'or'");
          }
        } else {
          children.add(parseAnd());
        }
        lexBlank();
      }
      return children.size() > 1 ? new Expr.Or(children, pos) : children.get(0);
    } finally {
      depth--;
    }
  }

  private Expr parseAnd() throws ParseException {
    enter();
    try {
      int pos = idx;
      List<Expr> children = new ArrayList<>();
      lexBlank();
      children.add(parseNot());
      lexBlank();
      while (lexStr("and")) {
        if (!lexBlank()) {
          if (lexStr("(")) {
            children.add(parseEmbeddedRemainder());
          } else {
            throw error("expected blank or '(' after 'and'");
          }
        } else {
          children.add(parseNot());
        }
        lexBlank();
      }
      return children.size() > 1 ? new Expr.And(children, pos) : children.get(0);
    } finally {
      depth--;
    }
  }

  private Expr parseNot() throws ParseException {
    enter();
    try {
      int pos = idx;
      boolean isNot = false;
      lexBlank();
      while (lexNotBlank()) {
        isNot = !isNot;
      }
      Expr child;
      if (lexStr("not(")) {
        isNot = !isNot;
        child = parseEmbeddedRemainder();
      } else {
        child = parseCheck();
      }
      return isNot ? new Expr.Not(child, pos) : child;
    } finally {
      depth--;
    }
  }

  /** The remainder of a parenthesised expression, right after its '('. */
  private Expr parseEmbeddedRemainder() throws ParseException {
    enter();
    try {
      lexBlank();
      Expr child = parseOr();
      lexBlank();
      if (!lexStr(")")) {
        throw error("expected a ')' token");
      }
      return child;
    } finally {
      depth--;
    }
  }

  private Expr parseCheck() throws ParseException {
    enter();
    try {
      int pos = idx;
      lexBlank();
      if (lexStr("(")) {
        return parseEmbeddedRemainder();
      }
      if (lexFieldName()) {
        Operand.FieldExpr left = parseFieldRemainder(lastToken, pos);
        return parseCondition(left, pos);
      }
      if (lexTransformerType()) {
        lexBlank();
        Operand.FieldExpr left = parseTransformerRemainder(transformerName(), pos);
        return parseCondition(left, pos);
      }
      if (lexIdentifier()) {
        return new Expr.MacroRef(lastToken, pos);
      }
      throw error("expected a '(' token, a field check, or an identifier");
    } finally {
      depth--;
    }
  }

  private Operand.Field parseFieldRemainder(String name, int pos) throws ParseException {
    enter();
    try {
      return new Operand.Field(name, parseOptionalFieldArg(), pos);
    } finally {
      depth--;
    }
  }

  /** {@code [arg]} after a field or transformer; null when absent, "" for {@code [""]}. */
  private String parseOptionalFieldArg() throws ParseException {
    if (!lexStr("[")) {
      return null;
    }
    if (!lexQuotedStr() && !lexFieldArgBareStr()) {
      throw error("expected a valid field argument: a quoted string or a bare string");
    }
    String arg = lastToken;
    if (!lexStr("]")) {
      throw error("expected a ']' token");
    }
    return arg;
  }

  private Operand.Transform parseTransformerRemainder(String fn, int pos) throws ParseException {
    enter();
    try {
      lexBlank();
      List<Operand> args = new ArrayList<>();
      do {
        args.add(parseTransformerArg(idx));
        lexBlank();
      } while (lexStr(","));
      lexBlank();
      if (!lexStr(")")) {
        throw error("expected a ')' token closing the transformer");
      }
      return new Operand.Transform(fn, args, parseOptionalFieldArg(), pos);
    } finally {
      depth--;
    }
  }

  private Operand parseTransformerArg(int pos) throws ParseException {
    enter();
    try {
      lexBlank();
      if (lexHexNum() || lexNum()) {
        return new Operand.Value(lastToken, false, pos);
      }
      if (lexQuotedStr()) {
        return new Operand.Value(lastToken, true, pos);
      }
      if (lexStr("(")) {
        return parseTransformerList(pos);
      }
      if (lexTransformerType()) {
        return parseTransformerRemainder(transformerName(), pos);
      }
      if (lexFieldName()) {
        return parseFieldRemainder(lastToken, pos);
      }
      throw error("expected field transformer argument: "
          + "field, transformer, quoted string, number, or transformer list");
    } finally {
      depth--;
    }
  }

  /** After the '(' of a transformer list argument. */
  private Operand.TransformerList parseTransformerList(int pos) throws ParseException {
    List<Operand> items = new ArrayList<>();
    lexBlank();
    if (lexStr(")")) {
      return new Operand.TransformerList(items, pos);
    }
    items.add(parseTransformerListArg(pos));
    lexBlank();
    while (lexStr(",")) {
      lexBlank();
      items.add(parseTransformerListArg(pos));
      lexBlank();
    }
    if (!lexStr(")")) {
      throw error("expected ')'");
    }
    return new Operand.TransformerList(items, pos);
  }

  private Operand parseTransformerListArg(int pos) throws ParseException {
    if (lexFieldName()) {
      return parseFieldRemainder(lastToken, pos);
    }
    if (lexTransformerType()) {
      lexBlank();
      return parseTransformerRemainder(transformerName(), pos);
    }
    if (lexQuotedStr()) {
      return new Operand.Value(lastToken, true, pos);
    }
    if (lexHexNum() || lexNum()) {
      return new Operand.Value(lastToken, false, pos);
    }
    throw error("expected transformer list argument: field, transformer, quoted string, or number");
  }

  private Expr parseCondition(Operand.FieldExpr left, int pos) throws ParseException {
    enter();
    try {
      lexBlank();
      if (lexOperator(UNARY_OPS)) {
        return new Expr.Check(left, lastToken.trim(), null, null, pos);
      }
      lexBlank();
      String op;
      String modifier = null;
      Operand right;
      if (lexOperator(NUM_OPS)) {
        op = lastToken;
        right = parseNumValueOrTransformer();
      } else if (lexOperator(STR_OPS)) {
        op = lastToken;
        // Word operators already consumed their mandatory blank; symbol operators still need one before a
        // modifier.
        boolean hadBlank = Character.isLetter(op.charAt(0)) || lexBlank();
        int savedIdx = idx;
        int savedLine = line;
        int savedCol = col;
        String savedToken = lastToken;
        if (hadBlank && lexOperator(STR_MODIFIERS) && listValueFollows() && !boolKeywordFollows()) {
          modifier = lastToken;
          right = parseListValue();
        } else {
          idx = savedIdx;
          line = savedLine;
          col = savedCol;
          lastToken = savedToken;
          right = parseStrValueOrTransformer(false);
        }
      } else if (lexOperator(LIST_OPS)) {
        op = lastToken;
        right = parseListValueOrTransformer();
      } else {
        throw error("expected a valid check operator: one of " + quoteList(supportedOperators()));
      }
      return new Expr.Check(left, op.trim(), modifier, right, pos);
    } finally {
      depth--;
    }
  }

  private Operand parseNumValueOrTransformer() throws ParseException {
    enter();
    try {
      lexBlank();
      int pos = idx;
      Operand res = tryParseTransformerOrVal();
      if (res != null) {
        return res;
      }
      if (lexHexNum() || lexNum()) {
        return new Operand.Value(lastToken, false, pos);
      }
      throw error("expected a number value or a field with a valid transformer: "
          + quoteList(supportedTransformers(true)));
    } finally {
      depth--;
    }
  }

  private Operand parseStrValueOrTransformer(boolean noTransformer) throws ParseException {
    enter();
    try {
      lexBlank();
      int pos = idx;
      if (!noTransformer) {
        Operand res = tryParseTransformerOrVal();
        if (res != null) {
          return res;
        }
      }
      if (lexQuotedStr() || lexBareStr()) {
        return new Operand.Value(lastToken, lastQuoted, pos);
      }
      if (noTransformer) {
        throw error("expected a string value");
      }
      throw error("expected a string value or a field with a valid transformer: "
          + quoteList(supportedTransformers(true)));
    } finally {
      depth--;
    }
  }

  private Operand.ValueList tryParseListExpr() throws ParseException {
    int pos = idx;
    if (!lexStr("(")) {
      return null;
    }
    List<Operand.Value> values = new ArrayList<>();
    boolean empty = false;
    lexBlank();
    Operand first = null;
    try {
      first = parseStrValueOrTransformer(true);
    } catch (ParseException e) {
      // libs treats any failure on the first element as "the list is empty" and lets the ')' check decide.
      empty = true;
    }
    if (!empty) {
      values.add((Operand.Value) first);
      lexBlank();
      while (lexStr(",")) {
        values.add((Operand.Value) parseStrValueOrTransformer(true));
        lexBlank();
      }
    }
    if (!lexStr(")")) {
      throw error("expected a ')' token");
    }
    return new Operand.ValueList(values, pos);
  }

  private Operand parseListValue() throws ParseException {
    enter();
    try {
      lexBlank();
      int pos = idx;
      Operand.ValueList list = tryParseListExpr();
      if (list != null) {
        return list;
      }
      if (lexIdentifier()) {
        return new Operand.Value(lastToken, false, pos);
      }
      throw error("expected a list or an identifier");
    } finally {
      depth--;
    }
  }

  private Operand parseListValueOrTransformer() throws ParseException {
    enter();
    try {
      lexBlank();
      int pos = idx;
      Operand.ValueList list = tryParseListExpr();
      if (list != null) {
        return list;
      }
      Operand res = tryParseTransformerOrVal();
      if (res != null) {
        return res;
      }
      if (lexIdentifier()) {
        return new Operand.Value(lastToken, false, pos);
      }
      throw error("expected a list, an identifier, or a field with a valid transformer: "
          + quoteList(supportedTransformers(true)));
    } finally {
      depth--;
    }
  }

  /** A right-hand-side transformer or {@code val(field)}; null when none follows. */
  private Operand tryParseTransformerOrVal() throws ParseException {
    enter();
    try {
      lexBlank();
      int pos = idx;
      if (lexStr(VAL)) {
        lexBlank();
        int fieldPos = idx;
        if (!lexFieldName()) {
          throw error("expected a field within 'val' transformer");
        }
        Operand.Field field = parseFieldRemainder(lastToken, fieldPos);
        lexBlank();
        if (!lexStr(")")) {
          throw error("expected a ')' token closing the transformer");
        }
        String arg = parseOptionalFieldArg();
        // libs accepts an argument after val(...); keep it so the compiler can reject it with a clear error.
        return arg == null
            ? new Operand.ValField(field, pos)
            : new Operand.Transform("val", List.of(field), arg, pos);
      }
      if (lexTransformerType()) {
        lexBlank();
        return parseTransformerRemainder(transformerName(), pos);
      }
      return null;
    } finally {
      depth--;
    }
  }

  // ---------------------------------------------------------------- lexer

  private char cursor() {
    return idx < input.length() ? input.charAt(idx) : '\0';
  }

  private void advance() {
    char c = input.charAt(idx);
    col++;
    if (c == '\r' || c == '\n') {
      col = 1;
      line++;
    }
    idx++;
  }

  private void advance(int n) {
    for (int i = 0; i < n; i++) {
      advance();
    }
  }

  private void consume(int end, boolean quoted) {
    lastToken = input.substring(idx, end);
    lastQuoted = quoted;
    advance(end - idx);
  }

  /** Blanks are space, tab, backspace, CR and LF; does not touch the last token. */
  private boolean lexBlank() {
    boolean found = false;
    while (idx < input.length()) {
      char c = input.charAt(idx);
      if (c != ' ' && c != '\t' && c != '\b' && c != '\r' && c != '\n') {
        break;
      }
      found = true;
      advance();
    }
    return found;
  }

  private boolean lexStr(String s) {
    if (input.startsWith(s, idx)) {
      consume(idx + s.length(), false);
      return true;
    }
    return false;
  }

  private boolean lexStrList(String[] list) {
    for (String s : list) {
      if (lexStr(s)) {
        return true;
      }
    }
    return false;
  }

  /** Operators ending with a blank in the table match only when a blank follows; the blank is consumed. */
  private boolean lexOperator(String[] ops) {
    for (String op : ops) {
      if (op.charAt(op.length() - 1) != ' ') {
        if (lexStr(op)) {
          return true;
        }
        continue;
      }
      int savedIdx = idx;
      int savedLine = line;
      int savedCol = col;
      String savedToken = lastToken;
      if (lexStr(op.trim())) {
        if (lexBlank()) {
          return true;
        }
        idx = savedIdx;
        line = savedLine;
        col = savedCol;
        lastToken = savedToken;
      }
    }
    return false;
  }

  private boolean lexTransformerType() {
    return lexStrList(TRANSFORMERS);
  }

  private String transformerName() {
    return lastToken.substring(0, lastToken.length() - 1);
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentChar(char c) {
    return isAlpha(c) || isDigit(c) || c == '_';
  }

  /** POSIX {@code [[:space:]]}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private int scanIdentifier(int from) {
    if (from >= input.length() || !isAlpha(input.charAt(from))) {
      return -1;
    }
    int i = from + 1;
    while (i < input.length() && isIdentChar(input.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code [a-zA-Z]+[a-zA-Z0-9_]*}. */
  private boolean lexIdentifier() {
    int end = scanIdentifier(idx);
    if (end < 0) {
      return false;
    }
    consume(end, false);
    return true;
  }

  /** {@code [a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+}. */
  private boolean lexFieldName() {
    int end = scanIdentifier(idx);
    if (end < 0) {
      return false;
    }
    int segments = 0;
    while (end < input.length() && input.charAt(end) == '.') {
      int next = scanIdentifier(end + 1);
      if (next < 0) {
        break;
      }
      end = next;
      segments++;
    }
    if (segments == 0) {
      return false;
    }
    consume(end, false);
    return true;
  }

  /** {@code [^][\"'[:space:]]+}. */
  private boolean lexFieldArgBareStr() {
    int i = idx;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '[' || c == ']' || c == '"' || c == '\'' || isSpace(c)) {
        break;
      }
      i++;
    }
    if (i == idx) {
      return false;
    }
    consume(i, false);
    return true;
  }

  /** {@code [^()\"'[:space:]=,]+}. */
  private boolean lexBareStr() {
    int i = idx;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || isSpace(c)) {
        break;
      }
      i++;
    }
    if (i == idx) {
      return false;
    }
    consume(i, false);
    return true;
  }

  /** {@code 0[xX][0-9a-fA-F]+}. */
  private boolean lexHexNum() {
    if (idx + 2 < input.length() && input.charAt(idx) == '0'
        && (input.charAt(idx + 1) == 'x' || input.charAt(idx + 1) == 'X')) {
      int i = idx + 2;
      while (i < input.length() && Character.digit(input.charAt(i), 16) >= 0 && input.charAt(i) < 128) {
        i++;
      }
      if (i > idx + 2) {
        consume(i, false);
        return true;
      }
    }
    return false;
  }

  /** {@code [+\-]?[0-9]+[\.]?[0-9]*([eE][+\-][0-9]+)?}. */
  private boolean lexNum() {
    int i = idx;
    int n = input.length();
    if (i < n && (input.charAt(i) == '+' || input.charAt(i) == '-')) {
      i++;
    }
    int digits = i;
    while (i < n && isDigit(input.charAt(i))) {
      i++;
    }
    if (i == digits) {
      return false;
    }
    if (i < n && input.charAt(i) == '.') {
      i++;
    }
    while (i < n && isDigit(input.charAt(i))) {
      i++;
    }
    if (i + 2 < n && (input.charAt(i) == 'e' || input.charAt(i) == 'E')
        && (input.charAt(i + 1) == '+' || input.charAt(i + 1) == '-') && isDigit(input.charAt(i + 2))) {
      i += 3;
      while (i < n && isDigit(input.charAt(i))) {
        i++;
      }
    }
    consume(i, false);
    return true;
  }

  /**
   * A single- or double-quoted string; the closing quote is the first one not preceded by a backslash. The
   * token is the unescaped content.
   */
  private boolean lexQuotedStr() throws ParseException {
    char delimiter = cursor();
    if (delimiter != '\'' && delimiter != '"') {
      return false;
    }
    char prev = '\\';
    for (int i = idx; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == delimiter && prev != '\\') {
        String raw = input.substring(idx, i + 1);
        advance(i + 1 - idx);
        try {
          lastToken = Escaping.unescape(raw);
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage());
        }
        lastQuoted = true;
        return true;
      }
      prev = c;
    }
    return false;
  }

  /** {@code not[[:space:]]+}. */
  private boolean lexNotBlank() {
    if (!input.startsWith("not", idx)) {
      return false;
    }
    int i = idx + 3;
    while (i < input.length() && isSpace(input.charAt(i))) {
      i++;
    }
    if (i == idx + 3) {
      return false;
    }
    consume(i, false);
    return true;
  }

  private boolean listValueFollows() {
    if (cursor() == '(') {
      return true;
    }
    return scanIdentifier(idx) >= 0;
  }

  private boolean boolKeywordFollows() {
    for (String kw : new String[] {"and", "or", "not"}) {
      if (input.startsWith(kw, idx)) {
        int after = idx + kw.length();
        if (after == input.length() || !isAlpha(input.charAt(after)) && !isDigit(input.charAt(after))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String quoteList(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (String v : values) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(v).append('\'');
    }
    return sb.toString();
  }

  private ParseException error(String message) {
    return new ParseException(message, idx, line, col);
  }
}
