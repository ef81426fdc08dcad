package bench.javalin;

import bench.ServerArgs;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;

/**
 * The bench routes on Javalin 7, handlers on virtual threads.
 *
 * <pre>
 * java -jar bench/servers/javalin/target/javalin.jar --port 3000 [--public bench/public]
 * </pre>
 *
 * With {@code --public DIR}, Javalin's static files serve {@code DIR/static} at {@code /static}.
 */
public final class JavalinBench {
    /** The body of {@code GET /json}, serialised per request. */
    public record Message(String message) {}

    private JavalinBench() {}

    public static void main(String[] args) {
        ServerArgs cli = ServerArgs.parse("javalin", args);
        Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            // Jackson 3, the same JSON library as the other servers (Javalin's default is Jackson 2).
            config.jsonMapper(new JavalinJackson3());
            // Javalin's default is "text/plain"; the charset makes the header the same as the peers'.
            config.http.defaultContentType = "text/plain; charset=utf-8";

            config.routes.get("/plaintext", ctx -> ctx.result("Hello, World!"));
            config.routes.get("/json", ctx -> ctx.json(new Message("Hello, World!")));
            config.routes.get("/hello/{name}", ctx -> ctx.result("Hello back to " + ctx.pathParam("name")));
            config.routes.post("/echo", ctx -> ctx.result(ctx.formParam("message")));
            // WebSocket echo (Jetty's WebSocket server).
            config.routes.ws("/ws", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));

            if (cli.staticFolder() != null) {
                config.staticFiles.add(staticFiles -> {
                    staticFiles.hostedPath = "/" + ServerArgs.STATIC;
                    staticFiles.directory = cli.staticFolder().toString();
                    staticFiles.location = Location.EXTERNAL;
                });
            }
        }).start(cli.port());
    }
}
