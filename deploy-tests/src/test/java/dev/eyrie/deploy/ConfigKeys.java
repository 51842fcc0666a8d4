package dev.eyrie.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The EYRIE_* environment variables a module reads. Convention (deploy/config-keys.md): each name appears as one
 * complete string literal in the module's src/main/java, so scanning the sources finds exactly the keys the code
 * can read - no dependency on the modules' jars (or their build order) is needed.
 */
final class ConfigKeys {
    private static final Pattern LITERAL = Pattern.compile("\"(EYRIE_[A-Z0-9_]+)\"");

    private ConfigKeys() {}

    /** Keys read by {@code module} (a directory under the project root, e.g. "flink-jobs"). */
    static Set<String> of(String module) {
        Path src = RepoPaths.root().resolve(module).resolve("src/main/java");
        Set<String> keys = new TreeSet<>();
        if (!Files.isDirectory(src)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scanning " + src + " for EYRIE_* keys", e);
        }
        return keys;
    }

    /** Fails naming every env var of {@code where} that {@code module} does not read. */
    static void assertReadBy(String module, Iterable<String> envNames, String where) {
        Set<String> known = of(module);
        Set<String> unknown = new TreeSet<>();
        for (String name : envNames) {
            if (name.startsWith("EYRIE_") && !known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new AssertionError(where + " sets " + unknown + " but " + module + "/src/main/java has no such key"
                    + " literal (keys it reads: " + known + "); see deploy/config-keys.md");
        }
    }
}
