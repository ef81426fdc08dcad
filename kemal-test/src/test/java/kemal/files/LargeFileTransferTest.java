package kemal.files;

import static kemal.Kemal.sendFile;
import static kemal.files.Fixtures.sha256;
import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import kemal.App;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big files over real connections: exact bytes (SHA-256), never held in memory while they are
 * sent (zero-copy file regions over plain TCP, chunks over TLS), and a download that is slow
 * but progressing is not mistaken for an idle client.
 */
class LargeFileTransferTest {
    private static final int BIG = 50 * 1024 * 1024;
    /** Far below the file's size: what the whole file in memory would add. */
    private static final long MEMORY_SLACK = 20 * 1024 * 1024;

    @TempDir
    static Path root;
    static Path pub;
    static String bigSha;

    @BeforeAll
    static void bigFile() throws IOException {
        pub = root.resolve("public");
        Files.createDirectories(pub);
        // Written in slices, so the test itself never holds the 50 MB.
        MessageDigest digest = Fixtures.sha256();
        SplittableRandom random = new SplittableRandom(50);
        byte[] slice = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(pub.resolve("big.bin"))) {
            for (int written = 0; written < BIG; written += slice.length) {
                Fixtures.fillRandom(random, slice, slice.length);
                digest.update(slice);
                out.write(slice);
            }
        }
        bigSha = HexFormat.of().formatHex(digest.digest());
    }

    private static App app() {
        App app = Fixtures.app(pub);
        app.get("/send", env -> sendFile(env, pub.resolve("big.bin")));
        return app;
    }

    @Test
    void fiftyMegabytesOverAPlainSocketAreExactAndNeverInMemory() throws IOException {
        try (TestClient client = TestClient.overSocket(app())) {
            for (String target : new String[] {"/big.bin", "/send"}) {
                try (Socket socket = Raw.connect(client.port())) {
                    download(socket, target);
                }
            }
        }
    }

    @Test
    void fiftyMegabytesOverTlsAreExactAndNeverInMemory() throws Exception {
        App app = app();
        Path[] pem = Tls.selfSignedCertificate(root);
        app.config().ssl(true).sslCertificateFile(pem[0].toString()).sslKeyFile(pem[1].toString());
        try (TestClient client = TestClient.overSocket(app)) {
            for (String target : new String[] {"/big.bin", "/send"}) {
                try (SSLSocket socket = Tls.connect(client.port())) {
                    download(socket, target);
                }
            }
        }
    }

    /**
     * GETs {@code target} on {@code socket}, stops reading after 10 MB to weigh the heap and the
     * buffers while the server is blocked on a full socket, then reads the rest and checks it.
     */
    private static void download(Socket socket, String target) throws IOException {
        long before = Fixtures.memoryInUse();
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = Raw.readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200 ");
        assertThat(Raw.headerOf(head, "Content-Length")).isEqualTo(String.valueOf(BIG));
        assertThat(Raw.headerOf(head, "Transfer-Encoding")).isNull();
        MessageDigest digest = Fixtures.sha256();
        byte[] buffer = new byte[64 * 1024];
        long total = readInto(in, digest, buffer, 10 * 1024 * 1024);
        Fixtures.sleep(200); // let the server fill the socket buffers and block
        long during = Fixtures.memoryInUse();
        assertThat(during - before).as("memory grown while sending %s (%d MB file)", target, BIG >> 20)
                .isLessThan(MEMORY_SLACK);
        total += readInto(in, digest, buffer, Long.MAX_VALUE);
        assertThat(total).isEqualTo(BIG);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(bigSha);
    }

    private static long readInto(InputStream in, MessageDigest digest, byte[] buffer, long limit) throws IOException {
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) break;
            digest.update(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Test
    void aSlowDownloadIsNotCutByTheTimeouts() throws IOException {
        App app = app();
        app.config().idleTimeout(Duration.ofSeconds(1)).writeTimeout(Duration.ofSeconds(1));
        int expected = 12 * 1024 * 1024;
        try (TestClient client = TestClient.overSocket(app); Socket socket = Raw.connect(client.port())) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.getOutputStream().write(("GET /big.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-" + (expected - 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(Raw.readHead(in)).startsWith("HTTP/1.1 206 ");
            // About 4 s in all, several times the idle timeout, but never a second without reading.
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            long nextPause = 256 * 1024;
            while (total < expected) {
                int n = in.read(buffer);
                if (n < 0) break;
                total += n;
                if (total >= nextPause) {
                    nextPause += 256 * 1024;
                    Fixtures.sleep(80);
                }
            }
            assertThat(total).isEqualTo(expected);
        }
    }

    @Test
    void aGracefulStopLetsADownloadInProgressFinish() throws Exception {
        App app = app();
        try (TestClient client = TestClient.overSocket(app); Socket socket = Raw.connect(client.port())) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(Raw.readHead(in)).startsWith("HTTP/1.1 200 ");
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            long total = readInto(in, digest, buffer, 1024 * 1024);
            // The handler has long returned: only the file's bytes are still on their way.
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
            total += readInto(in, digest, buffer, BIG - total);

            assertThat(total).isEqualTo(BIG);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(bigSha);
            stopping.get(10, TimeUnit.SECONDS);
            assertThat(in.read()).as("closed once the file is out").isEqualTo(-1);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws IOException {
        App app = app();
        app.config().writeTimeout(Duration.ofMillis(500));
        try (TestClient client = TestClient.overSocket(app)) {
            try (Socket socket = Raw.connect(client.port())) {
                socket.setReceiveBufferSize(64 * 1024);
                assertThat(bytesReceivedAfterStalling(socket)).isLessThan(BIG);
            }
            // The server is still fine for everyone else.
            TestResponse response = client.get("/big.bin", java.util.Map.of("Range", "bytes=0-9"));
            assertThat(response.status()).isEqualTo(206);
        }
    }

    @Test
    void aTlsClientThatStopsReadingIsClosedAfterTheWriteTimeout() throws Exception {
        App app = app();
        Path[] pem = Tls.selfSignedCertificate(root);
        app.config().ssl(true).sslCertificateFile(pem[0].toString()).sslKeyFile(pem[1].toString())
                .writeTimeout(Duration.ofMillis(500));
        try (TestClient client = TestClient.overSocket(app); SSLSocket socket = Tls.connect(client.port())) {
            assertThat(bytesReceivedAfterStalling(socket)).isLessThan(BIG);
        }
    }

    /**
     * Asks for the big file, reads its head, then reads nothing for 2.5 s (past the write
     * timeout), then counts what still arrives until the server closes the connection.
     */
    private static long bytesReceivedAfterStalling(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        Raw.readHead(in);
        Fixtures.sleep(2500); // reads nothing: the server must give up
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) total += n;
        } catch (IOException reset) {
            // closed by the server: what matters is that the file did not arrive
        }
        return total;
    }

    @Test
    void pipelinedFileResponsesComeBackInOrderOnOneConnection() throws IOException {
        write(pub.resolve("one.txt"), "first file");
        write(pub.resolve("two.bin"), Fixtures.randomBytes(200_000, 2));
        try (TestClient client = TestClient.overSocket(app())) {
            String requests = "GET /one.txt HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /two.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9,100-109\r\n\r\n"
                    + "GET /two.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /one.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            byte[] raw = Raw.exchange(client.port(), requests.getBytes(StandardCharsets.US_ASCII));
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int first = text.indexOf("HTTP/1.1 200");
            int second = text.indexOf("HTTP/1.1 206", first + 1);
            int third = text.indexOf("HTTP/1.1 200", second + 1);
            int fourth = text.indexOf("HTTP/1.1 200", third + 1);
            assertThat(first).isZero();
            assertThat(second).isPositive();
            assertThat(third).isGreaterThan(second);
            assertThat(fourth).isGreaterThan(third);
            assertThat(text.substring(first, second)).endsWith("\r\n\r\nfirst file");
            byte[] thirdBody = java.util.Arrays.copyOfRange(raw, text.indexOf("\r\n\r\n", third) + 4, fourth);
            assertThat(thirdBody).isEqualTo(Fixtures.randomBytes(200_000, 2));
            assertThat(text.substring(fourth)).endsWith("\r\n\r\nfirst file");
        }
    }

    @Test
    void anHttp10ClientGetsTheFileWithALength() throws IOException {
        write(pub.resolve("old.bin"), Fixtures.randomBytes(300_000, 4));
        try (TestClient client = TestClient.overSocket(app())) {
            byte[] raw = Raw.exchange(client.port(), "GET /old.bin HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Raw.Response response = Raw.parse(raw, false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("300000");
            assertThat(response.body()).isEqualTo(Fixtures.randomBytes(300_000, 4));
        }
    }

    @Test
    void aFileChangedAfterItsLengthWasSentEndsTheConnectionRatherThanSendingGarbage() throws IOException {
        Path file = write(pub.resolve("shrinking.bin"), Fixtures.randomBytes(2_000_000, 5));
        App app = Fixtures.app(pub);
        app.config().staticHeaders((response, path, info) -> {
            if (path.endsWith("shrinking.bin")) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(1000); // shorter than the Content-Length about to be sent
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try (TestClient client = TestClient.overSocket(app)) {
            byte[] raw = Raw.exchange(client.port(),
                    "GET /shrinking.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(Raw.headerOf(text, "Content-Length")).isEqualTo("2000000");
            assertThat(raw.length - text.indexOf("\r\n\r\n") - 4).isLessThan(2_000_000);
            // The server is still serving.
            assertThat(client.get("/one-more.txt").status()).isEqualTo(404);
        }
    }

    // ---- in-process ------------------------------------------------------------------------------

    @Test
    void inProcessAFileIsCopiedInChunksExactly() {
        byte[] content = Fixtures.randomBytes(250_000, 6);
        write(pub.resolve("medium.bin"), content);
        try (TestClient client = TestClient.inProcess(app())) {
            TestResponse response = client.get("/medium.bin");
            assertThat(response.header("Content-Length")).isEqualTo("250000");
            assertThat(sha256(response.bodyBytes())).isEqualTo(sha256(content));
        }
    }

    @Test
    void inProcessAMultiMegabyteFileArrivesWhole() {
        byte[] content = Fixtures.randomBytes(3_000_000, 8);
        write(pub.resolve("three-megabytes.bin"), content);
        try (TestClient client = TestClient.inProcess(app())) {
            for (int i = 0; i < 5; i++) {
                assertThat(sha256(client.get("/three-megabytes.bin").bodyBytes())).isEqualTo(sha256(content));
            }
        }
    }

    /** A self-signed certificate made with openssl, and a client that trusts anything. */
    static final class Tls {
        private Tls() {}

        /** {@code [certificate.pem, key.pem]} in {@code dir}. */
        static Path[] selfSignedCertificate(Path dir) throws IOException, InterruptedException {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            if (Files.exists(cert) && Files.exists(key)) return new Path[] {cert, key};
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost")
                    .redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
            assertThat(openssl.exitValue()).as("openssl: " + output).isZero();
            return new Path[] {cert, key};
        }

        static SSLSocket connect(int port) throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return socket;
        }
    }
}
