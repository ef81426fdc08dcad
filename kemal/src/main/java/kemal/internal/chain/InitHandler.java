package kemal.internal.chain;

import kemal.Env;
import kemal.Handler;
import kemal.internal.KemalInternals;

/** First in the chain: the default headers every response starts with (Kemal's InitHandler). */
public final class InitHandler extends Handler {
    private final String poweredBy;
    private final KemalInternals internals = KemalInternals.get();

    /** @param poweredBy the {@code X-Powered-By} value, or null for none */
    public InitHandler(String poweredBy) {
        this.poweredBy = poweredBy;
    }

    @Override
    public void call(Env env) throws Exception {
        if (poweredBy != null) env.response().header("X-Powered-By", poweredBy);
        internals.setDefaultContentType(env.response());
        callNext(env);
    }
}
