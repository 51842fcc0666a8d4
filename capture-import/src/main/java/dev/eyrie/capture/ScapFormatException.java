package dev.eyrie.capture;

import java.io.IOException;

/** A capture file that does not follow the scap format; the message names the file and byte offset. */
public final class ScapFormatException extends IOException {
    private final String file;
    private final long offset;

    public ScapFormatException(String file, long offset, String what) {
        super(file + ":" + offset + ": " + what);
        this.file = file;
        this.offset = offset;
    }

    public String file() { return file; }

    /** Offset (in the uncompressed stream) of the block that could not be read. */
    public long offset() { return offset; }
}
