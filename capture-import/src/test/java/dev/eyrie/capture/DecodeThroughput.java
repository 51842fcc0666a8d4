package dev.eyrie.capture;

import java.nio.file.Path;

/** Manual benchmark (not a test): decodes a capture repeatedly and prints events/s. Args: capture path, loops. */
public final class DecodeThroughput {
    public static void main(String[] args) throws Exception {
        Path p = Path.of(args[0]);
        int loops = Integer.parseInt(args[1]);
        long events = 0, eyrie = 0;
        long t0 = 0;
        for (int i = 0; i < loops; i++) {
            if (i == loops / 5) { t0 = System.nanoTime(); events = 0; eyrie = 0; }
            try (CaptureReader r = CaptureReader.open(p)) {
                CaptureReader.Step s;
                while ((s = r.nextStep()) != null) {
                    events++;
                    if (s.event() != null) eyrie++;
                }
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d raw events (%d Eyrie events) in %.2fs: %.0f events/s%n", events, eyrie, sec, events / sec);
    }
}
