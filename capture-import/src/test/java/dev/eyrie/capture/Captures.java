package dev.eyrie.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Locates ../shared/captures relative to the project root. */
final class Captures {
    private Captures() {}

    static Path dir() {
        String root = System.getProperty("eyrie.root");
        Path start = root != null && !root.isBlank() ? Paths.get(root) : Paths.get("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("../shared/captures").normalize();
            if (Files.isDirectory(c) && Files.isDirectory(p.resolve("capture-import"))) return c;
        }
        throw new IllegalStateException("cannot find ../shared/captures above " + start);
    }

    static Path capture(String name) { return dir().resolve(name + ".scap"); }

    static Path oracle(String name) { return dir().resolve(name + ".sysdig.txt"); }
}
