package kemal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import kemal.internal.routing.PathPattern;

/**
 * A middleware in the request chain, Kemal's {@code Kemal::Handler}. Override {@link #call} and
 * pass the request on with {@link #callNext}; a handler that does neither writes nor calls next
 * ends the request with what it wrote (an empty 200 if nothing).
 *
 * <pre>{@code
 * class CustomHandler extends Handler {
 *     public void call(Env env) throws Exception {
 *         env.response().header("X-Custom", "1");
 *         callNext(env);
 *     }
 * }
 * addHandler(new CustomHandler());
 * }</pre>
 *
 * Conditional execution, as Kemal's {@code only} and {@code exclude}: declare the paths in the
 * constructor and test them in {@code call}.
 *
 * <pre>{@code
 * class OnlyHandler extends Handler {
 *     OnlyHandler() { only(List.of("/specials", "/deals")); }          // GET by default
 *     public void call(Env env) throws Exception {
 *         if (!onlyMatch(env)) { callNext(env); return; }
 *         env.response().header("X-Only", "1");
 *         callNext(env);
 *     }
 * }
 * }</pre>
 *
 * Paths are route patterns ({@code /users/:id}, {@code /admin/*} for a whole subtree, one
 * trailing slash tolerated); the method {@code "*"} means every method; a HEAD request also
 * matches GET rules, so a GET-only guard cannot be bypassed with HEAD. A handler instance
 * belongs to one application's chain.
 */
public abstract class Handler {
    private record Rule(String method, PathPattern path) {
        boolean matches(String requestMethod, String requestPath) {
            boolean methodMatches = method.equals("*") || method.equals(requestMethod)
                    || (requestMethod.equals("HEAD") && method.equals("GET"));
            return methodMatches && path.matches(requestPath);
        }
    }

    /** Volatile so that a step added to a running chain (the first filter) is seen whole. */
    private volatile Handler next;
    private final List<Rule> onlyRules = new ArrayList<>(2);
    private final List<Rule> excludeRules = new ArrayList<>(2);

    /** Handles the request; call {@link #callNext} to continue down the chain. */
    public abstract void call(Env env) throws Exception;

    /** Runs the rest of the chain. */
    public final void callNext(Env env) throws Exception {
        Handler n = next;
        if (n != null) n.call(env);
    }

    /** Declares GET paths for {@link #onlyMatch}. */
    protected final void only(List<String> paths) {
        only(paths, "GET");
    }

    /** Declares paths for {@link #onlyMatch}, for {@code method} ({@code "*"} for any). */
    protected final void only(List<String> paths, String method) {
        addRules(onlyRules, paths, method);
    }

    /** Declares GET paths for {@link #excludeMatch}. */
    protected final void exclude(List<String> paths) {
        exclude(paths, "GET");
    }

    /** Declares paths for {@link #excludeMatch}, for {@code method} ({@code "*"} for any). */
    protected final void exclude(List<String> paths, String method) {
        addRules(excludeRules, paths, method);
    }

    /** Whether the request matches one of the {@code only} rules. */
    protected final boolean onlyMatch(Env env) {
        return anyMatches(onlyRules, env);
    }

    /** Whether the request matches one of the {@code exclude} rules. */
    protected final boolean excludeMatch(Env env) {
        return anyMatches(excludeRules, env);
    }

    final void next(Handler next) {
        this.next = next;
    }

    /**
     * Links {@code chain} in order. A handler knows only its successor, so one already in a
     * chain, or listed twice, is refused: it would send requests into the other chain or skip
     * the handlers in between.
     */
    static void link(List<Handler> chain) {
        Set<Handler> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Handler handler : chain) {
            if (handler.next != null || !seen.add(handler)) {
                throw new IllegalStateException(handler.getClass().getName() + " is already in "
                        + (handler.next != null ? "another application's" : "this application's")
                        + " chain; give each place its own instance");
            }
        }
        for (int i = 0; i < chain.size() - 1; i++) chain.get(i).next = chain.get(i + 1);
    }

    /** Puts {@code inserted} right after {@code previous} in a chain that may be serving requests. */
    static void insertAfter(Handler previous, Handler inserted) {
        inserted.next = previous.next;
        previous.next = inserted; // published last: a request sees the step whole or not at all
    }

    private static void addRules(List<Rule> rules, List<String> paths, String method) {
        String verb = method.toUpperCase(Locale.ROOT);
        for (String path : paths) rules.add(new Rule(verb, PathPattern.of(path)));
    }

    private static boolean anyMatches(List<Rule> rules, Env env) {
        String method = env.request().method();
        String path = env.request().path();
        for (Rule rule : rules) {
            if (rule.matches(method, path)) return true;
        }
        return false;
    }
}
