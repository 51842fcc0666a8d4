package dev.eyrie.engine.output;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The output fields of one match: an immutable, insertion-ordered map over the format's (shared) field names and
 * this match's values — two arrays instead of a LinkedHashMap with a node per field, because a map is built for
 * every match on the hot path. Null values are allowed (Falco's {@code <NA>}).
 */
final class OutputFields extends AbstractMap<String, Object> {
  private final String[] keys;
  private final Object[] values;

  OutputFields(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < keys.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (i >= keys.length) {
              throw new NoSuchElementException();
            }
            int k = i++;
            return new SimpleImmutableEntry<>(keys[k], values[k]);
          }
        };
      }
    };
  }
}
