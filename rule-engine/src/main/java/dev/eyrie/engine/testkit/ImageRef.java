package dev.eyrie.engine.testkit;

/** Splits an image reference "registry/repo:tag@digest" into repository and tag, as container runtimes do. */
record ImageRef(String repository, String tag) {
  static ImageRef parse(String image) {
    String ref = image;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash) {
      return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
    }
    return new ImageRef(ref, at >= 0 ? null : "latest");
  }
}
