package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import kemal.App;
import kemal.Cookie;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;

/** The guide's response examples (status, headers, content type), cookies and default headers (reference §3.5, §3.6). */
class ResponseTest extends ApiTest {

    @Override
    void routes(App app) {
        app.get("/user.json", env -> {
            String user = "{\"name\":\"Kemal\",\"language\":\"Crystal\"}";
            env.response().contentType("application/json");
            return user;
        });
        app.get("/headers", env -> {
            env.response().headers().set("Accept-Language", "tr");
            env.response().headers().set("Authorization", "Token 12345");
            return null;
        });
        app.get("/headers/edit", env -> {
            env.response().headers().add("X-Multi", "1").add("X-Multi", "2");
            env.response().headers().set("X-Replaced", "old").set("x-replaced", "new");
            env.response().headers().add("X-Removed", "gone").remove("x-removed");
            env.response().header("X-Single", "yes");
            return "seen: " + env.response().headers().all("X-MULTI") + " " + env.response().headers().has("X-Removed");
        });
        app.get("/headers/powered-by-removed", env -> {
            env.response().headers().remove("X-Powered-By");
            return "no powered-by";
        });
        app.get("/headers/framing", env -> {
            env.response().header("Content-Length", "999").header("Transfer-Encoding", "gzip");
            return "framing is ours";
        });
        app.get("/status-code", env -> {
            env.response().status(201);
            return "created " + env.response().status();
        });
        app.get("/no-content", env -> {
            env.response().status(204);
            return "never sent";
        });
        app.get("/status/invalid", env -> {
            env.response().status(99);
            return "unreachable";
        });
        app.get("/content-type", env -> "default " + env.response().contentType());
        app.get("/cookie", env -> {
            env.response().cookie(new Cookie("a", "b").path("/").httpOnly(true).sameSite("Lax"));
            return "cookie set";
        });
        app.get("/cookies/all-attributes", env -> {
            env.response().cookie(new Cookie("session", "abc123").path("/app").domain("example.com")
                    .expires(Instant.parse("2015-10-21T07:28:00Z")).maxAge(3600).secure(true).httpOnly(true)
                    .sameSite("Strict"));
            env.response().cookie(new Cookie("theme", "dark"));
            return null;
        });
        app.get("/cookies/invalid", env -> {
            env.response().cookie(new Cookie("a", "b; Path=/evil"));
            return "unreachable";
        });
        app.get("/header/injection", env -> {
            env.response().header("X-Evil", "a\r\nSet-Cookie: pwned=1");
            return "unreachable";
        });
        app.get("/order", env -> {
            env.response().print("printed, ");
            env.response().write("written, ".getBytes(StandardCharsets.UTF_8));
            env.response().outputStream().write("streamed, ".getBytes(StandardCharsets.UTF_8));
            return "returned";
        });
        app.get("/output-stream/reused-buffer", env -> {
            byte[] buffer = new byte[4];
            var out = env.response().outputStream();
            for (String part : new String[] {"abcd", "efgh", "ijkl"}) {
                System.arraycopy(part.getBytes(StandardCharsets.US_ASCII), 0, buffer, 0, 4);
                out.write(buffer);
            }
            return null;
        });
        app.get("/flush", env -> {
            env.response().print("first ");
            env.response().flush();
            env.response().print("second");
            return " third";
        });
    }

    @BothTransports
    void guideJsonExample(Transport transport) {
        TestResponse response = client(transport).get("/user.json");
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"name\":\"Kemal\",\"language\":\"Crystal\"}");
    }

    @BothTransports
    void guideHeadersExample(Transport transport) {
        TestResponse response = client(transport).get("/headers");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Accept-Language")).isEqualTo("tr");
        assertThat(response.header("Authorization")).isEqualTo("Token 12345");
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).isEqualTo("0");
    }

    @BothTransports
    void headersCanBeAddedReplacedAndRemoved(Transport transport) {
        TestResponse response = client(transport).get("/headers/edit");
        assertThat(response.body()).isEqualTo("seen: [1, 2] false");
        assertThat(response.headers("X-Multi")).containsExactly("1", "2");
        assertThat(response.headers("X-Replaced")).containsExactly("new");
        assertThat(response.header("X-Removed")).isNull();
        assertThat(response.header("X-Single")).isEqualTo("yes");
    }

    @BothTransports
    void framingHeadersAreAlwaysTheServers(Transport transport) {
        TestResponse response = client(transport).get("/headers/framing");
        assertThat(response.body()).isEqualTo("framing is ours");
        assertThat(response.headers("Content-Length")).containsExactly("15");
        assertThat(response.header("Transfer-Encoding")).isNull();
    }

    @BothTransports
    void theStatusIsSent(Transport transport) {
        TestResponse response = client(transport).get("/status-code");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("created 201");
    }

    @BothTransports
    void aNoContentStatusHasNoBody(Transport transport) {
        TestResponse response = client(transport).get("/no-content");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.header("Content-Length")).isNull();
    }

    @BothTransports
    void anInvalidStatusIsAServerError(Transport transport) {
        TestResponse response = client(transport).get("/status/invalid");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("Invalid HTTP status code: 99");
    }

    @BothTransports
    void defaultHeaders(Transport transport) {
        TestResponse response = client(transport).get("/content-type");
        assertThat(response.body()).isEqualTo("default text/html");
        assertThat(response.contentType()).isEqualTo("text/html");
        assertThat(response.header("X-Powered-By")).isEqualTo("Kemal");
        assertThat(response.header("Date")).endsWith(" GMT");
        assertThat(response.header("Content-Length")).isEqualTo("17");
        assertThat(response.header("Server")).isNull();
    }

    @BothTransports
    void aRouteCanRemoveThePoweredByHeader(Transport transport) {
        assertThat(client(transport).get("/headers/powered-by-removed").header("X-Powered-By")).isNull();
    }

    @BothTransports
    void poweredByCanBeTurnedOffOrReplaced(Transport transport) {
        App off = newApp();
        off.config().poweredByHeader(false);
        off.get("/", env -> "hi");
        try (TestClient client = transport.open(off)) {
            TestResponse response = client.get("/");
            assertThat(response.header("X-Powered-By")).isNull();
            assertThat(client.get("/nowhere").header("X-Powered-By")).isNull();
        }
        App custom = newApp();
        custom.config().poweredByHeader("MyApp");
        custom.get("/", env -> "hi");
        try (TestClient client = transport.open(custom)) {
            assertThat(client.get("/").headers("X-Powered-By")).containsExactly("MyApp");
        }
    }

    // ---- cookies ----------------------------------------------------------------------------

    @BothTransports
    void aCookieIsOneExactSetCookieHeader(Transport transport) {
        TestResponse response = client(transport).get("/cookie");
        assertThat(response.headers("Set-Cookie")).containsExactly("a=b; Path=/; HttpOnly; SameSite=Lax");
        assertThat(response.cookies()).containsEntry("a", "b");
    }

    @BothTransports
    void everyCookieAttribute(Transport transport) {
        TestResponse response = client(transport).get("/cookies/all-attributes");
        assertThat(response.headers("Set-Cookie")).containsExactly(
                "session=abc123; Path=/app; Domain=example.com; Expires=Wed, 21 Oct 2015 07:28:00 GMT; "
                        + "Max-Age=3600; Secure; HttpOnly; SameSite=Strict",
                "theme=dark");
    }

    @BothTransports
    void anInvalidCookieNeverReachesTheWire(Transport transport) {
        TestResponse response = client(transport).get("/cookies/invalid");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headers("Set-Cookie")).isEmpty();
    }

    @Test
    void invalidCookiesAreRefusedWhenMade() {
        for (String value : new String[] {"a b", "a;b", "a,b", "a\"b", "a\\b", "a\r\nb", "é"}) {
            assertThatThrownBy(() -> new Cookie("name", value)).as(value).isInstanceOf(IllegalArgumentException.class);
        }
        for (String name : new String[] {"", "a b", "a=b", "a;b", "a\nb"}) {
            assertThatThrownBy(() -> new Cookie(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Cookie(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cookie("a", "b").path("/; Secure")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cookie("a", "b").domain("x\r\ny")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cookie("a", "b").sameSite("Sometimes")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Cookie("a", "").toSetCookieHeader()).isEqualTo("a=");
        assertThat(new Cookie("token", "x-y_z.~!#$%&'()*+/:<=>?@[]^`{|}").value()).isEqualTo("x-y_z.~!#$%&'()*+/:<=>?@[]^`{|}");
    }

    @BothTransports
    void aHeaderValueCannotSplitTheResponse(Transport transport) {
        TestResponse response = client(transport).get("/header/injection");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("X-Evil")).isNull();
        assertThat(response.headers("Set-Cookie")).isEmpty();
    }

    // ---- body ordering ------------------------------------------------------------------------

    @BothTransports
    void whatARoutePrintsComesBeforeWhatItReturns(Transport transport) {
        TestResponse response = client(transport).get("/order");
        assertThat(response.body()).isEqualTo("printed, written, streamed, returned");
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(response.bodyBytes().length));
    }

    @BothTransports
    void writesDoNotKeepTheCallersBuffer(Transport transport) {
        assertThat(client(transport).get("/output-stream/reused-buffer").body()).isEqualTo("abcdefghijkl");
    }

    @BothTransports
    void flushStreamsTheRestChunked(Transport transport) {
        TestResponse response = client(transport).get("/flush");
        assertThat(response.body()).isEqualTo("first second third");
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(response.header("Content-Length")).isNull();
    }
}
