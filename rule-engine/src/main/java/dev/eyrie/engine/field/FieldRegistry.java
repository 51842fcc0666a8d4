package dev.eyrie.engine.field;

import dev.eyrie.engine.compile.CompileException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of one event source, by name. Immutable after construction. */
public final class FieldRegistry {
  private static final FieldRegistry SYSCALL = SyscallFields.build();

  private final Map<String, FieldDef> fields;

  FieldRegistry(Map<String, FieldDef> fields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The registry for source {@code syscall}. */
  public static FieldRegistry syscall() {
    return SYSCALL;
  }

  public Collection<FieldDef> all() {
    return fields.values();
  }

  /** Whether {@code fullName} names a field, including dotted-argument forms such as {@code evt.arg.flags}. */
  public boolean has(String fullName) {
    return find(fullName) != null;
  }

  /** The definition for a name (exact, or a dotted-argument field whose name prefixes it); null if none. */
  public FieldDef find(String fullName) {
    FieldDef d = fields.get(fullName);
    if (d != null) {
      return d;
    }
    for (int dot = fullName.lastIndexOf('.'); dot > 0; dot = fullName.lastIndexOf('.', dot - 1)) {
      FieldDef p = fields.get(fullName.substring(0, dot));
      if (p != null && p.dotted()) {
        return p;
      }
    }
    return null;
  }

  /**
   * Binds {@code name[arg]} (arg null when absent) to an accessor.
   *
   * @throws CompileException unknown field (unknownFilter) or a bad argument
   */
  public Accessor resolve(String name, String arg, int pos) throws CompileException {
    FieldDef d = find(name);
    if (d == null) {
      throw new CompileException("filter_check called with nonexistent field " + name, pos, true);
    }
    String display = arg == null ? name : name + "[" + arg + "]";
    if (!d.name().equals(name)) {
      if (arg != null) {
        throw new CompileException("filter error: field '" + name + "' cannot take both a dotted and a "
            + "bracketed argument", pos);
      }
      arg = name.substring(d.name().length() + 1);
      if (arg.isEmpty()) {
        throw new CompileException("filter error: field '" + d.name() + "' requires an argument", pos);
      }
    }
    return d.bind(arg, display, pos);
  }
}
