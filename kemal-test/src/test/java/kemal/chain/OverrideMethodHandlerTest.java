package kemal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import kemal.App;
import kemal.OverrideMethodHandler;
import kemal.chain.Chains.Trail;
import kemal.test.KemalTest.Transport;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference §1.5: a POST form with {@code _method} continues as PUT, PATCH or DELETE. */
class OverrideMethodHandlerTest {
    private final Trail trail = new Trail();

    private App app(boolean withOverride) {
        App app = trail.app();
        if (withOverride) app.addHandler(new OverrideMethodHandler());
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            app.route(method, "/items/:id", env -> method + " " + env.params().url("id")
                    + " name=" + env.params().body("name") + " _method=" + env.params().body("_method"));
            app.route(method, "/items", env -> method);
        }
        app.beforePut("/items/:id", trail.step("before_put"));
        app.afterDelete(trail.step("after_delete"));
        app.beforePost(trail.step("before_post"));
        app.beforePatch(env -> trail.add("before_patch sees " + env.request().method() + " " + env.params().url("id")));
        return app;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPostFormWithMethodPutReachesThePutRouteAndItsFilters(Transport transport) {
        try (TestClient client = Chains.open(transport, app(true))) {
            TestResponse response = client.postForm("/items/7", "name=Ada&_method=PUT");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("PUT 7 name=Ada _method=PUT");
            assertThat(trail.take()).containsExactly("before_put");
        }
    }

    @Test
    void patchAndDeleteAreOverriddenToo() {
        try (TestClient client = TestClient.inProcess(app(true))) {
            assertThat(client.postForm("/items/3", "_method=PATCH").body()).startsWith("PATCH 3");
            assertThat(trail.take()).containsExactly("before_patch sees PATCH 3");
            assertThat(client.postForm("/items/4", "_method=DELETE").body()).startsWith("DELETE 4");
            assertThat(trail.take()).containsExactly("after_delete");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"put", "Put", "pUt", " put "})
    void theValueIsCaseInsensitive(String value) {
        try (TestClient client = TestClient.inProcess(app(true))) {
            assertThat(client.postForm("/items", "_method=" + value.replace(" ", "+")).body()).isEqualTo("PUT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "QUERY", "HEAD", "OPTIONS", "TRACE", "CONNECT", "POST", "junk", ""})
    void otherValuesStayPost(String value) {
        try (TestClient client = TestClient.inProcess(app(true))) {
            TestResponse response = client.postForm("/items/1", "_method=" + value);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("POST 1");
            assertThat(trail.take()).containsExactly("before_post");
        }
    }

    @Test
    void onlyPostIsOverridden() {
        try (TestClient client = TestClient.inProcess(app(true))) {
            TestResponse response = client.put("/items/2",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), "_method=DELETE");
            assertThat(response.body()).startsWith("PUT 2");
        }
    }

    @Test
    void theQueryStringIsIgnored() {
        try (TestClient client = TestClient.inProcess(app(true))) {
            assertThat(client.postForm("/items/1?_method=DELETE", "name=x").body()).startsWith("POST 1");
            assertThat(client.post("/items/1?_method=DELETE", "").body()).startsWith("POST 1");
        }
    }

    @Test
    void aJsonBodyIsIgnored() {
        try (TestClient client = TestClient.inProcess(app(true))) {
            assertThat(client.postJson("/items/1", "{\"_method\":\"DELETE\"}").body()).startsWith("POST 1");
        }
    }

    @Test
    void aBodyWithoutFormContentTypeIsIgnored() {
        try (TestClient client = TestClient.inProcess(app(true))) {
            assertThat(client.post("/items/1", Map.of("Content-Type", "text/plain"), "_method=DELETE").body())
                    .startsWith("POST 1");
        }
    }

    @Test
    void theFormBodyStaysReadableInTheRoute() {
        App app = trail.app();
        app.addHandler(new OverrideMethodHandler());
        app.put("/profile", env -> env.params().body().toMap() + " raw=" + env.request().body());
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.postForm("/profile", "name=Ada&likes=Java&likes=Crystal&_method=put").body())
                    .isEqualTo("{name=[Ada], likes=[Java, Crystal], _method=[put]} raw=name=Ada&likes=Java&likes=Crystal&_method=put");
        }
    }

    @Test
    void withoutTheHandlerNothingIsOverridden() {
        try (TestClient client = TestClient.inProcess(app(false))) {
            assertThat(client.postForm("/items/1", "_method=DELETE").body()).startsWith("POST 1");
            assertThat(trail.take()).containsExactly("before_post");
        }
        App putOnly = Chains.app();
        putOnly.put("/only-put", env -> "put");
        try (TestClient client = TestClient.inProcess(putOnly)) {
            assertThat(client.postForm("/only-put", "_method=PUT").status()).isEqualTo(404);
        }
    }

    @Test
    void anOverrideToAMethodWithoutARouteIsA404() {
        App app = trail.app();
        app.addHandler(new OverrideMethodHandler());
        app.post("/only-post", env -> "post");
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.postForm("/only-post", "_method=DELETE").status()).isEqualTo(404);
        }
    }

    @Test
    void theUrlParamsAreResolvedAgainForTheNewRoute() {
        App app = trail.app();
        // A handler ahead of the override reads the POST route's params first.
        app.addHandler(new kemal.Handler() {
            @Override
            public void call(kemal.Env env) throws Exception {
                trail.add("POST params " + env.params().url());
                callNext(env);
            }
        });
        app.addHandler(new OverrideMethodHandler());
        app.post("/posts/:slug", env -> "post");
        app.delete("/posts/:id", env -> "delete " + env.params().url());
        try (TestClient client = TestClient.inProcess(app)) {
            assertThat(client.postForm("/posts/42", "_method=DELETE").body()).isEqualTo("delete {id=42}");
            assertThat(trail.take()).containsExactly("POST params {slug=42}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMultipartFormIsOverriddenToo(Transport transport) {
        try (TestClient client = Chains.open(transport, app(true))) {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"_method\"\r\n\r\nDELETE\r\n--XyZ--\r\n";
            TestResponse response = client.post("/items/5", Map.of("Content-Type", "multipart/form-data; boundary=XyZ"), body);
            assertThat(response.body()).startsWith("DELETE 5");
            assertThat(trail.take()).containsExactly("after_delete");
        }
    }

    @Test
    void aMultipartFormWithAFileIsOverriddenAndTheRouteStillSeesItsFields() {
        App app = trail.app();
        app.addHandler(new OverrideMethodHandler());
        app.put("/upload", env -> "PUT " + env.params().body("name") + " "
                + env.params().files().get("doc").filename() + " " + env.params().files().get("doc").size());
        try (TestClient client = TestClient.inProcess(app)) {
            String body = "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nAda\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n\r\nhello\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"_method\"\r\n\r\nput\r\n--XyZ--\r\n";
            TestResponse response = client.post("/upload", Map.of("Content-Type", "multipart/form-data; boundary=XyZ"), body);
            assertThat(response.body()).isEqualTo("PUT Ada a.txt 5");
        }
    }
}
