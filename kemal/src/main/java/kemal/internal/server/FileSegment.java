package kemal.internal.server;

import java.nio.file.Path;

/** A slice of a file to send as part of a response body, without reading it into memory. */
public record FileSegment(Path file, long position, long count) {}
