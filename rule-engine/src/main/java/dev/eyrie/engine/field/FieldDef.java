package dev.eyrie.engine.field;

import dev.eyrie.engine.compile.CompileException;

/**
 * One field of the registry: its declared type, argument rules and the resolver that binds an argument to an
 * {@link Accessor} at compile time.
 */
public final class FieldDef {
  /** Whether the field takes a {@code [arg]} (or, for dotted fields, a {@code .arg} suffix). */
  public enum ArgKind {
    NONE,
    OPTIONAL,
    REQUIRED
  }

  /** Binds an argument (null when none was given) to an accessor named {@code display}. */
  @FunctionalInterface
  public interface Resolver {
    Accessor resolve(String arg, String display) throws CompileException;
  }

  private final String name;
  private final FieldType type;
  private final ArgKind argKind;
  private final boolean dotted;
  private final boolean filterOnly;
  private final boolean rhsAllowed;
  private final boolean transformerAllowed;
  private final Resolver resolver;

  FieldDef(String name, FieldType type, ArgKind argKind, boolean dotted, boolean filterOnly,
      boolean rhsAllowed, boolean transformerAllowed, Resolver resolver) {
    this.name = name;
    this.type = type;
    this.argKind = argKind;
    this.dotted = dotted;
    this.filterOnly = filterOnly;
    this.rhsAllowed = rhsAllowed;
    this.transformerAllowed = transformerAllowed;
    this.resolver = resolver;
  }

  public String name() {
    return name;
  }

  public FieldType type() {
    return type;
  }

  public ArgKind argKind() {
    return argKind;
  }

  /** Accepts its argument as a dotted suffix too: {@code evt.arg.flags}, {@code k8s.pod.label.app}. */
  public boolean dotted() {
    return dotted;
  }

  /** libsinsp EPF_FILTER_ONLY: usable in conditions, not in outputs (fd.ip, fd.net, fd.port, fd.proto). */
  public boolean filterOnly() {
    return filterOnly;
  }

  /** May appear as {@code val(field)} or be compared against one (libsinsp EPF_NO_RHS unset). */
  public boolean rhsAllowed() {
    return rhsAllowed;
  }

  public boolean transformerAllowed() {
    return transformerAllowed;
  }

  /** Binds the argument; the accessor's name is {@code display}. */
  public Accessor bind(String arg, String display, int pos) throws CompileException {
    if (arg == null && argKind == ArgKind.REQUIRED) {
      throw new CompileException("filter error: field '" + name + "' requires an argument", pos);
    }
    if (arg != null && argKind == ArgKind.NONE) {
      throw new CompileException("filter error: field '" + name + "' does not accept an argument", pos);
    }
    return resolver.resolve(arg, display);
  }
}
