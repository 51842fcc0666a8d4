package dev.eyrie.engine.load;

/** Stops loading of the current content: the first error ends a read or a compile, as in Falco. */
final class LoadException extends RuntimeException {
  final LoadCode code;
  final Context context;

  LoadException(LoadCode code, String message, Context context) {
    super(message, null, false, false);
    this.code = code;
    this.context = context;
  }

  static void check(boolean failed, LoadCode code, String message, Context context) {
    if (failed) {
      throw new LoadException(code, message, context);
    }
  }
}
