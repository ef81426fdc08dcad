package kemal.internal.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import kemal.HttpException;
import kemal.internal.http.ResponseHeaders;
import kemal.internal.params.MalformedEncodingException;
import kemal.internal.params.PercentDecoder;

/**
 * Parses a {@code multipart/form-data} body as it streams in: ordinary fields into memory (each
 * bounded), files into temporary files. Every temporary file is reported to {@code onTempFile}
 * before a byte is written, so the caller can delete it whatever happens next.
 */
public final class FormDataParser {
    /** More parts than this in one body is an attack, not a form. */
    static final int MAX_PARTS = 1000;

    /** A parsed part that carried a file. */
    public record FilePart(String name, String filename, Path tempfile, long size, ResponseHeaders headers) {}

    /** What a body held. */
    public record Result(LinkedHashMap<String, List<String>> fields, List<FilePart> files) {}

    /** Receives each temporary file as soon as it exists. */
    public interface TempFiles {
        void created(Path file);
    }

    private final long maxFieldSize;
    private final Path tempDir;
    private final TempFiles tempFiles;

    /**
     * @param maxFieldSize the largest value of a non-file field, in bytes (larger: 413)
     * @param tempDir where uploaded files are stored while the request lasts
     */
    public FormDataParser(long maxFieldSize, Path tempDir, TempFiles tempFiles) {
        this.maxFieldSize = maxFieldSize;
        this.tempDir = tempDir;
        this.tempFiles = tempFiles;
    }

    /** The boundary parameter of a multipart Content-Type, or null when there is none. */
    public static String boundary(String contentType) {
        String value;
        try {
            value = parameter(contentType, "boundary");
        } catch (MultipartException malformed) {
            return null;
        }
        if (value == null || value.isEmpty() || value.length() > 70) return null;
        return value;
    }

    /**
     * Reads the whole body.
     *
     * @throws HttpException 400 for a malformed body, 413 for a field over the limit
     * @throws UncheckedIOException when an upload cannot be stored (a server error, not the client's)
     */
    public Result parse(InputStream body, String boundary) {
        MultipartReader reader = new MultipartReader(body, boundary);
        LinkedHashMap<String, List<String>> fields = new LinkedHashMap<>();
        List<FilePart> files = new ArrayList<>();
        try {
            List<String> headerLines;
            int parts = 0;
            while ((headerLines = reader.nextPart()) != null) {
                if (++parts > MAX_PARTS) throw new MultipartException("too many parts in the multipart body");
                ResponseHeaders headers = headers(headerLines);
                String disposition = headers.get("Content-Disposition");
                if (disposition == null || !disposition.trim().toLowerCase(Locale.ROOT).startsWith("form-data")) {
                    throw new MultipartException("a multipart part has no 'Content-Disposition: form-data' header");
                }
                String name = parameter(disposition, "name");
                if (name == null) throw new MultipartException("a multipart part has no name");
                String filename = filename(disposition);
                if (filename == null) {
                    fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(readField(reader, name));
                } else {
                    files.add(readFile(reader, name, filename, headers));
                }
            }
        } catch (MultipartException e) {
            throw new HttpException(400, "Bad Request: " + e.getMessage(), e);
        } catch (IOException e) {
            // Reading the body fails as a MultipartException: this is the server's own disk.
            throw new UncheckedIOException("Cannot store an upload in " + tempDir, e);
        }
        return new Result(fields, files);
    }

    private String readField(MultipartReader reader, String name) {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = reader.read(chunk, 0, chunk.length)) >= 0) {
            if (value.size() + (long) n > maxFieldSize) {
                throw new HttpException(413, "Payload Too Large: multipart field '" + name
                        + "' is over " + maxFieldSize + " bytes");
            }
            value.write(chunk, 0, n);
        }
        return value.toString(StandardCharsets.UTF_8);
    }

    private FilePart readFile(MultipartReader reader, String name, String filename, ResponseHeaders headers)
            throws IOException {
        Path file = Files.createTempFile(tempDir, "kemal-upload-", ".part");
        tempFiles.created(file);
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[16 * 1024];
            int n;
            while ((n = reader.read(chunk, 0, chunk.length)) >= 0) {
                out.write(chunk, 0, n);
                size += n;
            }
        }
        return new FilePart(name, filename, file, size, headers);
    }

    private static ResponseHeaders headers(List<String> lines) {
        ResponseHeaders headers = new ResponseHeaders();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new MultipartException("malformed multipart part header");
            try {
                headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new MultipartException("malformed multipart part header");
            }
        }
        return headers;
    }

    /** The part's file name (RFC 7578 §4.2, with RFC 5987 {@code filename*}), without directories. */
    private static String filename(String disposition) {
        String encoded = parameter(disposition, "filename*");
        String name = null;
        if (encoded != null) {
            int quote = encoded.indexOf("''");
            if (quote > 0 && encoded.substring(0, quote).equalsIgnoreCase("utf-8")) {
                try {
                    name = PercentDecoder.decodePathSegment(encoded.substring(quote + 2));
                } catch (MalformedEncodingException e) {
                    throw new MultipartException("a multipart file name is badly encoded");
                }
            }
        }
        if (name == null) name = parameter(disposition, "filename");
        if (name == null) return null;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    /** A parameter of a header value such as {@code form-data; name="a"; filename="b.txt"}. */
    static String parameter(String header, String wanted) {
        if (header == null) return null;
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++;
            while (i < header.length() && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) i++;
            int eq = header.indexOf('=', i);
            if (eq < 0) return null;
            String key = header.substring(i, eq).trim();
            int valueStart = eq + 1;
            String value;
            int next;
            if (valueStart < header.length() && header.charAt(valueStart) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = valueStart + 1;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    // A backslash escapes only a quote or a backslash: browsers send Windows paths
                    // (C:\fakepath\a.png) unescaped, and those backslashes are part of the name.
                    char following = j + 1 < header.length() ? header.charAt(j + 1) : 0;
                    if (c == '\\' && (following == '"' || following == '\\')) c = header.charAt(++j);
                    sb.append(c);
                    j++;
                }
                if (j >= header.length()) throw new MultipartException("unterminated quoted string in a multipart header");
                value = sb.toString();
                next = header.indexOf(';', j);
            } else {
                next = header.indexOf(';', valueStart);
                value = header.substring(valueStart, next < 0 ? header.length() : next).trim();
            }
            if (key.equalsIgnoreCase(wanted)) return value;
            i = next;
        }
        return null;
    }
}
