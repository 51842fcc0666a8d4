package dev.eyrie.collector.out;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands out the per-host, per-boot sequence numbers. A restarted collector on the same boot must not reuse
 * numbers (event ids would collide), so numbers are reserved in blocks persisted in {@code seq.state}; a restart
 * continues after the last reserved block (the skipped rest shows up as a gap, which is honest: the collector was
 * not running).
 */
public final class SeqStore {
  private static final long BLOCK = 1_000_000;
  private final Path file;
  private final String bootId;
  private long next;
  private long reservedUpTo;

  public SeqStore(Path stateDir, String bootId) {
    this.file = stateDir.resolve("seq.state");
    this.bootId = bootId;
    long start = 1;
    try {
      Files.createDirectories(stateDir);
      if (Files.exists(file)) {
        String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
        if (f.length == 2 && f[0].equals(bootId)) {
          start = Long.parseLong(f[1]) + 1;
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read sequence state " + file + ": " + e, e);
    }
    next = start;
    reservedUpTo = start - 1;
  }

  public long next() {
    if (next > reservedUpTo) {
      reserve(next + BLOCK - 1);
    }
    return next++;
  }

  private void reserve(long upTo) {
    Path tmp = file.resolveSibling("seq.state.tmp");
    try {
      Files.writeString(tmp, bootId + " " + upTo + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot persist sequence state " + file, e);
    }
    reservedUpTo = upTo;
  }
}
