package guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where the guide app's folders are, wherever it is started from: {@code public} (served as the
 * public folder) and {@code uploads} (where the upload routes save files).
 *
 * <p>Both live in {@code examples/guide}, found from where the app's classes were loaded:
 * {@code examples/guide/target/guide.jar} (the runnable jar) and
 * {@code examples/guide/target/classes} (the tests, an IDE) are both two levels below it. So
 * {@code java -jar examples/guide/target/guide.jar} from the repository root serves the same files
 * as {@code java -jar target/guide.jar} from {@code examples/guide}. A copy of the jar elsewhere
 * falls back to {@code ./public} and {@code ./uploads} in the working directory, as Kemal's own
 * default does.
 */
final class GuideFolders {
    private static final Path APP_FOLDER = findAppFolder();

    private GuideFolders() {}

    /** {@code examples/guide/public}, or {@code ./public}. */
    static Path publicFolder() {
        return APP_FOLDER.resolve("public");
    }

    /** {@code examples/guide/uploads}, or {@code ./uploads}; created if missing. */
    static Path uploads() {
        Path uploads = APP_FOLDER.resolve("uploads");
        try {
            return Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the uploads folder " + uploads, e);
        }
    }

    /** The folder holding {@code public}: two levels above the jar or classes folder, else the working directory. */
    private static Path findAppFolder() {
        Path classes = codeLocation();
        if (classes != null && classes.getParent() != null && classes.getParent().getParent() != null) {
            Path candidate = classes.getParent().getParent();
            if (Files.isDirectory(candidate.resolve("public"))) return candidate;
        }
        return Path.of("").toAbsolutePath();
    }

    /** The jar or folder GuideApp was loaded from, or null when the class loader does not say. */
    private static Path codeLocation() {
        CodeSource source = GuideApp.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return null;
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }
}
