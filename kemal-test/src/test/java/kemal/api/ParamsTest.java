package kemal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kemal.App;
import kemal.ParamMap;
import kemal.test.TestClient;
import kemal.test.TestResponse;

/** The guide's "HTTP Parameters" section and reference §1.2, §2.1–§2.3; bad input is a 400. */
class ParamsTest extends ApiTest {
    static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");
    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    record User(String name, List<String> likes, int age) {}

    @Override
    void routes(App app) {
        app.get("/hello/:name", env -> "Hello back to " + env.params().url("name"));
        app.get("/users/:id", env -> "Found user " + env.params().url("id"));
        app.get("/dir/*all", env -> "Found path " + env.params().url("all"));
        app.get("/pair/:a/:b", env -> env.params().url().toString() + " missing=" + env.params().url("c"));
        app.get("/untouched/:name", env -> "did not read params");

        app.get("/resize", env -> env.params().query("width") + "x" + env.params().query("height"));
        app.get("/query", env -> describe(env.params().query()));
        app.get("/query/all/:name", env -> env.params().query().all(env.params().url("name")).toString());
        app.get("/require", env -> "width " + env.params().query().require("width"));

        app.post("/body_params", env -> {
            String name = env.params().body("name");
            List<String> likes = env.params().body().all("likes");
            return name + " likes " + String.join(",", likes);
        });
        app.post("/body", env -> describe(env.params().body()));
        app.get("/body", env -> describe(env.params().body()));

        app.post("/json_params", env -> {
            String name = (String) env.params().json().get("name");
            List<?> likes = (List<?>) env.params().json().get("likes");
            return name + " likes " + likes.stream().map(Object::toString).collect(Collectors.joining(","));
        });
        app.post("/json/types", env -> types(env.params().json()));
        app.post("/json/echo", env -> env.params().json());
        app.post("/json/both", env -> env.params().json().get("name") + " / " + env.params().json(User.class).name()
                + " / " + env.request().body().length());
        app.post("/json/user", env -> {
            User user = env.params().json(User.class);
            return user.name() + " (" + user.age() + ") likes " + user.likes();
        });
    }

    /** Every name with all its values, in order: {@code a=[1, 2]; b=[]}. */
    private static String describe(ParamMap params) {
        return params.toMap().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** The Java type of every top-level JSON value: {@code a:String b:List}. */
    private static String types(Map<String, Object> json) {
        return json.entrySet().stream()
                .map(e -> e.getKey() + ":" + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()))
                .collect(Collectors.joining(" "));
    }

    private static void assertBadRequest(TestResponse response, String reason) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.body()).startsWith("Bad Request").contains(reason).hasSizeLessThan(200);
    }

    // ---- URL parameters ---------------------------------------------------------------------

    @BothTransports
    void guideUrlParams(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/hello/kemal").body()).isEqualTo("Hello back to kemal");
        assertThat(client.get("/users/1").body()).isEqualTo("Found user 1");
        assertThat(client.get("/dir/and/anything/after").body()).isEqualTo("Found path and/anything/after");
    }

    @BothTransports
    void urlParamsArePercentDecodedKeepingPlus(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/hello/a%20b+c").body()).isEqualTo("Hello back to a b+c");
        assertThat(client.get("/hello/a%2Bb+c").body()).isEqualTo("Hello back to a+b+c");
        assertThat(client.get("/hello/a%2Fb").body()).isEqualTo("Hello back to a/b");
        assertThat(client.get("/hello/caf%C3%A9").body()).isEqualTo("Hello back to café");
        // Decoded once: %252e is the text %2e.
        assertThat(client.get("/hello/%252e").body()).isEqualTo("Hello back to %2e");
    }

    @BothTransports
    void globValuesAreDecodedToo(Transport transport) {
        assertThat(client(transport).get("/dir/a%20b/c%2Fd+e").body()).isEqualTo("Found path a b/c/d+e");
    }

    @BothTransports
    void everyUrlParamInPatternOrder(Transport transport) {
        assertThat(client(transport).get("/pair/x/y").body()).isEqualTo("{a=x, b=y} missing=null");
    }

    @BothTransports
    void invalidPercentEncodingInThePathIsA400(Transport transport) {
        TestClient client = client(transport);
        assertBadRequest(client.get("/hello/%zz"), "'%zz'");
        assertBadRequest(client.get("/hello/abc%4"), "invalid percent-encoding");
        assertBadRequest(client.get("/hello/%C3"), "not valid UTF-8");
        assertBadRequest(client.get("/hello/%FF%FE"), "not valid UTF-8");
        assertBadRequest(client.get("/dir/ok/%zz"), "in the path");
    }

    @BothTransports
    void paramsAreOnlyDecodedWhenRead(Transport transport) {
        TestResponse response = client(transport).get("/untouched/%zz");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("did not read params");
    }

    // ---- query parameters -------------------------------------------------------------------

    @BothTransports
    void guideQueryParams(Transport transport) {
        assertThat(client(transport).get("/resize?width=200&height=200").body()).isEqualTo("200x200");
        assertThat(client(transport).get("/resize").body()).isEqualTo("nullxnull");
    }

    @BothTransports
    void repeatedKeysKeepEveryValueInOrder(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/resize?width=1&width=2&height=3").body()).isEqualTo("1x3");
        assertThat(client.get("/query/all/width?width=1&height=0&width=2").body()).isEqualTo("[1, 2]");
        assertThat(client.get("/query/all/nothing?width=1").body()).isEqualTo("[]");
    }

    @BothTransports
    void queryDecoding(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/query?a=1;b=2&c=3").body()).isEqualTo("a=[1]; b=[2]; c=[3]");
        assertThat(client.get("/query?q=a+b%20c%2Bd").body()).isEqualTo("q=[a b c+d]");
        assertThat(client.get("/query?flag&x=").body()).isEqualTo("flag=[]; x=[]");
        assertThat(client.get("/query/all/flag?flag").body()).isEqualTo("[]");
        assertThat(client.get("/query?k=v=w").body()).isEqualTo("k=[v=w]");
        assertThat(client.get("/query?=v").body()).isEqualTo("=[v]");
        assertThat(client.get("/query?&&a=1&&").body()).isEqualTo("a=[1]");
        assertThat(client.get("/query?").body()).isEmpty();
        assertThat(client.get("/query?caf%C3%A9=%E2%9C%93").body()).isEqualTo("café=[✓]");
    }

    @BothTransports
    void keyWithoutValueIsAnEmptyString(Transport transport) {
        assertThat(client(transport).get("/query/all/b?a=1&b").body()).isEqualTo("[]");
        App app = newApp();
        app.get("/", env -> "has b: " + env.params().query().has("b") + ", b=[" + env.params().query("b") + "]");
        try (TestClient client = transport.open(app)) {
            assertThat(client.get("/?b").body()).isEqualTo("has b: true, b=[]");
        }
    }

    @BothTransports
    void bracketsAreNotInterpreted(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/query?likes[]=ruby&likes[]=crystal").body()).isEqualTo("likes[]=[ruby, crystal]");
        assertThat(client.get("/query?likes%5B%5D=ruby").body()).isEqualTo("likes[]=[ruby]");
    }

    @BothTransports
    void invalidPercentEncodingInTheQueryIsA400(Transport transport) {
        TestClient client = client(transport);
        assertBadRequest(client.get("/query?a=%zz"), "in the query string");
        assertBadRequest(client.get("/query?%E9=1"), "not valid UTF-8");
        assertBadRequest(client.get("/resize?width=100%"), "invalid percent-encoding");
    }

    @BothTransports
    void requireOnAMissingParamIsA400(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.get("/require?width=5").body()).isEqualTo("width 5");
        assertBadRequest(client.get("/require"), "missing parameter 'width'");
    }

    // ---- form body --------------------------------------------------------------------------

    @BothTransports
    void guideBodyParams(Transport transport) {
        TestResponse response = client(transport).postForm("/body_params", "name=Serdar&likes=Ruby&likes=Crystal");
        assertThat(response.body()).isEqualTo("Serdar likes Ruby,Crystal");
    }

    @BothTransports
    void formBodyWithACharsetIsParsed(Transport transport) {
        TestResponse response = client(transport).post("/body",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), "a=caf%C3%A9&b=x+y;c");
        assertThat(response.body()).isEqualTo("a=[café]; b=[x y]; c=[]");
    }

    @BothTransports
    void squareBracketNamesAreKeptAsTheirOwnKey(Transport transport) {
        TestResponse response = client(transport).postForm("/body", "likes[]=ruby&likes[]=crystal&likes=go");
        assertThat(response.body()).isEqualTo("likes[]=[ruby, crystal]; likes=[go]");
    }

    @BothTransports
    void otherContentTypesGiveNoBodyParams(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.post("/body", Map.of("Content-Type", "text/plain"), "a=1").body()).isEmpty();
        assertThat(client.post("/body", JSON, "{\"a\":1}").body()).isEmpty();
        assertThat(client.post("/body", "a=1").body()).isEmpty();
        assertThat(client.postForm("/body", "").body()).isEmpty();
    }

    @BothTransports
    void aFormBodyIsParsedWhateverTheMethod(Transport transport) {
        TestResponse response = client(transport).request("GET", "/body", FORM,
                "a=1&b=2".getBytes(StandardCharsets.UTF_8));
        assertThat(response.body()).isEqualTo("a=[1]; b=[2]");
    }

    @BothTransports
    void invalidPercentEncodingInAFormIsA400(Transport transport) {
        assertBadRequest(client(transport).postForm("/body", "a=%zz"), "in the form body");
    }

    // ---- JSON body --------------------------------------------------------------------------

    @BothTransports
    void guideJsonParams(Transport transport) {
        TestResponse response = client(transport).postJson("/json_params",
                "{\"name\": \"Serdar\", \"likes\": [\"Ruby\", \"Crystal\"]}");
        assertThat(response.body()).isEqualTo("Serdar likes Ruby,Crystal");
    }

    @BothTransports
    void jsonValuesKeepTheirNaturalTypes(Transport transport) {
        String body = "{\"s\":\"x\",\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,\"list\":[1,\"a\",[2]],\"map\":{\"k\":{\"v\":[]}}}";
        TestResponse response = client(transport).postJson("/json/types", body);
        assertThat(response.body()).isEqualTo(
                "s:String i:Integer l:Long big:BigInteger d:Double t:Boolean f:Boolean n:null list:ArrayList map:LinkedHashMap");
        TestResponse echo = client(transport).postJson("/json/echo", "{\"list\":[1,\"a\",[2]],\"map\":{\"k\":{\"v\":[null]}}}");
        assertThat(echo.body()).isEqualTo("{\"list\":[1,\"a\",[2]],\"map\":{\"k\":{\"v\":[null]}}}");
    }

    @BothTransports
    void anArrayRootIsUnderUnderscoreJson(Transport transport) {
        TestResponse response = client(transport).postJson("/json/echo", "[1, {\"a\": 2}]");
        assertThat(response.body()).isEqualTo("{\"_json\":[1,{\"a\":2}]}");
    }

    @BothTransports
    void aScalarOrEmptyBodyGivesNoFields(Transport transport) {
        TestClient client = client(transport);
        for (String body : List.of("\"text\"", "42", "true", "null", "", "  \n")) {
            assertThat(client.postJson("/json/echo", body).body()).as(body).isEqualTo("{}");
        }
    }

    @BothTransports
    void jsonNeedsAJsonContentType(Transport transport) {
        TestClient client = client(transport);
        assertThat(client.post("/json/echo", Map.of("Content-Type", "text/plain"), "{\"a\":1}").body()).isEqualTo("{}");
        assertThat(client.postForm("/json/echo", "{\"a\":1}").body()).isEqualTo("{}");
        assertThat(client.post("/json/echo", "{\"a\":1}").body()).isEqualTo("{}");
        assertThat(client.post("/json/echo", Map.of("Content-Type", "application/json; charset=utf-8"), "{\"a\":1}")
                .body()).isEqualTo("{\"a\":1}");
    }

    @BothTransports
    void structuredJsonTypesAreJson(Transport transport) {
        TestClient client = client(transport);
        for (String type : List.of("application/vnd.api+json", "application/json-patch+json", "Application/JSON")) {
            assertThat(client.post("/json/echo", Map.of("Content-Type", type), "{\"a\":1}").body())
                    .as(type).isEqualTo("{\"a\":1}");
        }
        assertThat(client.post("/json/echo", Map.of("Content-Type", "application/jsonx"), "{\"a\":1}").body())
                .isEqualTo("{}");
    }

    @BothTransports
    void malformedJsonIsA400(Transport transport) {
        TestClient client = client(transport);
        for (String body : List.of("{\"a\":", "{a:1}", "[1,]", "{\"a\":1}}", "nope")) {
            assertBadRequest(client.postJson("/json/echo", body), "invalid JSON");
        }
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
        assertBadRequest(client.request("POST", "/json/echo", JSON, notUtf8), "invalid JSON");
    }

    @BothTransports
    void hostileJsonIsA400NotA500(Transport transport) {
        TestClient client = client(transport);
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertBadRequest(client.postJson("/json/echo", deep), "invalid JSON");
        assertBadRequest(client.postJson("/json/echo", "{\"n\":" + "9".repeat(5_000) + "}"), "invalid JSON");
        assertBadRequest(client.postJson("/json/user", "{\"likes\":" + deep + "}"), "User");
    }

    @BothTransports
    void theBodyCanBeReadAsParamsRecordAndTextInOneRequest(Transport transport) {
        String body = "{\"name\":\"Serdar\",\"likes\":[],\"age\":1}";
        assertThat(client(transport).postJson("/json/both", body).body())
                .isEqualTo("Serdar / Serdar / " + body.length());
    }

    @BothTransports
    void jsonBindsToARecord(Transport transport) {
        TestResponse response = client(transport).postJson("/json/user",
                "{\"name\":\"Serdar\",\"likes\":[\"Ruby\",\"Crystal\"],\"age\":30}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Serdar (30) likes [Ruby, Crystal]");
    }

    @BothTransports
    void theWrongJsonShapeIsA400(Transport transport) {
        TestClient client = client(transport);
        assertBadRequest(client.postJson("/json/user", "{\"name\":[1],\"likes\":[],\"age\":1}"), "User");
        assertBadRequest(client.postJson("/json/user", "{\"name\":\"x\",\"likes\":[],\"age\":\"old\"}"), "User");
        assertBadRequest(client.postJson("/json/user", "[1,2]"), "User");
        assertBadRequest(client.postJson("/json/user", "{\"name\":"), "invalid JSON");
        assertBadRequest(client.postJson("/json/user", ""), "invalid JSON");
    }

    @BothTransports
    void bodyParamsOverTheSizeLimitAre413(Transport transport) {
        App app = newApp();
        app.config().maxRequestBodySize(16);
        app.post("/form", env -> "a=" + env.params().body("a"));
        app.post("/json", env -> env.params().json());
        try (TestClient client = transport.open(app)) {
            assertThat(client.postForm("/form", "a=1").body()).isEqualTo("a=1");
            TestResponse form = client.postForm("/form", "a=" + "x".repeat(100));
            assertThat(form.status()).isEqualTo(413);
            assertThat(form.body()).isEqualTo("Payload Too Large");
            TestResponse json = client.postJson("/json", "{\"a\":\"" + "x".repeat(100) + "\"}");
            assertThat(json.status()).isEqualTo(413);
        }
    }

    @BothTransports
    void utf8BodiesAreDecodedAsUtf8(Transport transport) {
        TestResponse response = client(transport).request("POST", "/json/echo", JSON,
                "{\"name\":\"Ça va ✓\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.body()).isEqualTo("{\"name\":\"Ça va ✓\"}");
    }
}
