package dev.eyrie.collector.out;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Avro bytes of a sub-record, kept per object instance: the event builder hands out the same instance while a
 * process's lineage, container or pod is unchanged, and processes alternate (a shell and its children), so more
 * than the last instance is remembered. Bounded: cleared when it passes {@code maxEntries}.
 */
final class BlockCache<K> {
  interface Encoding<K> {
    byte[] encode(K value) throws IOException;
  }

  private final Map<K, byte[]> byInstance = new IdentityHashMap<>();
  private final Encoding<K> encoding;
  private final int maxEntries;
  private K last;
  private byte[] lastBytes;

  BlockCache(Encoding<K> encoding, int maxEntries) {
    this.encoding = encoding;
    this.maxEntries = maxEntries;
  }

  byte[] bytes(K value) throws IOException {
    if (value == last) {
      return lastBytes;
    }
    byte[] b = byInstance.get(value);
    if (b == null) {
      if (byInstance.size() > maxEntries) {
        byInstance.clear();
      }
      b = encoding.encode(value);
      byInstance.put(value, b);
    }
    last = value;
    lastBytes = b;
    return b;
  }
}
