package bench.kemal;

import static kemal.Kemal.*;
import static kemal.views.Views.*;

import bench.Fortunes;
import java.util.Map;
import kemal.Kemal;
import kemal.views.JteTemplates;
import kemal.views.Views;

/**
 * The guide's Hello World plus the bench routes, written as a Kemal user would.
 *
 * <pre>
 * java -jar bench/servers/kemal/target/kemal.jar --port 3000 [--log] [--public bench/public]
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
 */
public final class KemalBench {
    /** The body of {@code GET /json}, serialised per request. */
    public record Message(String message) {}

    private KemalBench() {}

    public static void main(String[] args) {
        logging(false);
        // The templates compiled into the jar, as in production: the default would compile them
        // from src/main/jte instead whenever the server starts in a folder that has one.
        Views.engine(JteTemplates.precompiled());
        Kemal.config().extraOptions(parser ->
                parser.on("--log", "Turn the request log on (off by default for benchmarking)", () -> logging(true))
                        .on("--public DIR", "Public folder, for the static endpoint (default ./public)", dir -> publicFolder(dir)));

        get("/", env -> "Hello World!");

        get("/plaintext", env -> env.text("Hello, World!"));
        get("/json", env -> new Message("Hello, World!"));
        get("/hello/:name", env -> env.text("Hello back to " + env.params().url("name")));
        post("/echo", env -> env.text(env.params().body("message")));
        get("/template", env -> render("fortunes.jte", Map.of("fortunes", Fortunes.forRequest())));
        // WebSocket echo. Kemal's default origin policy stays on: the load generator sends the
        // same-origin Origin a page of this server would.
        ws("/ws", (socket, env) -> socket.onMessage(socket::send));

        Kemal.run(args);
    }
}
