package bench.helidon;

import bench.ServerArgs;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * The bench routes on Helidon SE 4, whose server runs every request on a virtual thread. JSON
 * goes through Helidon's Jackson media support, found on the class path.
 *
 * <pre>
 * java -jar bench/servers/helidon/target/helidon.jar --port 3000
 * </pre>
 */
public final class HelidonBench {
    /** The body of {@code GET /json}, serialised per request. */
    public record Message(String message) {}

    private HelidonBench() {}

    public static void main(String[] args) {
        ServerArgs cli = ServerArgs.parse("helidon", args);
        WebServer.builder()
                .port(cli.port())
                .routing(HelidonBench::routing)
                .build()
                .start();
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
