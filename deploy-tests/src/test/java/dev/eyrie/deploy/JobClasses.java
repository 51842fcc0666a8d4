package dev.eyrie.deploy;

import java.nio.file.Files;

/** Whether a main class named in a deployment exists in flink-jobs' sources. */
final class JobClasses {
    private JobClasses() {}

    static boolean exists(String fqcn) {
        return Files.isRegularFile(RepoPaths.root().resolve("flink-jobs/src/main/java")
                .resolve(fqcn.replace('.', '/') + ".java"));
    }
}
