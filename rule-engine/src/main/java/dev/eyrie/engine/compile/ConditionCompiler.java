package dev.eyrie.engine.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.eyrie.engine.ast.Expr;
import dev.eyrie.engine.ast.Operand;
import dev.eyrie.engine.field.Accessor;
import dev.eyrie.engine.field.BytesAccessor;
import dev.eyrie.engine.field.Cidr;
import dev.eyrie.engine.field.EventTypeTable;
import dev.eyrie.engine.field.FieldDef;
import dev.eyrie.engine.field.FieldRegistry;
import dev.eyrie.engine.field.FieldType;
import dev.eyrie.engine.field.IpAccessor;
import dev.eyrie.engine.field.LongAccessor;
import dev.eyrie.engine.field.MultiAccessor;
import dev.eyrie.engine.field.StrAccessor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles a macro-free condition AST into a {@link Filter} tree. All name lookups, type checks and value
 * parsing happen here; evaluation only calls resolved accessors and pre-built matchers. Thread-safe.
 */
public final class ConditionCompiler {
  private static final Set<String> OPS = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains",
      "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex", "pmatch", "in",
      "intersects", "exists");
  /** Operators that accept oneof/anyof/allof (falco rule_loader_cmpop.h). */
  private static final Set<String> MOD_OPS = Set.of("=", "==", "!=", "contains", "icontains", "bcontains",
      "startswith", "bstartswith", "endswith", "glob", "iglob", "regex");
  private static final Set<String> MODS = Set.of("oneof", "anyof", "allof");

  private final FieldRegistry registry;
  private final Transformers transformers;
  /** Shared, per-event cached nodes by canonical condition text (identical macro expansions and checks). */
  private final java.util.Map<String, Filter> shared = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, List<CompileWarning>> sharedWarnings =
      new java.util.concurrent.ConcurrentHashMap<>();

  public ConditionCompiler() {
    this(FieldRegistry.syscall());
  }

  public ConditionCompiler(FieldRegistry registry) {
    this.registry = registry;
    this.transformers = new Transformers(registry);
  }

  public CompiledCondition compile(Expr e) throws CompileException {
    List<CompileWarning> warnings = new ArrayList<>();
    Filter f = node(e, warnings);
    return new CompiledCondition(e, f, EventTypeResolver.resolve(e), warnings);
  }

  private Filter node(Expr e, List<CompileWarning> w) throws CompileException {
    if (e instanceof Expr.And || e instanceof Expr.Or || (e instanceof Expr.Check ck && worthCaching(ck))) {
      String key = e.toString();
      Filter f = shared.get(key);
      if (f != null) {
        w.addAll(sharedWarnings.getOrDefault(key, List.of()));
        return f;
      }
      int before = w.size();
      f = new Cached(uncached(e, w));
      sharedWarnings.put(key, List.copyOf(w.subList(before, w.size())));
      Filter prev = shared.putIfAbsent(key, f);
      return prev != null ? prev : f;
    }
    return uncached(e, w);
  }

  /**
   * Simple equality, prefix and numeric checks cost about as much as a cache probe; set lookups, path, glob,
   * regex and substring searches, transformers and multi-valued fields are worth remembering per event.
   */
  private static boolean worthCaching(Expr.Check ck) {
    if (ck.lhs() instanceof Operand.Transform || ck.modifier() != null) {
      return true;
    }
    return switch (ck.op()) {
      case "in", "intersects", "pmatch", "glob", "iglob", "regex", "contains", "icontains", "endswith" -> true;
      default -> ((Operand.Field) ck.lhs()).arg() == null && ck.lhs() instanceof Operand.Field f
          && (f.name().startsWith("proc.a") || f.name().startsWith("evt.is_open"));
    };
  }

  private Filter uncached(Expr e, List<CompileWarning> w) throws CompileException {
    if (e instanceof Expr.And a) {
      return new Filter.And(children(a.children(), w));
    }
    if (e instanceof Expr.Or o) {
      return new Filter.Or(children(o.children(), w));
    }
    if (e instanceof Expr.Not n) {
      return new Filter.Not(node(n.child(), w));
    }
    if (e instanceof Expr.MacroRef m) {
      throw new CompileException("Undefined macro '" + m.name() + "' used in filter.", m.pos());
    }
    return check((Expr.Check) e, w);
  }

  private Filter[] children(List<Expr> list, List<CompileWarning> w) throws CompileException {
    Filter[] out = new Filter[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(list.get(i), w);
    }
    return out;
  }

  // ---------------------------------------------------------------- checks

  private Filter check(Expr.Check ck, List<CompileWarning> w) throws CompileException {
    String op = ck.op();
    int pos = ck.pos();
    if (!OPS.contains(op)) {
      throw new CompileException("unrecognized filter comparison operator '" + op + "'", pos);
    }
    String mod = ck.modifier();
    if (mod != null) {
      if (!MODS.contains(mod)) {
        throw new CompileException("unrecognized filter comparison modifier '" + mod + "'", pos);
      }
      if (!MOD_OPS.contains(op)) {
        throw new CompileException("operator '" + op + "' does not support modifier '" + mod + "'", pos);
      }
    }
    Accessor lhs = transformers.compile(ck.lhs());
    comparable(op, mod, lhs, pos);
    if (op.equals("exists")) {
      return new Checks.Exists(lhs);
    }
    Operand rhs = ck.rhs();
    if (rhs == null) {
      throw new CompileException("operator '" + op + "' requires a value", pos);
    }
    if (rhs instanceof Operand.ValField || rhs instanceof Operand.FieldExpr) {
      return fieldToField(ck, lhs, rhs);
    }
    List<String> values = values(rhs);
    boolean listOp = op.equals("in") || op.equals("intersects") || op.equals("pmatch");
    if (!listOp && mod == null && rhs instanceof Operand.ValueList) {
      throw new CompileException("operator '" + op + "' requires a single value, not a list", pos);
    }
    if (mod != null && !(rhs instanceof Operand.ValueList)) {
      throw new CompileException("operator '" + op + " " + mod + "' requires a list of values", pos);
    }
    if (ck.lhs() instanceof Operand.Field f && f.name().equals("evt.type") && f.arg() == null) {
      for (String v : values) {
        if (!EventTypeTable.known(v)) {
          throw new CompileException("unknown event type " + v, rhs.pos(), true);
        }
      }
    }
    for (String v : values) {
      warnIfSuspicious(op, v, rhs.pos(), w);
    }
    return build(lhs, op, mod, values, pos);
  }

  /** libsinsp check_value_and_add_warnings: field names or transformers used as strings; trivial regexes. */
  private void warnIfSuspicious(String op, String v, int pos, List<CompileWarning> w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      if (!Character.isWhitespace(v.charAt(i))) {
        sb.append(v.charAt(i));
      }
    }
    String stripped = sb.toString();
    if (op.equals("regex") && regexIsTrivial(v)) {
      w.add(new CompileWarning("regex check with '" + v + "' may be optimized with simpler operators such as "
          + "'=', 'contains', 'startswith', 'endswith'", pos));
    }
    int bracket = stripped.indexOf('[');
    String fieldPart = bracket > 0 ? stripped.substring(0, bracket) : stripped;
    if (fieldPart.indexOf('.') > 0 && registry.has(fieldPart)) {
      w.add(new CompileWarning("'" + v + "' may be a valid field misused as a const string value", pos));
    }
    for (String t : List.of("tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt", "val")) {
      if (stripped.length() >= t.length() + 2 && stripped.startsWith(t) && stripped.charAt(t.length()) == '('
          && stripped.endsWith(")")) {
        w.add(new CompileWarning("'" + v + "' may be a valid field transformer misused as a const string value",
            pos));
      }
    }
  }

  private static boolean regexIsTrivial(String v) {
    String special = ".+*?^$()[]{}|\\";
    int len = v.length();
    for (int i = 0; i < len; i++) {
      char ch = v.charAt(i);
      if ((i == 0 && ch == '^') || (i == len - 1 && ch == '$')) {
        continue;
      }
      if (((i == 0 && len > 1) || i == len - 2) && ch == '.' && i + 1 < len && "+*?".indexOf(v.charAt(i + 1)) >= 0) {
        i++;
        continue;
      }
      if (special.indexOf(ch) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static List<String> values(Operand rhs) {
    List<String> out = new ArrayList<>();
    if (rhs instanceof Operand.Value v) {
      out.add(v.text());
    } else {
      for (Operand.Value v : ((Operand.ValueList) rhs).values()) {
        out.add(v.text());
      }
    }
    return out;
  }

  /** flt_is_comparable: which operators a field type supports. */
  private static void comparable(String op, String mod, Accessor a, int pos) throws CompileException {
    if (op.equals("exists")) {
      return;
    }
    boolean list = a instanceof MultiAccessor m && m.mode() == MultiAccessor.Mode.LIST;
    String shown = mod == null ? op : op + " " + mod;
    if (list) {
      if (!op.equals("in") && !op.equals("intersects")) {
        throw new CompileException("'" + shown + "' operator not supported list filters", pos);
      }
      return;
    }
    boolean ok;
    String family;
    switch (a.type()) {
      case INT64, UINT64, PORT, RELTIME, ABSTIME -> {
        family = "numeric";
        ok = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "in", "intersects").contains(op);
      }
      case BOOL -> {
        family = "numeric";
        ok = Set.of("=", "==", "!=", "in", "intersects").contains(op);
      }
      case IPADDR, IPNET -> {
        family = "ip address and network";
        ok = Set.of("=", "==", "!=", "in", "intersects").contains(op);
      }
      case BYTEBUF -> {
        family = "buffer";
        ok = Set.of("=", "==", "!=", "contains", "in", "startswith", "endswith", "intersects", "bcontains",
            "bstartswith").contains(op);
      }
      default -> {
        family = "string";
        ok = !op.equals("bcontains") && !op.equals("bstartswith");
      }
    }
    if (!ok) {
      throw new CompileException("'" + shown + "' operator not supported for " + family + " filters", pos);
    }
  }

  private Filter build(Accessor lhs, String op, String mod, List<String> values, int pos)
      throws CompileException {
    if (lhs instanceof StrAccessor s) {
      return new Checks.Str(s, strPred(op, mod, values, pos));
    }
    if (lhs instanceof LongAccessor l) {
      return new Checks.Num(l, longPred(l.type(), op, mod, values, pos));
    }
    if (lhs instanceof IpAccessor ip) {
      return new Checks.Ip(ip, ipPred(ip.type(), op, mod, values, pos));
    }
    if (lhs instanceof BytesAccessor b) {
      return new Checks.Bytes(b, bytesPred(op, mod, values));
    }
    MultiAccessor m = (MultiAccessor) lhs;
    boolean all = (m.mode() == MultiAccessor.Mode.LIST && op.equals("in"))
        || (m.mode() == MultiAccessor.Mode.EITHER && op.equals("!="));
    return switch (m.type()) {
      case STRING -> new Checks.MultiStr(m, strPred(op, mod, values, pos), all);
      case IPADDR, IPNET -> new Checks.MultiIp(m, ipPred(m.type(), op, mod, values, pos), all);
      default -> new Checks.MultiNum(m, longPred(m.type(), op, mod, values, pos), all);
    };
  }

  // ---------------------------------------------------------------- predicates per type

  private static StrPred strPred(String op, String mod, List<String> values, int pos) throws CompileException {
    if (mod != null) {
      if (mod.equals("anyof") && (op.equals("=") || op.equals("=="))) {
        return new StrPred.In(new HashSet<>(values));
      }
      StrPred[] each = new StrPred[values.size()];
      for (int i = 0; i < each.length; i++) {
        each[i] = strPred(op, null, List.of(values.get(i)), pos);
      }
      return switch (mod) {
        case "oneof" -> new StrPred.OneOf(each);
        case "anyof" -> new StrPred.AnyOf(each);
        default -> new StrPred.AllOf(each);
      };
    }
    switch (op) {
      case "in", "intersects" -> {
        return new StrPred.In(new HashSet<>(values));
      }
      case "pmatch" -> {
        PathPrefixSet set = new PathPrefixSet();
        for (String v : values) {
          set.add(v);
        }
        return new StrPred.Pmatch(set);
      }
      default -> {
        // single-valued operators below
      }
    }
    String v = values.get(0);
    return switch (op) {
      case "=", "==" -> new StrPred.Eq(v);
      case "!=" -> new StrPred.Ne(v);
      case "<", "<=", ">", ">=" -> new StrPred.Order(v, op);
      case "contains" -> new StrPred.Contains(v);
      case "icontains" -> new StrPred.IContains(v);
      case "startswith" -> new StrPred.StartsWith(v);
      case "endswith" -> new StrPred.EndsWith(v);
      case "glob" -> new StrPred.GlobMatch(Glob.compile(v, false));
      case "iglob" -> new StrPred.GlobMatch(Glob.compile(v, true));
      case "regex" -> new StrPred.Regex(regex(v, pos));
      default -> throw new CompileException("'" + op + "' operator not supported for string filters", pos);
    };
  }

  private static Pattern regex(String v, int pos) throws CompileException {
    try {
      return Pattern.compile(v);
    } catch (PatternSyntaxException e) {
      throw new CompileException("invalid regex pattern: " + e.getMessage(), pos);
    }
  }

  private static boolean unsigned(FieldType t) {
    return t == FieldType.UINT64 || t == FieldType.PORT || t == FieldType.RELTIME || t == FieldType.ABSTIME;
  }

  private static LongPred longPred(FieldType type, String op, String mod, List<String> values, int pos)
      throws CompileException {
    long[] parsed = new long[values.size()];
    for (int i = 0; i < parsed.length; i++) {
      parsed[i] = Values.parseNumeric(type, values.get(i), pos);
    }
    if (op.equals("in") || op.equals("intersects")) {
      return new LongPred.In(parsed);
    }
    int code = LongPred.Cmp.opCode(op);
    if (mod != null) {
      LongPred[] each = new LongPred[parsed.length];
      for (int i = 0; i < each.length; i++) {
        each[i] = new LongPred.Cmp(code, parsed[i], unsigned(type));
      }
      return new LongPred.Mod(each, mod);
    }
    return new LongPred.Cmp(code, parsed[0], unsigned(type));
  }

  private static IpPred ipPred(FieldType type, String op, String mod, List<String> values, int pos)
      throws CompileException {
    IpPred[] each = new IpPred[values.size()];
    for (int i = 0; i < each.length; i++) {
      each[i] = type == FieldType.IPNET
          ? new IpPred.AnyNet(new Cidr[] {Values.parseNet(values.get(i), pos)})
          : new IpPred.AnyAddr(new byte[][] {Values.parseIp(values.get(i), pos)});
    }
    boolean ne = op.equals("!=");
    if (mod != null) {
      IpPred[] ops = new IpPred[each.length];
      for (int i = 0; i < each.length; i++) {
        ops[i] = ne ? new IpPred.Negate(each[i]) : each[i];
      }
      return new IpPred.Mod(ops, mod);
    }
    IpPred any;
    if (type == FieldType.IPNET) {
      Cidr[] nets = new Cidr[values.size()];
      for (int i = 0; i < nets.length; i++) {
        nets[i] = Values.parseNet(values.get(i), pos);
      }
      any = new IpPred.AnyNet(nets);
    } else {
      byte[][] addrs = new byte[values.size()][];
      for (int i = 0; i < addrs.length; i++) {
        addrs[i] = Values.parseIp(values.get(i), pos);
      }
      any = new IpPred.AnyAddr(addrs);
    }
    return ne ? new IpPred.Negate(any) : any;
  }

  private static BytesPred bytesPred(String op, String mod, List<String> values) {
    BytesPred[] each = new BytesPred[values.size()];
    String single = op.equals("in") || op.equals("intersects") ? "=" : op;
    for (int i = 0; i < each.length; i++) {
      each[i] = new BytesPred.Op(single, values.get(i).getBytes(StandardCharsets.UTF_8));
    }
    if (mod != null) {
      return new BytesPred.Mod(each, mod);
    }
    if (each.length == 1) {
      return each[0];
    }
    return new BytesPred.Mod(each, "anyof");
  }

  // ---------------------------------------------------------------- val(field) and transformer right-hand sides

  private Filter fieldToField(Expr.Check ck, Accessor lhs, Operand rhs) throws CompileException {
    String op = ck.op();
    int pos = ck.pos();
    if (ck.modifier() != null) {
      throw new CompileException("modifiers are not supported with right-hand side fields", pos);
    }
    if (op.equals("pmatch") || op.equals("regex")) {
      throw new CompileException("operator '" + op + "' doesn't support right-hand side fields", pos);
    }
    Operand.FieldExpr rf = rhs instanceof Operand.ValField v ? v.field() : (Operand.FieldExpr) rhs;
    if (lhs.type() == FieldType.IPNET) {
      throw new CompileException("field type 'IPNET' doesn't support right-hand side fields", pos);
    }
    rhsSupported(ck.lhs(), "doesn't support right-hand side fields", pos);
    rhsSupported(rf, "can't be used as a right-hand side field", pos);
    Accessor r = transformers.compile(rf);
    boolean lList = lhs instanceof MultiAccessor;
    boolean rList = r instanceof MultiAccessor;
    if (lhs.type() != r.type() || lList != rList) {
      throw new CompileException("field '" + lhs.name() + "' has type '" + lhs.type().falcoName()
          + (lList ? " (list)" : "") + "' while the right-hand side field '" + r.name()
          + "' has incompatible type '" + r.type().falcoName() + (rList ? " (list)" : "") + "'", pos);
    }
    if (lhs instanceof StrAccessor s) {
      return new Checks.StrField(s, r, op);
    }
    if (lhs instanceof LongAccessor l) {
      return new Checks.NumField(l, (LongAccessor) r, op, unsigned(l.type()));
    }
    throw new CompileException("right-hand side fields are not supported for field '" + lhs.name() + "'", pos);
  }

  private void rhsSupported(Operand.FieldExpr fe, String msg, int pos) throws CompileException {
    if (fe instanceof Operand.Field f) {
      FieldDef d = registry.find(f.name());
      if (d != null && !d.rhsAllowed()) {
        throw new CompileException("field '" + f.name() + "' " + msg, pos);
      }
    }
  }
}
