package dev.eyrie.engine.load;

import static dev.eyrie.engine.load.LoadException.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/** Falco's {@code decode_val}/{@code decode_seq} family: typed access to item keys with Falco's messages. */
final class Decode {
  private Decode() {}

  private static final LoadCode V = LoadCode.LOAD_ERR_YAML_VALIDATE;

  /** The scalar text of {@code key}, or null when absent (optional) or null/empty (canBeEmpty). */
  static String scalar(Node item, String key, Context ctx, boolean optional, boolean canBeEmpty) {
    Node val = Yaml.get(item, key);
    if (val == null && optional) {
      return null;
    }
    check(val == null, V, "Item has no mapping for key '" + key + "'", ctx);
    if (Yaml.isNull(val) && canBeEmpty) {
      return null;
    }
    check(Yaml.isNull(val), V, "Mapping for key '" + key + "' is empty", ctx);
    Context valCtx = ctx.child(val, ItemType.VALUE_FOR, key);
    check(!Yaml.isScalar(val), V, "Value is not a scalar value", valCtx);
    String s = Yaml.scalar(val);
    if (s.isEmpty() && canBeEmpty) {
      return null;
    }
    check(s.isEmpty(), V, "Value must be non-empty", valCtx);
    return s;
  }

  static String str(Node item, String key, Context ctx) {
    return scalar(item, key, ctx, false, false);
  }

  static String optStr(Node item, String key, Context ctx) {
    return scalar(item, key, ctx, true, false);
  }

  static boolean bool(Node item, String key, Context ctx) {
    return toBool(item, key, str(item, key, ctx), ctx);
  }

  static Boolean optBool(Node item, String key, Context ctx) {
    String s = optStr(item, key, ctx);
    return s == null ? null : toBool(item, key, s, ctx);
  }

  private static boolean toBool(Node item, String key, String s, Context ctx) {
    Boolean b = Yaml.parseBool(s);
    check(b == null, V, "Can't decode YAML scalar value", ctx.child(Yaml.get(item, key), ItemType.VALUE_FOR, key));
    return b;
  }

  static long uint32(Node item, String key, Context ctx) {
    return toUint(item, key, str(item, key, ctx), ctx);
  }

  static Long optUint32(Node item, String key, Context ctx) {
    String s = optStr(item, key, ctx);
    return s == null ? null : toUint(item, key, s, ctx);
  }

  private static long toUint(Node item, String key, String s, Context ctx) {
    long v = Yaml.parseUint32(s);
    check(v < 0, V, "Can't decode YAML scalar value", ctx.child(Yaml.get(item, key), ItemType.VALUE_FOR, key));
    return v;
  }

  /** A sequence of scalars under {@code key}; null when optional and absent. */
  static List<String> seq(Node item, String key, Context ctx, boolean optional) {
    Node val = Yaml.get(item, key);
    if (val == null && optional) {
      return null;
    }
    check(val == null, V, "Item has no mapping for key '" + key + "'", ctx);
    Context valCtx = ctx.child(val, ItemType.VALUE_FOR, key);
    check(!Yaml.isSeq(val), V, "Value is not a sequence", valCtx);
    List<String> out = new ArrayList<>();
    for (Node v : Yaml.items(val)) {
      Context itemCtx = valCtx.child(v, ItemType.LIST_ITEM, "");
      check(!Yaml.isScalar(v), V, "sequence value is not scalar", itemCtx);
      out.add(Yaml.scalar(v));
    }
    return out;
  }

  /** Tags: an optional sequence, decoded into a sorted set (empty when absent). */
  static TreeSet<String> tags(Node item, Context ctx) {
    List<String> t = seq(item, "tags", ctx, true);
    return t == null ? new TreeSet<>() : new TreeSet<>(t);
  }
}
