package kemal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files of a {@code multipart/form-data} request by field name, Kemal's
 * {@code env.params.files}.
 *
 * <pre>{@code
 * if (!env.params().files().has("image")) return halt(env, 400, "No file uploaded");
 * for (UploadedFile f : env.params().files().all("images[]")) { ... }
 * }</pre>
 */
public final class UploadedFiles {
    static final UploadedFiles EMPTY = new UploadedFiles(new LinkedHashMap<>());

    private final Map<String, List<UploadedFile>> files;

    UploadedFiles(LinkedHashMap<String, List<UploadedFile>> files) {
        this.files = files;
    }

    /** The file sent under {@code name} (the last one if several were), or {@code null}. */
    public UploadedFile get(String name) {
        List<UploadedFile> list = files.get(name);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    /** Every file sent under {@code name}, in order (e.g. {@code images[]}); empty when none. */
    public List<UploadedFile> all(String name) {
        List<UploadedFile> list = files.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean has(String name) {
        return files.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(files.keySet());
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    @Override
    public String toString() {
        return files.toString();
    }
}
