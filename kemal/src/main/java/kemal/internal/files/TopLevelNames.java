package kemal.internal.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The names directly inside the public folder, listed again at most once a second. Most GET
 * requests are for routes, not files; a first path segment that names nothing in the folder
 * answers "not a file" from memory, without a file-system call.
 */
final class TopLevelNames {
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Path root;
    private volatile Set<String> names;
    private volatile long listedAt;

    TopLevelNames(Path root) {
        this.root = root;
        this.names = list();
        this.listedAt = System.nanoTime();
    }

    /** Whether the relative path's first segment may exist in the folder (empty: the folder itself). */
    boolean mayExist(String relativePath) {
        int slash = relativePath.indexOf('/');
        String first = slash < 0 ? relativePath : relativePath.substring(0, slash);
        return first.isEmpty() || current().contains(first);
    }

    private Set<String> current() {
        long now = System.nanoTime();
        if (now - listedAt > REFRESH_NANOS) {
            listedAt = now; // one refresh at a time is enough; others use the previous list
            names = list();
        }
        return names;
    }

    private Set<String> list() {
        Set<String> found = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) found.add(entry.getFileName().toString());
        } catch (IOException e) {
            return Set.of();
        }
        return found;
    }
}
