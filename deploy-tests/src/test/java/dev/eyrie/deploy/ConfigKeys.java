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
 * The EYRIE_* environment variables a module reads. Convention (deploy/config-keys.md): each name appears whole
 * inside a string literal in the module's src/main/java - {@code System.getenv("EYRIE_X")}, a constant, or a picocli
 * default {@code "${env:EYRIE_X}"} - so scanning the sources finds the keys the code can read, with no dependency on
 * the modules' jars (or their build order). Names built by concatenation are invisible here, hence the convention.
 */
final class ConfigKeys {
    /** A Java string literal (text blocks are not used for key names). */
    private static final Pattern STRING = Pattern.compile("\"((?:\\\\.|[^\"\\\\\\n])*)\"");
    /** A char literal such as '"', removed first so it cannot open a phantom string. */
    private static final Pattern CHAR = Pattern.compile("'(?:\\\\.|[^'\\\\\\n])'");
    /** A key inside a literal: "EYRIE_X", or picocli's "${env:EYRIE_X:-default}" / "${EYRIE_X}". */
    private static final Pattern KEY = Pattern.compile("(?<![A-Z0-9_])(EYRIE_[A-Z0-9_]*[A-Z0-9])(?![A-Z0-9_])");

    private ConfigKeys() {}

    /** Keys read by {@code module} (a directory under the project root, e.g. "flink-jobs"). */
    /**
     * The CLI embeds the collector and the jobs (its `rules publish` reads settings through the jobs' ConfigLoader),
     * so a CLI container may set their keys too.
     */
    private static final java.util.Map<String, java.util.List<String>> EMBEDS =
            java.util.Map.of("cli", java.util.List.of("flink-jobs", "edge-collector"));

    static Set<String> of(String module) {
        Set<String> keys = ofSources(module);
        for (String embedded : EMBEDS.getOrDefault(module, java.util.List.of())) {
            keys.addAll(ofSources(embedded));
        }
        return keys;
    }

    private static Set<String> ofSources(String module) {
        Path src = RepoPaths.root().resolve(module).resolve("src/main/java");
        Set<String> keys = new TreeSet<>();
        if (!Files.isDirectory(src)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String code = CHAR.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll("' '");
                Matcher literal = STRING.matcher(code);
                while (literal.find()) {
                    Matcher key = KEY.matcher(literal.group(1));
                    while (key.find()) {
                        keys.add(key.group(1));
                    }
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
