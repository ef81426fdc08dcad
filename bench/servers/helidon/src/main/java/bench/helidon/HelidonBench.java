package bench.helidon;

import bench.ServerArgs;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/**
 * The bench routes on Helidon SE 4, whose server runs every request on a virtual thread. JSON
 * goes through Helidon's Jackson media support, found on the class path.
 *
 * <pre>
 * java -jar bench/servers/helidon/target/helidon.jar --port 3000 [--public bench/public]
 * </pre>
 *
 * With {@code --public DIR}, Helidon's static content feature serves {@code DIR/static} at
 * {@code /static}. {@code ws /ws} echoes text messages through Helidon's WebSocket routing.
 */
public final class HelidonBench {
    /** The body of {@code GET /json}, serialised per request. */
    public record Message(String message) {}

    private HelidonBench() {}

    public static void main(String[] args) {
        ServerArgs cli = ServerArgs.parse("helidon", args);
        var server = WebServer.builder()
                .port(cli.port())
                .routing(HelidonBench::routing)
                .addRouting(WsRouting.builder().endpoint("/ws", new Echo()));
        if (cli.staticFolder() != null) {
            server.addFeature(StaticContentFeature.create(statics -> statics
                    .addPath(files -> files.location(cli.staticFolder()).context("/" + ServerArgs.STATIC))));
        }
        server.build().start();
    }

    /** {@code ws /ws}: sends every text message (or part of one) back as it came. */
    static final class Echo implements WsListener {
        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            session.send(text, last);
        }
    }

    static void routing(HttpRouting.Builder routing) {
        routing.get("/plaintext", (req, res) -> res.send("Hello, World!"))
                .get("/json", (req, res) -> res.send(new Message("Hello, World!")))
                .get("/hello/{name}", (req, res) ->
                        res.send("Hello back to " + req.path().pathParameters().get("name")))
                .post("/echo", (req, res) ->
                        res.send(req.content().as(Parameters.class).first("message").orElse("")));
    }
}
