package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request bodies reach the route intact, whatever their framing, size or pace. */
class RequestBodyTest extends EngineTestBase {

    @BeforeEach
    void routes() {
        app.post("/echo", env -> env.request().bodyBytes());
        app.post("/text", env -> env.request().body());
        app.post("/crc", env -> {
            // Reads slowly at first, so the body piles up and reading must pause and resume.
            InputStream in = env.request().bodyStream();
            CRC32 crc = new CRC32();
            byte[] buf = new byte[16 * 1024];
            long n = 0;
            int r;
            while ((r = in.read(buf)) != -1) {
                crc.update(buf, 0, r);
                n += r;
                if (n < 1024 * 1024 && "slow".equals(env.params().query("reader"))) Thread.sleep(1);
            }
            return n + " " + Long.toHexString(crc.getValue());
        });
        app.post("/ignore", env -> "ignored");
        app.get("/", env -> "root");
    }

    private static byte[] allByteValues(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte) (i * 31 + i / 256);
        return data;
    }

    private static String crcOf(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return data.length + " " + Long.toHexString(crc.getValue());
    }

    @Test
    void aContentLengthBodyArrivesIntact() throws IOException {
        byte[] data = allByteValues(70_000);
        try (RawClient client = connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + data.length + "\r\n\r\n");
            client.send(data);
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(data);
        }
    }

    @Test
    void aChunkedBodyWithExtensionsAndTrailersArrivesIntact() throws IOException {
        try (RawClient client = connect()) {
            client.send("POST /text HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n"
                    + "1;a=1;b=\"quoted;value\"\r\n \r\n"
                    + "5\r\nworld\r\n"
                    + "0;last=yes\r\nX-Checksum: 123\r\nX-Other: 4\r\n\r\n"
                    + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello world");
            assertThat(response.header("Connection")).isEqualTo("keep-alive");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void chunkSizesInUpperAndLowerCaseHex() throws IOException {
        String body = "x".repeat(0xAB) + "y".repeat(0x1f);
        try (RawClient client = connect()) {
            client.send("POST /text HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "AB\r\n" + "x".repeat(0xAB) + "\r\n"
                    + "001f\r\n" + "y".repeat(0x1f) + "\r\n0\r\n\r\n");
            assertThat(client.read().text()).isEqualTo(body);
        }
    }

    @Test
    void aBodySplitIntoTinyWritesArrivesIntact() throws Exception {
        String body = "the quick brown fox jumps over the lazy dog";
        try (RawClient client = connect()) {
            client.send("POST /text HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length() + "\r\n\r\n");
            for (char c : body.toCharArray()) {
                client.send(String.valueOf(c));
                Thread.sleep(2);
            }
            assertThat(client.read().text()).isEqualTo(body);
        }
    }

    @Test
    void aFiveMegabyteBodyStreamedSlowlyInPiecesArrivesIntact() throws Exception {
        byte[] data = allByteValues(5 * 1024 * 1024);
        try (RawClient client = connect()) {
            client.send("POST /crc HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + data.length + "\r\n\r\n");
            OutputStream out = client.socket().getOutputStream();
            int piece = 64 * 1024;
            for (int off = 0; off < data.length; off += piece) {
                out.write(data, off, Math.min(piece, data.length - off));
                out.flush();
                if ((off / piece) % 8 == 0) Thread.sleep(5);
            }
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(crcOf(data));
        }
    }

    @Test
    void aFiveMegabyteChunkedBodyToASlowReaderArrivesIntact() throws Exception {
        // The client writes as fast as it can, the route reads slowly: flow control must hold the
        // client back without losing or reordering a byte.
        byte[] data = allByteValues(5 * 1024 * 1024);
        try (RawClient client = connect()) {
            client.send("POST /crc?reader=slow HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = client.socket().getOutputStream();
                    int piece = 100_000;
                    for (int off = 0; off < data.length; off += piece) {
                        int n = Math.min(piece, data.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes());
                        out.write(data, off, n);
                        out.write("\r\n".getBytes());
                    }
                    out.write("0\r\n\r\n".getBytes());
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            RawResponse response = client.read();
            writer.join();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo(crcOf(data));
        }
    }

    @Test
    void aSmallUnreadBodyDoesNotDisturbTheNextPipelinedRequest() throws IOException {
        try (RawClient client = connect()) {
            client.send(post("/ignore", "a body nobody reads " + "z".repeat(1000)) + get("/") + get("/"));
            RawResponse first = client.read();
            assertThat(first.text()).isEqualTo("ignored");
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            assertThat(client.read().text()).isEqualTo("root");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aSmallUnreadChunkedBodyIsNeverMisreadAsARequest() throws IOException {
        try (RawClient client = connect()) {
            // The chunk data looks like a request: it must never be answered as one.
            client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(get("/").length()) + "\r\n" + get("/") + "\r\n0\r\n\r\n" + get("/?n=2"));
            RawResponse first = client.read();
            assertThat(first.text()).isEqualTo("ignored");
            // The route may answer before the last chunk is decoded. A body of unknown length that
            // is not complete yet cannot be skipped safely, so then the connection closes instead.
            if ("keep-alive".equals(first.header("Connection"))) {
                assertThat(client.read().text()).isEqualTo("root");
                client.assertOpenAndQuiet(100);
            } else {
                assertThat(first.header("Connection")).isEqualTo("close");
                client.assertClosed();
            }
        }
    }

    @Test
    void aSmallUnreadBodyStillArrivingIsSkipped() throws Exception {
        try (RawClient client = connect()) {
            client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20000\r\n\r\n" + "a".repeat(5000));
            RawResponse first = client.read();
            assertThat(first.text()).isEqualTo("ignored");
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            // The rest of the body, then the next request: the server must skip exactly the body.
            client.send("b".repeat(15000) + get("/"));
            RawResponse second = client.read();
            assertThat(second.text()).isEqualTo("root");
        }
    }

    @Test
    void anUnreadLargeBodyClosesTheConnectionInsteadOfMisreadingIt() throws Exception {
        int size = 1024 * 1024;
        try (RawClient client = connect()) {
            // The body looks like requests: if the server ever parsed it, it would answer them.
            String fakeRequests = get("/").repeat(size / get("/").length() + 1).substring(0, size);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + size + "\r\n\r\n"
                            + fakeRequests + get("/"));
                } catch (IOException closedByServer) {
                    // Expected once the server has closed.
                }
            });
            RawResponse response = client.read();
            assertThat(response.text()).isEqualTo("ignored");
            assertThat(response.header("Connection")).isEqualTo("close");
            client.assertClosed();
            writer.join();
        }
    }

    @Test
    void anUnreadChunkedBodyStillArrivingClosesTheConnection() throws Exception {
        try (RawClient client = connect()) {
            client.send("POST /ignore HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            RawResponse response = client.read();
            assertThat(response.text()).isEqualTo("ignored");
            // Its length is unknown, so it cannot be skipped safely.
            assertThat(response.header("Connection")).isEqualTo("close");
            client.send("0\r\n\r\n" + get("/"));
            client.assertClosed();
        }
    }

    @Test
    void aBodyReadTwiceFromTheRequestIsTheSame() throws IOException {
        app.post("/twice", env -> env.request().body() + "|" + env.request().body());
        try (RawClient client = connect()) {
            client.send(post("/twice", "abc"));
            assertThat(client.read().text()).isEqualTo("abc|abc");
        }
    }

    @Test
    void anEmptyBodyWithContentLengthZero() throws IOException {
        try (RawClient client = connect()) {
            client.send(post("/text", "") + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).isEqualTo("0");
            assertThat(client.read().text()).isEqualTo("root");
        }
    }

    @Test
    void aBodyIsDecodedWithTheDeclaredCharset() throws IOException {
        byte[] latin1 = "caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RawClient client = connect()) {
            client.send("POST /text HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n"
                    + "Content-Length: " + latin1.length + "\r\n\r\n");
            client.send(latin1);
            assertThat(client.read().text()).isEqualTo("caf\u00e9");
        }
    }
}
