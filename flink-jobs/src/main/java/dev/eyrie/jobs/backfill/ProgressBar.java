package dev.eyrie.jobs.backfill;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Events scanned of events planned, with rate and ETA, on stderr: redrawn in place on a terminal, a line every
 * 10 s otherwise (logs, CI).
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private volatile long planned;
  private long lastLine;

  ProgressBar(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  void planned(long records) {
    planned = records;
  }

  synchronized void update(long scanned) {
    long now = System.nanoTime();
    if (!terminal && now - lastLine < 10_000_000_000L) {
      return;
    }
    lastLine = now;
    double secs = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = scanned / secs;
    long total = Math.max(planned, scanned);
    double frac = total == 0 ? 1 : (double) scanned / total;
    int filled = (int) Math.round(frac * WIDTH);
    String eta = rate <= 0 || scanned >= total ? "0s" : duration((total - scanned) / rate);
    String line = String.format(Locale.ROOT, "[%s%s] %3.0f%% %s/%s events  %s ev/s  ETA %s",
        "#".repeat(filled), ".".repeat(WIDTH - filled), frac * 100, count(scanned), count(total), count((long) rate),
        eta);
    if (terminal) {
      err.print("\r" + line + "   ");
    } else {
      err.println(line);
    }
    err.flush();
  }

  synchronized void done() {
    if (terminal) {
      err.println();
    }
  }

  static String count(long n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    if (n >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    return Long.toString(n);
  }

  static String duration(double secs) {
    long s = Math.round(secs);
    return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
  }
}
