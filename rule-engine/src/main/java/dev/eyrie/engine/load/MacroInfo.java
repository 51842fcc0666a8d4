package dev.eyrie.engine.load;

/** A collected macro; appends concatenate condition text with a blank. */
final class MacroInfo {
  Context ctx;
  Context condCtx;
  String name;
  String cond;
  int index;
  int visibility;
}
