package kemal;

import io.netty.channel.local.LocalAddress;
import kemal.internal.KemalInternals;
import kemal.internal.routing.RouteEntry;
import kemal.internal.routing.RouteMatch;

/** The implementation of {@link KemalInternals}, with access to the package's internals. */
final class InternalBridge extends KemalInternals {
    @Override
    public RouteMatch<RouteEntry> routeMatch(Env env) {
        return env.routeMatch();
    }

    @Override
    public void writeResult(Env env, Object result) throws Exception {
        ResultWriter.write(env, result);
    }

    @Override
    public boolean resetBody(Response response) {
        return response.resetBody();
    }

    @Override
    public void markHeadRequest(Response response) {
        response.markHeadRequest();
    }

    @Override
    public void setDefaultHeaders(Response response, String poweredBy) {
        response.setDefaultHeaders(poweredBy);
    }

    @Override
    public void abort(Response response) {
        response.abort();
    }

    @Override
    public void checkBody(Env env) {
        env.request().exchange().body().checkNotRefused();
    }

    @Override
    public void sendFileBody(Response response, long length, java.util.List<Object> parts) throws java.io.IOException {
        response.sendFileBody(length, parts);
    }

    @Override
    public java.io.OutputStream streamingOutput(Response response, int threshold) {
        return response.streamingOutput(threshold);
    }

    @Override
    public void useUrlParams(Env env, RouteMatch<?> match) {
        env.useUrlParams(match);
    }

    @Override
    public void upgrade(Response response, java.util.function.Consumer<io.netty.channel.ChannelPipeline> install) {
        response.upgrade(install);
    }

    @Override
    public void markErrorPage(Env env) {
        env.markErrorPage();
    }

    @Override
    public boolean hasErrorPage(Env env) {
        return env.hasErrorPage();
    }

    @Override
    public void link(Handler handler, Handler next) {
        handler.next(next);
    }

    @Override
    public LocalAddress startInProcess(App app) {
        return app.startInProcess();
    }

    @Override
    public void onUnhandledException(App app, java.util.function.Consumer<Throwable> listener) {
        app.onUnhandledException(listener);
    }
}
