package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kemal.App;
import kemal.Cookie;
import kemal.Request;
import kemal.test.TestClient;
import kemal.test.TestResponse;

/** The guide's "Request Properties" section: what a route can read from {@code env.request()}. */
class RequestTest extends ApiTest {

    @Override
    void routes(App app) {
        app.get("/docs/context", env -> {
            Request request = env.request();
            return String.join("|", request.method(), request.version(), request.path(), request.resource(),
                    String.valueOf(request.queryString()));
        });
        app.get("/raw/:segment", env -> env.request().path() + " " + env.request().resource());
        app.route("PROPFIND", "/method", env -> env.request().method());
        app.post("/method", env -> env.request().method());
        app.get("/headers", env -> {
            Request request = env.request();
            return request.headers().get("x-custom") + "|" + request.header("X-CUSTOM") + "|"
                    + request.headers().has("X-Custom") + "|" + request.header("X-Absent") + "|"
                    + request.headers().all("x-multi") + "|" + request.host();
        });
        app.get("/cookies", env -> {
            Request request = env.request();
            Cookie missing = request.cookie("missing");
            return request.cookie("a").value() + "|" + request.cookie("b").value() + "|"
                    + request.cookies().keySet() + "|" + missing;
        });
        app.get("/remote", env -> {
            var address = env.request().remoteAddress();
            return address.getAddress().isLoopbackAddress() + " secure=" + env.request().isSecure();
        });
        app.post("/body/string", env -> env.request().body() + "|" + env.request().contentType()
                + "|" + env.request().contentLength());
        app.post("/body/bytes", env -> env.request().bodyBytes().length + " bytes, again "
                + env.request().bodyBytes().length);
        app.post("/body/stream", env -> {
            try (InputStream in = env.request().bodyStream()) {
                return "streamed " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        app.post("/body/charset", env -> env.request().body());
        app.get("/no-body", env -> "[" + env.request().body() + "] length " + env.request().contentLength()
                + " type " + env.request().contentType());
    }

    @BothTransports
    void methodVersionPathResourceAndQuery(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/docs/context?lang=cr").body())
                .isEqualTo("GET|HTTP/1.1|/docs/context|/docs/context?lang=cr|lang=cr");
        assertThat(client.get("/docs/context").body())
                .isEqualTo("GET|HTTP/1.1|/docs/context|/docs/context|null");
        assertThat(client.get("/docs/context?").body())
                .isEqualTo("GET|HTTP/1.1|/docs/context|/docs/context?|");
    }

    @BothTransports
    void thePathStaysPercentEncoded(Transport transport) {
        assertThat(client(transport).get("/raw/a%20b?x=%41").body()).isEqualTo("/raw/a%20b /raw/a%20b?x=%41");
    }

    @BothTransports
    void theMethodIsTheOneSent(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.request("PROPFIND", "/method", Map.of(), null).body()).isEqualTo("PROPFIND");
        assertThat(client.post("/method", "").body()).isEqualTo("POST");
    }

    @BothTransports
    void headersAreCaseInsensitive(Transport transport) {
        TestClient client = client(transport);
        TestResponse response = client.get("/headers", Map.of("X-Custom", "v1", "X-Multi", "a, b", "Host", "kemal.test"));
        assertThat(response.body()).isEqualTo("v1|v1|true|null|[a, b]|kemal.test");
    }

    @BothTransports
    void cookiesAreReadByName(Transport transport) {
        TestResponse response = client(transport).get("/cookies", Map.of("Cookie", "a=1; b=2"));
        assertThat(response.body()).isEqualTo("1|2|[a, b]|null");
    }

    @BothTransports
    void theRemoteAddressIsLoopback(Transport transport) {
        assertThat(client(transport).get("/remote").body()).isEqualTo("true secure=false");
    }

    @BothTransports
    void theBodyAsStringBytesOrStream(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.post("/body/string", Map.of("Content-Type", "text/plain"), "héllo").body())
                .isEqualTo("héllo|text/plain|6");
        assertThat(client.post("/body/bytes", "12345").body()).isEqualTo("5 bytes, again 5");
        assertThat(client.post("/body/stream", "flowing").body()).isEqualTo("streamed flowing");
    }

    @BothTransports
    void theBodyIsDecodedWithItsCharset(Transport transport) {
        byte[] latin1 = "é".getBytes(StandardCharsets.ISO_8859_1);
        TestResponse response = client(transport).request("POST", "/body/charset",
                Map.of("Content-Type", "text/plain; charset=ISO-8859-1"), latin1);
        assertThat(response.body()).isEqualTo("é");
    }

    @BothTransports
    void noBodyIsEmpty(Transport transport) {
        assertThat(client(transport).get("/no-body").body()).isEqualTo("[] length -1 type null");
    }
}
