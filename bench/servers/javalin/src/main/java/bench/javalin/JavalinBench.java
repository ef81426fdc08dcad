package bench.javalin;

import bench.Fortunes;
import bench.ServerArgs;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import io.javalin.rendering.FileRenderer;
import java.util.Collections;
import java.util.Map;

/**
 * The bench routes on Javalin 7, handlers on virtual threads.
 *
 * <pre>
 * java -jar bench/servers/javalin/target/javalin.jar --port 3000 [--public bench/public]
 * </pre>
 *
 * With {@code --public DIR}, Javalin's static files serve {@code DIR/static} at {@code /static}.
 *
 * {@code GET /template} renders {@code bench/templates/fortunes.jte} (shared with the kemal
 * server), precompiled into the jar at build time, through Javalin's {@code ctx.render}. Javalin 7
 * has no JTE renderer on Maven Central (javalin-rendering stops at 6.x), so {@link #jte()} is a
 * {@code FileRenderer} of our own over JTE's precompiled engine.
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
            config.fileRenderer(jte());
            // Javalin's default is "text/plain"; the charset makes the header the same as the peers'.
            config.http.defaultContentType = "text/plain; charset=utf-8";

            config.routes.get("/plaintext", ctx -> ctx.result("Hello, World!"));
            config.routes.get("/json", ctx -> ctx.json(new Message("Hello, World!")));
            config.routes.get("/hello/{name}", ctx -> ctx.result("Hello back to " + ctx.pathParam("name")));
            config.routes.post("/echo", ctx -> ctx.result(ctx.formParam("message")));
            config.routes.get("/template", ctx -> ctx.render("fortunes.jte", Map.of("fortunes", Fortunes.forRequest())));
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

    /** {@code ctx.render} with the JTE templates compiled into the jar, HTML-escaped. */
    private static FileRenderer jte() {
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        return (template, model, ctx) -> {
            StringOutput out = new StringOutput();
            // As a Map<String, Object>: given the Map<String, ?> itself, Java would pick the
            // render(name, Object param, out) overload and pass the whole map as the one parameter.
            templates.render(template, Collections.unmodifiableMap(model), out);
            return out.toString();
        };
    }
}
