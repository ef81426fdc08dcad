package kemal.internal.files;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import kemal.internal.errors.Html;

/** The HTML page listing a public directory (when {@code dirListing} is on). */
final class DirectoryListing {
    private DirectoryListing() {}

    /**
     * @param served whether an entry would be served (links leading out of the public folder
     *     are not, and are not listed either); hidden entries are never listed
     */
    static String render(String requestPath, Path dir, Predicate<Path> served) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".") || !served.test(entry)) continue;
                names.add(Files.isDirectory(entry) ? name + "/" : name);
            }
        }
        names.sort(String::compareTo);
        String title = "Directory listing for " + Html.escape(requestPath);
        StringBuilder html = new StringBuilder(256 + names.size() * 64)
                .append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n</head>\n<body>\n<h2>").append(title).append("</h2>\n<hr/>\n<ul>\n");
        for (String name : names) {
            String href = URLEncoder.encode(name.endsWith("/") ? name.substring(0, name.length() - 1) : name,
                    StandardCharsets.UTF_8).replace("+", "%20") + (name.endsWith("/") ? "/" : "");
            html.append("  <li><a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(name))
                    .append("</a></li>\n");
        }
        return html.append("</ul>\n</body>\n</html>\n").toString();
    }
}
