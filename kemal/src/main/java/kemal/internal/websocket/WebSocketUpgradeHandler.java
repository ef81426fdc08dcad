package kemal.internal.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import kemal.Env;
import kemal.Handler;
import kemal.Request;
import kemal.Response;
import kemal.internal.KemalInternals;
import kemal.internal.routing.RadixTree;
import kemal.internal.routing.RouteMatch;
import kemal.internal.server.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain step that turns a WebSocket upgrade request for a {@code ws} route into a WebSocket
 * (Kemal's WebSocketHandler, after the filters and before the routes). Anything else, a plain GET
 * to a ws-only path included, goes on to the routes. Checks, in Kemal's order: the method (405),
 * the origin policy (403), then RFC 6455's handshake requirements (400, or 426 for a version other
 * than 13). permessage-deflate is negotiated when the client offers it.
 */
public final class WebSocketUpgradeHandler extends Handler {
    private static final Logger log = LoggerFactory.getLogger(WebSocketUpgradeHandler.class);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final RadixTree<WebSocketEndpoint> routes;
    private final WebSocketSettings settings;
    private final OriginPolicy origins;
    private final KemalInternals internals = KemalInternals.get();

    public WebSocketUpgradeHandler(RadixTree<WebSocketEndpoint> routes, WebSocketSettings settings) {
        this.routes = routes;
        this.settings = settings;
        this.origins = new OriginPolicy(settings.allowedOrigins());
    }

    @Override
    public void call(Env env) throws Exception {
        Request request = env.request();
        RouteMatch<WebSocketEndpoint> route = isUpgrade(request) ? routes.find(request.path()) : null;
        if (route == null) {
            callNext(env);
            return;
        }
        Response response = env.response();
        if (!request.method().equals("GET")) {
            refuse(response, 405, "Method Not Allowed").header("Allow", "GET");
            return;
        }
        if (!origins.allows(request.header("Origin"), request.host())) {
            refuse(response, 403, "Forbidden");
            return;
        }
        // Crystal's WebSocketHandler checks, in this order: version, Host, protocol version, key.
        if (!request.version().equals("HTTP/1.1") || request.host() == null) {
            refuse(response, 400, "400 Bad Request\n");
            return;
        }
        if (!"13".equals(trim(request.header("Sec-WebSocket-Version")))) {
            refuse(response, 426, "").header("Sec-WebSocket-Version", "13");
            return;
        }
        String key = request.header("Sec-WebSocket-Key");
        if (!isValidKey(key)) {
            refuse(response, 400, "400 Bad Request\n");
            return;
        }
        internals.useUrlParams(env, route);
        response.header("Upgrade", "websocket").header("Sec-WebSocket-Accept", accept(key));
        WebSocketServerExtension deflate = negotiateDeflate(request.header("Sec-WebSocket-Extensions"));
        MessageInflater inflater = null;
        if (deflate != null) {
            WebSocketExtensionData agreed = deflate.newReponseData();
            response.header("Sec-WebSocket-Extensions", headerValue(agreed));
            inflater = new MessageInflater(agreed.parameters().containsKey("client_no_context_takeover"));
        }
        WebSocketEndpoint endpoint = route.payload();
        WebSocketSession session = new WebSocketSession(settings, inflater, endpoint.callbacksOnEventLoop());
        internals.upgrade(response, pipeline -> install(pipeline, session, deflate));
        try {
            endpoint.route().call(session, env);
        } catch (Exception e) {
            log.error("WebSocket route {} failed", request.path(), e);
            session.close(1011, "Internal error");
        }
        session.start();
    }

    /**
     * Replaces HTTP with WebSocket framing in the pipeline (on the event loop, after the 101):
     * Netty's frame codec, its permessage-deflate encoder when negotiated, then the session,
     * which inflates, checks UTF-8 and close frames itself.
     */
    private void install(ChannelPipeline pipeline, WebSocketSession session, WebSocketServerExtension deflate) {
        String before = Exchange.PROTOCOL_HANDLERS_BEFORE;
        int limit = settings.maxMessageSize();
        WebSocketDecoderConfig decoding = WebSocketDecoderConfig.newBuilder()
                // A compressed frame may be a little larger than what it inflates to; the session
                // checks every message's real size.
                .maxFramePayloadLength(deflate == null ? limit : limit + limit / 64 + 64)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(deflate != null)
                .closeOnProtocolViolation(false) // the session fails the connection, see its fail()
                .withUTF8Validator(false)
                .build();
        pipeline.addBefore(before, "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.addBefore(before, "ws-decoder", new FrameDecoder(decoding));
        if (deflate != null) pipeline.addBefore(before, "ws-deflate-encoder", deflate.newExtensionEncoder());
        pipeline.addBefore(before, "ws-session", session);
    }

    /**
     * Netty's frame decoder, except for close frames: it drops the connection without a close
     * frame when a close code is invalid, so the session checks close frames and answers 1002.
     */
    private static final class FrameDecoder extends WebSocket13FrameDecoder {
        FrameDecoder(WebSocketDecoderConfig config) {
            super(config);
        }

        @Override
        protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
            // WebSocketSession.onCloseFrame
        }
    }

    private static WebSocketServerExtension negotiateDeflate(String offered) {
        if (offered == null) return null;
        // Only its negotiation and encoder are used: the session inflates within the size limit.
        PerMessageDeflateServerExtensionHandshaker handshaker = new PerMessageDeflateServerExtensionHandshaker(0);
        for (WebSocketExtensionData extension : WebSocketExtensionUtil.extractExtensions(offered)) {
            WebSocketServerExtension accepted = handshaker.handshakeExtension(extension);
            if (accepted != null) return accepted;
        }
        return null;
    }

    /** An extension's response header value: {@code name; key=value; flag}. */
    private static String headerValue(WebSocketExtensionData extension) {
        StringBuilder value = new StringBuilder(extension.name());
        for (java.util.Map.Entry<String, String> parameter : extension.parameters().entrySet()) {
            value.append("; ").append(parameter.getKey());
            if (parameter.getValue() != null) value.append('=').append(parameter.getValue());
        }
        return value.toString();
    }

    private static boolean isUpgrade(Request request) {
        String upgrade = request.header("Upgrade");
        if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) return false;
        String connection = request.header("Connection");
        if (connection == null) return false;
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase("upgrade")) return true;
        }
        return false;
    }

    /** A Sec-WebSocket-Key is 16 random bytes in base64 (RFC 6455 §4.2.1). */
    private static boolean isValidKey(String key) {
        if (key == null) return false;
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Kemal's refusals: plain text, and the connection closes so nothing pipelined behind is served. */
    private static Response refuse(Response response, int status, String body) {
        return response.status(status).contentType("text/plain; charset=UTF-8").header("Connection", "close")
                .print(body);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
