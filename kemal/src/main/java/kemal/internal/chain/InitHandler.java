package kemal.internal.chain;

import kemal.Env;
import kemal.Handler;
import kemal.internal.KemalInternals;
import kemal.internal.http.HeaderValidation;

/** First in the chain: the default headers every response starts with (Kemal's InitHandler). */
public final class InitHandler extends Handler {
    private final String poweredBy;
    private final KemalInternals internals = KemalInternals.get();

    /**
     * @param poweredBy the {@code X-Powered-By} value, or null for none
     * @throws IllegalArgumentException when it could split a response (checked once, here)
     */
    public InitHandler(String poweredBy) {
        this.poweredBy = poweredBy == null ? null : HeaderValidation.checkValue("X-Powered-By", poweredBy);
    }

    @Override
    public void call(Env env) throws Exception {
        internals.setDefaultHeaders(env.response(), poweredBy);
        callNext(env);
    }
}
