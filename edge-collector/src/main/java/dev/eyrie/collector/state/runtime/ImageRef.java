package dev.eyrie.collector.state.runtime;

/**
 * An image reference split the way container.image.repository / .tag / .digest expose it:
 * {@code [registry[:port]/]path[:tag][@digest]}. The tag is only what follows the last ':' after the last '/', so a
 * registry port is never taken for a tag.
 */
public record ImageRef(String repository, String tag, String digest) {

  public static ImageRef parse(String ref) {
    if (ref == null || ref.isEmpty()) {
      return new ImageRef(null, null, null);
    }
    String rest = ref;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag == null && digest == null) {
      tag = "latest"; // what every runtime pulls for an untagged reference
    }
    return new ImageRef(rest, tag, digest);
  }
}
