package kemal;

import java.nio.file.Path;

/**
 * A file uploaded in a {@code multipart/form-data} body, already streamed to a temporary file.
 * The temporary file is deleted when the request ends: copy or move it to keep it.
 *
 * <pre>{@code
 * UploadedFile image = env.params().files().get("image");
 * Files.copy(image.tempfile(), uploads.resolve(image.filename()));
 * }</pre>
 */
public final class UploadedFile {
    private final String name;
    private final String filename;
    private final Path tempfile;
    private final long size;
    private final Headers headers;

    UploadedFile(String name, String filename, Path tempfile, long size, Headers headers) {
        this.name = name;
        this.filename = filename;
        this.tempfile = tempfile;
        this.size = size;
        this.headers = headers;
    }

    /** The form field the file came in. */
    public String name() {
        return name;
    }

    /**
     * The file name the client sent, without any directory part (whatever precedes the last
     * {@code /} or {@code \} is dropped), so it cannot point outside a folder it is joined to.
     * May be empty.
     */
    public String filename() {
        return filename;
    }

    /** Where the content was stored for this request. */
    public Path tempfile() {
        return tempfile;
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** The part's own headers (Content-Disposition, Content-Type, ...). */
    public Headers headers() {
        return headers;
    }

    /** The part's Content-Type, or {@code null}. */
    public String contentType() {
        return headers.get("Content-Type");
    }

    @Override
    public String toString() {
        return "UploadedFile[" + name + ": " + filename + ", " + size + " bytes]";
    }
}
