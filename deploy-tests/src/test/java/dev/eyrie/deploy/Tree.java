package dev.eyrie.deploy;

import java.util.List;
import java.util.Map;

/** Dotted-path access into parsed YAML/JSON trees, failing with the path that was missing. */
final class Tree {
    private Tree() {}

    static Object get(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(part)) {
                    return null;
                }
                cur = m.get(part);
            } else if (cur instanceof List<?> l && part.matches("\\d+")) {
                int i = Integer.parseInt(part);
                if (i >= l.size()) {
                    return null;
                }
                cur = l.get(i);
            } else {
                return null;
            }
        }
        return cur;
    }

    static Object need(Object root, String path) {
        Object v = get(root, path);
        if (v == null) {
            throw new AssertionError("missing '" + path + "'");
        }
        return v;
    }

    static String str(Object root, String path) {
        Object v = get(root, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String path) {
        Object v = need(root, path);
        if (!(v instanceof Map<?, ?>)) {
            throw new AssertionError("'" + path + "' is not a mapping: " + v);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String path) {
        Object v = need(root, path);
        if (!(v instanceof List<?>)) {
            throw new AssertionError("'" + path + "' is not a list: " + v);
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object root, String path) {
        return (List<Map<String, Object>>) (List<?>) list(root, path);
    }
}
