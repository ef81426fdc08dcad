package kemal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import kemal.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A route can never split a response: a header name or value with CR, LF or NUL fails the route
 * (500) instead of reaching the wire (RFC 9110 §5.5).
 */
class HeaderInjectionTest extends EngineTestBase {
    private static final String EVIL = "Set-Cookie: evil=1";

    @BeforeEach
    void routes() {
        app.get("/set", env -> {
            env.response().header("X-Value", env.params().query("v"));
            return "set";
        });
        app.get("/add", env -> {
            env.response().headers().add("X-Value", "ok\r\n" + EVIL);
            return "added";
        });
        app.get("/name", env -> {
            env.response().header(env.params().query("n"), "value");
            return "named";
        });
        app.get("/type", env -> {
            env.response().contentType("text/plain\r\n" + EVIL);
            return "typed";
        });
        app.get("/redirect", env -> env.redirect("/next\r\n" + EVIL));
        app.get("/cookie", env -> {
            env.response().cookie(new Cookie("session", "abc\r\n" + EVIL));
            return "cookie";
        });
        app.get("/", env -> "root");
    }

    /** Sends {@code request} then a normal one; expects a clean 500 then the normal answer. */
    private void assertRefusedCleanly(String request) throws IOException {
        try (RawClient client = connect()) {
            client.send(request + get("/"));
            RawResponse response = client.read();
            assertThat(response.status()).as(response.toString()).isEqualTo(500);
            assertThat(response.headers("Set-Cookie")).isEmpty();
            assertThat(response.headerNames()).doesNotContain("X-Value");
            RawResponse next = client.read();
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(next.text()).isEqualTo("root");
            assertThat(next.headers("Set-Cookie")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%0D%0ASet-Cookie:%20evil=1", "%0ASet-Cookie:%20evil=1", "%0DSet-Cookie:%20evil=1",
            "a%00b", "ok%0D%0A%0D%0AHTTP/1.1%20200%20OK"})
    void aHeaderValueWithCrLfOrNul(String encoded) throws IOException {
        assertRefusedCleanly(get("/set?v=" + encoded));
    }

    @Test
    void aHeaderValueAddedWithCrLf() throws IOException {
        assertRefusedCleanly(get("/add"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A%0D%0ASet-Cookie", "X%20A", "X-A:", "", "X-%C3%A9"})
    void anInvalidHeaderName(String encoded) throws IOException {
        assertRefusedCleanly(get("/name?n=" + encoded));
    }

    @Test
    void aContentTypeWithCrLf() throws IOException {
        assertRefusedCleanly(get("/type"));
    }

    @Test
    void aRedirectLocationWithCrLf() throws IOException {
        assertRefusedCleanly(get("/redirect"));
    }

    @Test
    void aCookieWithCrLf() throws IOException {
        assertRefusedCleanly(get("/cookie"));
    }

    @Test
    void aBadHeaderAfterStreamingBeganEndsTheConnection() throws IOException {
        app.get("/late", env -> {
            env.response().print("started");
            env.response().flush();
            env.response().header("X-Late", "a\r\n" + EVIL);
            return "not sent";
        });
        try (RawClient client = connect()) {
            client.send(get("/late") + get("/"));
            // The head is out already: the response can only be cut off.
            String raw = new String(client.readToEnd(), StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(raw).doesNotContain("\r\n" + EVIL).doesNotContain("root");
            assertThat(raw).doesNotEndWith("0\r\n\r\n");
        }
    }

    @Test
    void aValidHeaderValueWithTabsAndHighLatin1IsSent() throws IOException {
        try (RawClient client = connect()) {
            client.send(get("/set?v=a%09b%20c"));
            RawResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Value")).isEqualTo("a\tb c");
        }
    }
}
