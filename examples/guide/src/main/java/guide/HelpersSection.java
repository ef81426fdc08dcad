package guide;

import static kemal.Kemal.*;

import kemal.Mime;

/** Guide section "Helpers": redirect, halt, custom errors and send_file. */
final class HelpersSection {
    private HelpersSection() {}

    static class ValueError extends RuntimeException {}

    static class GrandParentException extends RuntimeException {}

    static class ParentException extends GrandParentException {}

    static class ChildException extends ParentException {}

    static void define() {
        // Browser redirect
        get("/logout", env -> env.redirect("/login"));
        get("/login", env -> "Please log in");

        // Halt
        get("/forbidden", env -> halt(env, 403, "Forbidden"));

        // Custom errors
        error(404, env -> "This is a customized 404 page.");
        error(403, env -> "Access Forbidden!");
        get("/status-403", env -> env.response().status(403));

        get("/value-error", env -> {
            throw new ValueError();
        });
        error(ValueError.class, (env, ex) -> "Something has gone wrong");

        // Declaration order wins over inheritance: the grandparent's handler answers a child.
        error(GrandParentException.class, (env, ex) -> "Grandparent exception");
        error(ParentException.class, (env, ex) -> "Parent exception");
        get("/child-error", env -> {
            throw new ChildException();
        });

        // Send file: the type from the extension, or the one given; Mime.register adds a type.
        // The files are in the public folder (StaticFilesSection), wherever the app was started.
        get("/file", env -> sendFile(env, config().publicFolder() + "/images/kemal.jpg"));
        get("/file-as-jpeg", env -> sendFile(env, config().publicFolder() + "/files/data.exe", "image/jpeg"));
        Mime.register(".cr", "text/crystal");
        get("/file.cr", env -> sendFile(env, config().publicFolder() + "/files/hello.cr"));
    }
}
