package kemal.internal.chain;

import kemal.Env;
import kemal.Handler;
import kemal.internal.KemalInternals;

/**
 * A HEAD request runs like a GET, but its body is only counted: the response carries the
 * Content-Length the GET would have had and no body.
 */
public final class HeadRequestHandler extends Handler {
    private final KemalInternals internals = KemalInternals.get();

    @Override
    public void call(Env env) throws Exception {
        if (env.request().method().equals("HEAD")) internals.markHeadRequest(env.response());
        callNext(env);
    }
}
