package kemal.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import kemal.App;
import kemal.Kemal;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;

/** Shared set-up for the file tests: quiet applications, file contents, digests, the temp folder. */
final class Fixtures {
    private Fixtures() {}

    /** A new application without request logging that serves {@code publicFolder}. */
    static App app(Path publicFolder) {
        App app = Kemal.create();
        app.config().logging(false).publicFolder(publicFolder.toString());
        return app;
    }

    /** A new application without request logging and without static files. */
    static App app() {
        App app = Kemal.create();
        app.config().logging(false).serveStatic(false);
        return app;
    }

    static TestClient open(Transport transport, App app) {
        return transport == Transport.SOCKET ? TestClient.overSocket(app) : TestClient.inProcess(app);
    }

    /** {@code size} reproducible pseudo-random (incompressible) bytes. */
    static byte[] randomBytes(int size, long seed) {
        byte[] out = new byte[size];
        fillRandom(new SplittableRandom(seed), out, size);
        return out;
    }

    static void fillRandom(SplittableRandom random, byte[] buffer, int length) {
        for (int i = 0; i < length; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < length; j++) buffer[i + j] = (byte) (v >>> (8 * j));
        }
    }

    /** Compressible text of exactly {@code size} ASCII bytes. */
    static String text(int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        for (int line = 0; sb.length() < size; line++) {
            sb.append("line ").append(line).append(": the quick brown fox jumps over the lazy dog\n");
        }
        return sb.substring(0, size);
    }

    static Path write(Path file, String content) {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the modification time of {@code file} to {@code epochSecond}. */
    static Path touch(Path file, long epochSecond) {
        try {
            return Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String sha256(Path file) {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes the {@code deflate} content coding (a zlib stream, RFC 9110 §8.4.1.2). */
    static byte[] inflate(byte[] bytes) {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Heap in use after a full collection, plus Netty's and NIO's off-heap buffers. */
    static long memoryInUse() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(30);
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider netty) {
            used += netty.metric().usedDirectMemory() + netty.metric().usedHeapMemory();
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            used += Math.max(0, pool.getMemoryUsed());
        }
        return used;
    }

    // ---- uploads' temporary files -----------------------------------------------------------

    static final Path TEMP_DIR = Path.of(System.getProperty("java.io.tmpdir"));

    /** The upload temp files that exist now. */
    static Set<Path> uploadTempFiles() {
        Set<Path> out = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(TEMP_DIR, "kemal-upload-*")) {
            for (Path f : files) out.add(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Asserts that no upload temp file other than those in {@code before} remains, waiting up to
     * 10 s for requests still finishing (a response is sent before its request's clean-up runs).
     */
    static void assertNoUploadLeft(Set<Path> before) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Set<Path> left;
        do {
            left = uploadTempFiles();
            left.removeAll(before);
            if (left.isEmpty()) return;
            sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("upload temp files left behind").isEmpty();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
