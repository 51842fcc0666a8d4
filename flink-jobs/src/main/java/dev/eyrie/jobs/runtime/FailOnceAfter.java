package dev.eyrie.jobs.runtime;

import dev.eyrie.jobs.config.FaultSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.flink.api.common.functions.MapFunction;

/**
 * Test-only fault injection (see {@link FaultSettings}): passes elements through and, after N of them on a
 * subtask, throws once per marker file. Only in the graph when a test enables it.
 */
public final class FailOnceAfter<T> implements MapFunction<T, T> {
  private static final long serialVersionUID = 1L;
  private final long after;
  private final String marker;
  private transient long seen;

  public FailOnceAfter(FaultSettings fault) {
    this.after = fault.failOnceAfterEvents();
    this.marker = fault.markerFile();
  }

  @Override
  public T map(T value) {
    if (++seen == after) {
      try {
        Files.createFile(Path.of(marker));
      } catch (FileAlreadyExistsException e) {
        return value;
      } catch (IOException e) {
        throw new UncheckedIOException("fault injection marker " + marker, e);
      }
      throw new InjectedFailure("injected failure after " + after + " events (fault.fail-once-after-events)");
    }
    return value;
  }

  public static final class InjectedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFailure(String message) {
      super(message);
    }
  }
}
