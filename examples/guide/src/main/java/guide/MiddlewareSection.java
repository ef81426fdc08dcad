package guide;

import static kemal.Kemal.*;

import java.util.List;
import kemal.Env;
import kemal.Handler;

/** Guide section "Middleware": a custom handler, and conditional execution with only/exclude. */
final class MiddlewareSection {
    private MiddlewareSection() {}

    static class CustomHandler extends Handler {
        @Override
        public void call(Env env) throws Exception {
            env.response().header("X-Custom", "1");
            callNext(env);
        }
    }

    /** Matches GET /specials and GET /deals. */
    static class OnlyHandler extends Handler {
        OnlyHandler() {
            only(List.of("/specials", "/deals"));
        }

        @Override
        public void call(Env env) throws Exception {
            if (!onlyMatch(env)) {
                callNext(env);
                return;
            }
            env.response().header("X-Only", "1");
            callNext(env);
        }
    }

    /** Matches POST /blogs only. */
    static class PostOnlyHandler extends Handler {
        PostOnlyHandler() {
            only(List.of("/blogs"), "POST");
        }

        @Override
        public void call(Env env) throws Exception {
            if (!onlyMatch(env)) {
                callNext(env);
                return;
            }
            env.response().header("X-Post-Only", "1");
            callNext(env);
        }
    }

    /** Runs for every path but GET /. */
    static class ExcludeHandler extends Handler {
        ExcludeHandler() {
            exclude(List.of("/"));
        }

        @Override
        public void call(Env env) throws Exception {
            if (excludeMatch(env)) {
                callNext(env);
                return;
            }
            env.response().header("X-Exclude", "1");
            callNext(env);
        }
    }

    static void define() {
        addHandler(new CustomHandler());
        addHandler(new OnlyHandler());
        addHandler(new PostOnlyHandler());
        addHandler(new ExcludeHandler());

        get("/specials", env -> "specials");
        get("/deals", env -> "deals");
        get("/blogs", env -> "blogs");
        post("/blogs", env -> "blog created");
    }
}
