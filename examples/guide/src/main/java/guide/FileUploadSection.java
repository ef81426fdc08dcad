package guide;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static kemal.Kemal.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import kemal.UploadedFile;

/**
 * Guide section "File Upload": the basic upload, the one with validation, and several files
 * under {@code images[]}. Files are saved in {@code examples/guide/uploads} (see GuideFolders),
 * created when the app starts.
 */
final class FileUploadSection {
    private FileUploadSection() {}

    static void define() {
        Path uploads = GuideFolders.uploads();

        // Basic file upload
        post("/upload", env -> {
            // Get the uploaded file from the form field named "image"
            Path file = env.params().files().get("image").tempfile();

            // Create the destination path
            Path filePath = uploads.resolve(file.getFileName());

            // Copy the uploaded file to the destination
            Files.copy(file, filePath, REPLACE_EXISTING);

            return "Upload successful!";
        });

        // Advanced file upload with validation
        post("/upload-checked", env -> {
            // Check if file was uploaded
            if (!env.params().files().has("image")) {
                halt(env, 400, "No file uploaded");
            }

            UploadedFile uploadedFile = env.params().files().get("image");

            // Validate file size (e.g., max 5MB)
            long maxSize = 5 * 1024 * 1024;
            if (uploadedFile.size() > maxSize) {
                halt(env, 400, "File too large");
            }

            // Validate file type by extension
            List<String> allowedExtensions = List.of(".jpg", ".jpeg", ".png", ".gif");
            String fileExtension = extname(uploadedFile.filename()).toLowerCase(Locale.ROOT);
            if (!allowedExtensions.contains(fileExtension)) {
                halt(env, 400, "Invalid file type");
            }

            // Generate a unique filename to prevent conflicts
            String uniqueFilename = Instant.now().getEpochSecond() + "_" + uploadedFile.filename();
            Path filePath = uploads.resolve(uniqueFilename);

            // Save the file
            Files.copy(uploadedFile.tempfile(), filePath, REPLACE_EXISTING);

            return "File uploaded successfully as: " + uniqueFilename;
        });

        // Multiple file upload
        post("/upload-multiple", env -> {
            List<String> uploadedFileNames = new ArrayList<>();

            // Get all files from the images[] field
            if (env.params().files().has("images[]")) {
                // all("images[]") returns every file sent under the name, in order
                for (UploadedFile uploadedFile : env.params().files().all("images[]")) {
                    // Validate each file
                    long maxSize = 5 * 1024 * 1024;
                    if (uploadedFile.size() > maxSize) {
                        continue; // Skip files that are too large
                    }

                    // Validate file type
                    List<String> allowedExtensions = List.of(".jpg", ".jpeg", ".png", ".gif");
                    String fileExtension = extname(uploadedFile.filename()).toLowerCase(Locale.ROOT);
                    if (!allowedExtensions.contains(fileExtension)) {
                        continue; // Skip invalid file types
                    }

                    // Generate unique filename
                    String uniqueFilename = Instant.now().getEpochSecond() + "_"
                            + ThreadLocalRandom.current().nextInt(1000) + "_" + uploadedFile.filename();
                    Path filePath = uploads.resolve(uniqueFilename);

                    // Save the file
                    Files.copy(uploadedFile.tempfile(), filePath, REPLACE_EXISTING);

                    uploadedFileNames.add(uniqueFilename);
                }
            }

            if (uploadedFileNames.isEmpty()) {
                return "No valid files were uploaded";
            } else {
                return "Successfully uploaded " + uploadedFileNames.size() + " files: "
                        + String.join(", ", uploadedFileNames);
            }
        });
    }

    /**
     * Crystal's {@code File.extname}: the extension with its dot ({@code ".png"}), or {@code ""}
     * when the name has none, starts with its only dot ({@code ".bashrc"}) or ends with a dot.
     */
    static String extname(String filename) {
        if (filename == null) return "";
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) return "";
        return name.substring(dot);
    }
}
