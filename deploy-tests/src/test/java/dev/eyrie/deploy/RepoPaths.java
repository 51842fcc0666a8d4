package dev.eyrie.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project root: the files under test live outside this module. */
final class RepoPaths {
    private RepoPaths() {}

    static Path root() {
        String configured = System.getProperty("eyrie.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("helm/eyrie"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Eyrie project root (docker-compose.yml + helm/eyrie) from "
                + start + "; set -Deyrie.root");
    }

    static Path compose() {
        return root().resolve("docker-compose.yml");
    }

    static Path chart() {
        return root().resolve("helm/eyrie");
    }
}
