package kemal;

import java.util.Locale;
import java.util.Set;

/**
 * Lets an HTML form ask for PUT, PATCH or DELETE: a POST whose form body has
 * {@code _method=PUT} (or PATCH or DELETE) continues as that method, so filters and routes see
 * the new one. Other values are ignored. Not in the chain unless added, as in Kemal:
 *
 * <pre>{@code
 * addHandler(new OverrideMethodHandler());
 * }</pre>
 *
 * Only the form body is read ({@code env.params().body()}, so whatever form encodings it
 * parses), never the query string or JSON; it stays readable in the route.
 */
public final class OverrideMethodHandler extends Handler {
    private static final Set<String> OVERRIDABLE = Set.of("PUT", "PATCH", "DELETE");

    @Override
    public void call(Env env) throws Exception {
        if (env.request().method().equals("POST")) {
            String wanted = env.params().body("_method");
            if (wanted != null) {
                String method = wanted.trim().toUpperCase(Locale.ROOT);
                if (OVERRIDABLE.contains(method)) {
                    env.request().overrideMethod(method);
                    env.resetRoute();
                }
            }
        }
        callNext(env);
    }
}
