package kemal.files;

import static kemal.files.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import kemal.App;
import kemal.StaticOptions;
import kemal.test.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests that try to leave the public folder, sent as raw bytes over a real socket (HTTP client
 * libraries normalise such paths before sending them). Every answer is a 4xx or a redirect that
 * does not lead to a secret, and no response ever carries a secret's bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathTraversalTest {
    private static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();
    private static final String HIDDEN = "HIDDEN-SECRET-" + UUID.randomUUID();

    @TempDir
    static Path root;
    Path pub;
    TestClient client;

    @BeforeAll
    void layout() throws IOException {
        pub = root.resolve("public");
        write(root.resolve("secret.txt"), SECRET);
        write(root.resolve("private/secret.txt"), SECRET);
        write(root.resolve("public-other/secret.txt"), SECRET); // shares the prefix "public"
        write(pub.resolve("index.html"), "<h1>home</h1>");
        write(pub.resolve("sub/file.txt"), "sub file");
        write(pub.resolve("real.txt"), "real file");
        write(pub.resolve(".env"), HIDDEN);
        write(pub.resolve(".git/config"), HIDDEN);
        write(pub.resolve("sub/.secret"), HIDDEN);
        write(pub.resolve(".well-known/x"), "well known");
        // Links leading out of the folder...
        Files.createSymbolicLink(pub.resolve("leak.txt"), root.resolve("secret.txt"));
        Files.createSymbolicLink(pub.resolve("outside"), root.resolve("private"));
        Files.createSymbolicLink(pub.resolve("sub/up"), root);
        Files.createSymbolicLink(pub.resolve("relative-leak.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(pub.resolve("dangling.txt"), root.resolve("nothing-here.txt"));
        // ...and links that stay inside, which keep working.
        Files.createSymbolicLink(pub.resolve("inside-link.txt"), pub.resolve("real.txt"));
        Files.createSymbolicLink(pub.resolve("relative-inside.txt"), Path.of("sub/file.txt"));
        Files.createSymbolicLink(pub.resolve("subdir-link"), pub.resolve("sub"));
        App app = Fixtures.app(pub);
        app.config().serveStatic(new StaticOptions().dirListing(true));
        app.get("/fallback", env -> "route");
        client = TestClient.overSocket(app);
    }

    @AfterAll
    void stop() {
        client.close();
    }

    static List<String> attacks() {
        return List.of(
                "/../secret.txt",
                "/../../secret.txt",
                "/../../../../../../../../etc/passwd",
                "/sub/../../secret.txt",
                "/sub/../../../secret.txt",
                "/./../secret.txt",
                "/%2e%2e/secret.txt",
                "/%2E%2E/secret.txt",
                "/%2e%2E/secret.txt",
                "/.%2e/secret.txt",
                "/%2e./secret.txt",
                "/sub/%2e%2e/%2e%2e/secret.txt",
                "/..%2fsecret.txt",
                "/..%2Fsecret.txt",
                "/%2e%2e%2fsecret.txt",
                "/%2E%2E%2Fsecret.txt",
                "/sub%2f..%2f..%2fsecret.txt",
                "/sub/..%2f..%2fsecret.txt",
                "/..%5csecret.txt",
                "/..%5Csecret.txt",
                "/%2e%2e%5csecret.txt",
                "/sub%5c..%5c..%5csecret.txt",
                "/..\\secret.txt",
                "/sub\\..\\..\\secret.txt",
                "/%252e%252e/secret.txt",
                "/%252e%252e%252fsecret.txt",
                "/..%252fsecret.txt",
                "/%25252e%25252e/secret.txt",
                "/%c0%ae%c0%ae/secret.txt",
                "/..%c0%afsecret.txt",
                "/%e0%80%ae%e0%80%ae/secret.txt",
                "/%u002e%u002e/secret.txt",
                "/..%00/secret.txt",
                "/secret.txt%00",
                "/sub/file.txt%00.html",
                "/%00",
                "/.%00./secret.txt",
                "/..;/secret.txt",
                "/sub/..;/..;/secret.txt",
                "//../secret.txt",
                "/..//secret.txt",
                "/.//..//secret.txt",
                "/.well-known/../../secret.txt",
                "/.well-known/%2e%2e/%2e%2e/secret.txt",
                "/leak.txt",
                "/relative-leak.txt",
                "/outside/secret.txt",
                "/outside/",
                "/outside",
                "/sub/up/secret.txt",
                "/sub/up/private/secret.txt",
                "/sub/up/",
                "/dangling.txt",
                "/../public-other/secret.txt",
                "/%2e%2e/public-other/secret.txt",
                "/.env",
                "/%2eenv",
                "/%2Eenv",
                "/.git/config",
                "/.git%2fconfig",
                "/%2egit/config",
                "/sub/.secret",
                "/sub/%2esecret",
                "/sub/../.env",
                "/.env%00",
                "/secret.txt",
                "http://127.0.0.1/../secret.txt",
                "http://127.0.0.1/%2e%2e/secret.txt",
                "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/....//....//secret.txt",
                "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                "/..%255c..%255csecret.txt",
                "/%ef%bc%8e%ef%bc%8e/secret.txt",
                "/sub/file.txt/../../secret.txt");
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertThat(attacks()).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAttackPathGetsA4xxOrAHarmlessRedirect(String target) {
        for (String method : List.of("GET", "HEAD")) {
            byte[] raw = send(method, target);
            assertNoSecret(raw, method + " " + target);
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            if (text.isEmpty()) continue; // the server closed without answering: nothing leaked
            Raw.Response response = Raw.parse(raw, method.equals("HEAD"));
            int status = response.status();
            if (status >= 300 && status < 400) {
                String location = response.header("Location");
                assertThat(location).as(target).isNotNull().startsWith("/").doesNotStartWith("//");
                byte[] followed = send("GET", location);
                assertNoSecret(followed, "GET " + location + " (redirected from " + target + ")");
                assertThat(Raw.parse(followed, false).status()).as(location).isIn(400, 404);
            } else {
                assertThat(status).as(method + " " + target + " -> " + response.statusLine()).isIn(400, 404);
            }
        }
    }

    @Test
    void theSecretsBytesNeverAppearInAnyResponse() {
        List<String> leaks = new ArrayList<>();
        for (String target : attacks()) {
            for (String variant : List.of(target, target + "?x=1", target + "#frag")) {
                byte[] raw = send("GET", variant);
                String text = new String(raw, StandardCharsets.ISO_8859_1);
                if (text.contains(SECRET) || text.contains(HIDDEN)) leaks.add(variant);
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void linksThatStayInsideAndWellKnownAreServed() {
        assertThat(Raw.get(client.port(), "/inside-link.txt").text()).isEqualTo("real file");
        assertThat(Raw.get(client.port(), "/relative-inside.txt").text()).isEqualTo("sub file");
        assertThat(Raw.get(client.port(), "/subdir-link/file.txt").text()).isEqualTo("sub file");
        assertThat(Raw.get(client.port(), "/.well-known/x").text()).isEqualTo("well known");
        assertThat(Raw.get(client.port(), "/sub/file.txt").text()).isEqualTo("sub file");
        assertThat(Raw.get(client.port(), "/fallback").text()).isEqualTo("route");
    }

    @Test
    void theListingShowsNoHiddenEntryAndNothingOutside() {
        Raw.Response listing = Raw.get(client.port(), "/");
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.text()).doesNotContain(".env").doesNotContain(".git").doesNotContain(SECRET);
        // Only what would be served is listed: not the links leading outside.
        assertThat(listing.text()).contains("inside-link.txt").contains("subdir-link").contains("real.txt")
                .doesNotContain("leak.txt").doesNotContain("outside").doesNotContain("dangling.txt");
        assertThat(Raw.get(client.port(), "/sub/").text()).contains("file.txt").doesNotContain("up");
        Raw.Response outside = Raw.get(client.port(), "/outside/");
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.text()).doesNotContain("secret.txt");
        Raw.Response up = Raw.get(client.port(), "/sub/up/");
        assertThat(up.status()).isEqualTo(404);
        assertThat(up.text()).doesNotContain("private").doesNotContain("public-other");
    }

    @Test
    void aNulByteIsABadRequest() {
        Raw.Response response = Raw.get(client.port(), "/index.html%00");
        assertThat(response.status()).isEqualTo(400);
        assertThat(Raw.get(client.port(), "/%00/../secret.txt").status()).isEqualTo(400);
    }

    @Test
    void dotSegmentsAreABadRequestWhateverTheirEncoding() {
        for (String target : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/sub/%2E%2e/index.html", "/./index.html",
                "/%2e/index.html")) {
            assertThat(Raw.get(client.port(), target).status()).as(target).isEqualTo(400);
        }
    }

    private byte[] send(String method, String target) {
        String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        return Raw.exchange(client.port(), request.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoSecret(byte[] raw, String what) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(text).as(what).doesNotContain(SECRET).doesNotContain(HIDDEN);
    }
}
