package bench.kemal;

import static kemal.Kemal.*;
import static kemal.views.Views.*;

import bench.Fortunes;
import java.util.List;
import java.util.Map;
import kemal.Kemal;
import kemal.Route;
import kemal.WebSocketRoute;
import kemal.views.JteTemplates;
import kemal.views.Views;

/**
 * The guide's Hello World plus the bench routes, written as a Kemal user would.
 *
 * <pre>
 * java -jar bench/servers/kemal/target/kemal.jar --port 3000 [--log] [--public bench/public] [--event-loop]
 * </pre>
 *
 * {@code --public DIR} makes {@code DIR} Kemal's public folder, so {@code DIR/static/100k.txt}
 * is {@code GET /static/100k.txt}. (As in any Kemal app with a public folder, every GET and HEAD
 * first looks there for a file.)
 *
 * The request log is off: with it on, every request also formats and writes a line to stdout,
 * so the run measures the log pipe as much as the framework, and none of the peers logs
 * requests by default. {@code --log} turns it back on to measure what it costs.
 *
 * {@code GET /template} renders {@code bench/templates/fortunes.jte} (shared with the javalin
 * server) with kemal-views, precompiled into the jar at build time.
 *
 * {@code --event-loop} declares the bench routes {@link kemal.Route#nonBlocking non-blocking},
 * so they run on the event loop instead of a virtual thread each (the echo route reads a body,
 * so it stays on a virtual thread either way), and the WebSocket echo
 * {@link WebSocketRoute#nonBlocking non-blocking}, so its callbacks run on the event loop.
 */
public final class KemalBench {
    /** The body of {@code GET /json}, serialised per request. */
    public record Message(String message) {}

    private KemalBench() {}

    public static void main(String[] args) {
        // Known before the routes are declared; the CLI parser below only accepts the flag.
        boolean onEventLoop = List.of(args).contains("--event-loop");
        logging(false);
        // The templates compiled into the jar, as in production: the default would compile them
        // from src/main/jte instead whenever the server starts in a folder that has one.
        Views.engine(JteTemplates.precompiled());
        Kemal.config().extraOptions(parser ->
                parser.on("--log", "Turn the request log on (off by default for benchmarking)", () -> logging(true))
                        .on("--public DIR", "Public folder, for the static endpoint (default ./public)", dir -> publicFolder(dir))
                        .on("--event-loop", "Run the routes on the event loop (non-blocking routes)", () -> {}));

        get("/", env -> "Hello World!");

        get("/plaintext", mode(onEventLoop, env -> env.text("Hello, World!")));
        get("/json", mode(onEventLoop, env -> new Message("Hello, World!")));
        get("/hello/:name", mode(onEventLoop, env -> env.text("Hello back to " + env.params().url("name"))));
        post("/echo", env -> env.text(env.params().body("message")));
        get("/template", mode(onEventLoop, env -> render("fortunes.jte", Map.of("fortunes", Fortunes.forRequest()))));
        // WebSocket echo. Kemal's default origin policy stays on: the load generator sends the
        // same-origin Origin a page of this server would.
        WebSocketRoute echo = (socket, env) -> socket.onMessage(socket::send);
        ws("/ws", onEventLoop ? nonBlocking(echo) : echo);

        Kemal.run(args);
    }

    private static Route mode(boolean onEventLoop, Route route) {
        return onEventLoop ? nonBlocking(route) : route;
    }
}
