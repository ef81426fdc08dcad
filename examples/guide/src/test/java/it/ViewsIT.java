package it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The packaged guide.jar renders from the templates compiled into it: in production the
 * template sources are never read, so the jar works with no src/main/jte around.
 */
class ViewsIT {

    @Test
    void theJarRendersPrecompiledTemplatesInProduction() {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").env("KEMAL_ENV", "production")
                .args("-p", Integer.toString(port)).start()) {
            app.awaitStartup();
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/views/Jar").body().trim()).isEqualTo("Hello Jar");
            String page = JarProcess.get("http://127.0.0.1:" + port + "/content-for").body();
            assertThat(page).contains("<title>My Kemal Application</title>")
                    .contains("<script src=\"/js/page.js\"></script>");
        }
    }
}
