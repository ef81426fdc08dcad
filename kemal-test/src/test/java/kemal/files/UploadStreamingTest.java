package kemal.files;

import static kemal.files.Fixtures.assertNoUploadLeft;
import static kemal.files.Fixtures.randomBytes;
import static kemal.files.Fixtures.sha256;
import static kemal.files.Fixtures.uploadTempFiles;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import kemal.App;
import kemal.UploadedFile;
import kemal.test.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads over real sockets: a 20 MB body streamed to disk as it arrives (never whole in
 * memory), and curl's {@code -F} uploads of several megabytes checked byte for byte.
 */
class UploadStreamingTest {
    @TempDir
    Path dir;
    Set<Path> tempBefore;

    @BeforeEach
    void snapshot() {
        tempBefore = uploadTempFiles();
    }

    /** Reports every upload as {@code field filename size sha256 content-type}, one per line. */
    private static App app() {
        App app = Fixtures.app();
        app.config().maxRequestBodySize(64L << 20);
        app.post("/upload", env -> {
            StringBuilder out = new StringBuilder();
            for (String name : env.params().files().names()) {
                for (UploadedFile file : env.params().files().all(name)) {
                    out.append(name).append(' ').append(file.filename()).append(' ').append(file.size()).append(' ')
                            .append(sha256(file.tempfile())).append(' ').append(file.contentType()).append('\n');
                }
            }
            return out.append("fields=").append(env.params().body().toMap()).toString();
        });
        return app;
    }

    @Test
    void twentyMegabytesStreamToATemporaryFileAsTheyArrive() throws IOException {
        int size = 20 << 20;
        String partHead = "--BOUNDARY\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n";
        String closing = "\r\n--BOUNDARY--\r\n";
        long length = partHead.length() + (long) size + closing.length();
        try (TestClient client = TestClient.overSocket(app()); Socket socket = Raw.connect(client.port())) {
            long before = Fixtures.memoryInUse();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=BOUNDARY\r\n"
                    + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n" + partHead)
                    .getBytes(StandardCharsets.US_ASCII));
            MessageDigest digest = Fixtures.sha256();
            SplittableRandom random = new SplittableRandom(20);
            byte[] chunk = new byte[64 * 1024];
            int sent = 0;
            while (sent < size) {
                Fixtures.fillRandom(random, chunk, chunk.length);
                digest.update(chunk);
                out.write(chunk);
                sent += chunk.length;
                if (sent == 16 << 20) {
                    out.flush();
                    // Most of it is on disk already, while the request is still coming in...
                    Path partial = awaitNewUploadOfAtLeast(12 << 20);
                    assertThat(Files.exists(partial)).isTrue();
                    // ...and not in the server's memory.
                    long during = Fixtures.memoryInUse();
                    assertThat(during - before).as("memory grown after 16 MB of a 20 MB upload").isLessThan(10 << 20);
                }
            }
            out.write(closing.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            Raw.Response response = Raw.parse(in.readAllBytes(), false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).startsWith("image big.bin " + size + " " + HexFormat.of().formatHex(digest.digest())
                    + " application/octet-stream\n");
        }
        assertNoUploadLeft(tempBefore);
    }

    private Path awaitNewUploadOfAtLeast(long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (Path file : uploadTempFiles()) {
                try {
                    if (!tempBefore.contains(file) && Files.size(file) >= bytes) return file;
                } catch (IOException gone) {
                    // deleted meanwhile
                }
            }
            Fixtures.sleep(20);
        }
        throw new AssertionError("No upload temp file reached " + bytes + " bytes while the upload was under way");
    }

    // ---- curl ------------------------------------------------------------------------------------

    @Test
    void curlUploadsAFiveMegabyteImage() throws Exception {
        byte[] image = randomBytes(5 << 20, 5);
        Path file = write(dir.resolve("photo.png"), image);
        try (TestClient client = TestClient.overSocket(app())) {
            String out = curl(client.port(), "-F", "image=@" + file, "-F", "title=Holiday photo");
            assertThat(out).isEqualTo("image photo.png " + image.length + " " + sha256(image) + " image/png\n"
                    + "fields={title=[Holiday photo]}");
        }
        assertNoUploadLeft(tempBefore);
    }

    @Test
    void curlUploadsSeveralFilesUnderImagesBrackets() throws Exception {
        byte[] a = randomBytes(2 << 20, 6);
        byte[] b = randomBytes(3 << 20, 7);
        Path fileA = write(dir.resolve("a.jpg"), a);
        Path fileB = write(dir.resolve("b.gif"), b);
        try (TestClient client = TestClient.overSocket(app())) {
            String out = curl(client.port(), "-F", "images[]=@" + fileA, "-F", "images[]=@" + fileB);
            assertThat(out).isEqualTo("images[] a.jpg " + a.length + " " + sha256(a) + " image/jpeg\n"
                    + "images[] b.gif " + b.length + " " + sha256(b) + " image/gif\n" + "fields={}");
        }
        assertNoUploadLeft(tempBefore);
    }

    @Test
    void curlWithAnExplicitTypeAndFileName() throws Exception {
        byte[] data = randomBytes(1_500_000, 8);
        Path file = write(dir.resolve("data.raw"), data);
        try (TestClient client = TestClient.overSocket(app())) {
            String out = curl(client.port(), "-F", "doc=@" + file + ";type=application/x-custom;filename=renamed.bin");
            assertThat(out).isEqualTo("doc renamed.bin " + data.length + " " + sha256(data) + " application/x-custom\n"
                    + "fields={}");
        }
        assertNoUploadLeft(tempBefore);
    }

    @Test
    void curlOverTheBodyLimitGets413() throws Exception {
        App app = app();
        app.config().maxRequestBodySize(1L << 20);
        Path file = write(dir.resolve("big.png"), randomBytes(3 << 20, 9));
        try (TestClient client = TestClient.overSocket(app)) {
            String status = curl(client.port(), "-o", "/dev/null", "-w", "%{http_code}", "-F", "image=@" + file);
            assertThat(status).isEqualTo("413");
        }
        assertNoUploadLeft(tempBefore);
    }

    /** Runs curl against {@code /upload} and returns what it printed; fails on a curl error. */
    private static String curl(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "60"));
        command.addAll(List.of(args));
        command.add("http://127.0.0.1:" + port + "/upload");
        Process curl = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] stdout = curl.getInputStream().readAllBytes();
        String stderr = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(90, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(curl.exitValue()).as("curl exit status; stderr: " + stderr).isZero();
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
