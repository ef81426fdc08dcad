import static kemal.Kemal.*;

import kemal.Kemal;

/** The guide's "Using Kemal" example. */
public class HelloWorld {
    public static void main(String[] args) {
        get("/", env -> "Hello World!");

        Kemal.run(args);
    }
}
