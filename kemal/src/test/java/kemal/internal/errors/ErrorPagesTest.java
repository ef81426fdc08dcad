package kemal.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorPagesTest {

    @Test
    void notFoundHasKemalHeadingAndTitle() {
        String page = ErrorPages.notFound();
        assertThat(page).contains("<title>404 Not Found</title>");
        assertThat(PageAssertions.count(page, "<h2>Kemal doesn't know this way.</h2>")).isEqualTo(1);
        assertThat(page).contains("Check the URL");
        assertThat(page).contains("<html lang=\"en\">", "<meta charset=\"utf-8\">");
    }

    @Test
    void notFoundIsSmallInertAndSelfContained() {
        String page = ErrorPages.notFound();
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(8 * 1024);
        PageAssertions.assertInertSelfContainedPage(page);
        assertThat(page).contains("<svg").contains("</svg>");
    }

    @Test
    void productionErrorHasKemalHeadingAndNoDetails() {
        String page = ErrorPages.productionError();
        assertThat(page).contains("<title>500 Internal Server Error</title>");
        assertThat(page).contains("<h2>Kemal has encountered an error. (500)</h2>");
        assertThat(page).contains("<p>Something wrong with the server :(</p>");
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(8 * 1024);
        assertThat(page).doesNotContain("Exception", "<pre", "<table");
        PageAssertions.assertInertSelfContainedPage(page);
    }

    @Test
    void pagesAreCached() {
        assertThat(ErrorPages.notFound()).isSameAs(ErrorPages.notFound());
        assertThat(ErrorPages.productionError()).isSameAs(ErrorPages.productionError());
    }
}
