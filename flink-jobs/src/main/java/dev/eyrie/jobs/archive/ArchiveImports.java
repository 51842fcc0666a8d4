package dev.eyrie.jobs.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.iceberg.Table;

/**
 * What was imported into the archive, so a capture is never imported twice. An import is identified by the
 * SHA-256 of the input file's bytes, not its name: capture events' ids derive from the file name (boot id), so
 * the same capture under another name would otherwise be archived again under new ids. (A gzipped copy has other
 * bytes and is not recognised.) The record is a table property {@value #PREFIX}{@code <sha256>}, set in the same
 * commit as the import's files; table properties survive snapshot expiry, so the guard holds after retention.
 */
public final class ArchiveImports {
  public static final String PREFIX = "eyrie.import.";

  private ArchiveImports() {}

  /** The property key for {@code input}'s content. */
  public static String key(Path input) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(input), sha)) {
      in.transferTo(OutputStreamSink.INSTANCE);
    }
    return PREFIX + HexFormat.of().formatHex(sha.digest());
  }

  /** The record of an earlier import with this key, or null. */
  public static String previous(Table table, String key) {
    table.refresh();
    return table.properties().get(key);
  }

  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
