package guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kemal.test.TestClient;
import kemal.test.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * shared/guide-app.md, "File upload": multipart bodies built here (and one sent by curl), and
 * the files that land in {@code examples/guide/uploads}, which each test removes again.
 */
class FileUploadSectionTest extends GuideAppTestBase {
    /** The tests run in examples/guide, where the app keeps its uploads. */
    private static final Path UPLOADS = Path.of("uploads");
    private static final int FIVE_MB = 5 * 1024 * 1024;

    private Set<Path> before;

    @BeforeEach
    void rememberUploads() throws IOException {
        before = new HashSet<>(listUploads());
    }

    @AfterEach
    void removeNewUploads() throws IOException {
        for (Path file : listUploads()) {
            if (!before.contains(file)) Files.delete(file);
        }
    }

    // ---- POST /upload -----------------------------------------------------------------------

    @Test
    void basicUploadSavesTheFile(TestClient client) throws IOException {
        byte[] content = "not really a PNG, but any bytes will do".getBytes(StandardCharsets.UTF_8);
        MultipartBody form = new MultipartBody().file("image", "photo.png", "image/png", content);

        TestResponse response = client.request("POST", "/upload", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Upload successful!");
        List<Path> saved = newUploads();
        assertThat(saved).hasSize(1);
        assertThat(Files.readAllBytes(saved.get(0))).isEqualTo(content);
    }

    @Test
    void basicUploadKeepsBinaryContentIntact(TestClient client) throws IOException {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + (i >> 8));
        MultipartBody form = new MultipartBody().field("title", "binary").file("image", "noise.gif", "image/gif", content);

        TestResponse response = client.request("POST", "/upload", form.headers(), form.bytes());

        assertThat(response.body()).isEqualTo("Upload successful!");
        List<Path> saved = newUploads();
        assertThat(saved).hasSize(1);
        assertThat(Files.readAllBytes(saved.get(0))).isEqualTo(content);
    }

    // ---- POST /upload-checked ---------------------------------------------------------------

    @Test
    void checkedUploadWithoutAFile(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().field("title", "no file here");

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("No file uploaded");
        assertThat(newUploads()).isEmpty();
    }

    @Test
    void checkedUploadWhereImageIsAPlainField(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().field("image", "just text, no filename");

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("No file uploaded");
        assertThat(newUploads()).isEmpty();
    }

    @Test
    void checkedUploadOverFiveMegabytes(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().file("image", "huge.png", "image/png", new byte[FIVE_MB + 1]);

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("File too large");
        assertThat(newUploads()).isEmpty();
    }

    @Test
    void checkedUploadOfExactlyFiveMegabytesIsAccepted(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().file("image", "big.png", "image/png", new byte[FIVE_MB]);

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).matches("File uploaded successfully as: \\d+_big\\.png");
        assertThat(newUploads()).singleElement().satisfies(file -> assertThat(Files.size(file)).isEqualTo(FIVE_MB));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "setup.exe", "photo", "photo.", ".jpg", "photo.jpg.html"})
    void checkedUploadOfAnotherType(String filename, TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().file("image", filename, "application/octet-stream", new byte[] {1, 2, 3});

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Invalid file type");
        assertThat(newUploads()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "photo.jpeg", "photo.png", "photo.gif", "PHOTO.JPG", "my.holiday.Png"})
    void checkedUploadSavesItUnderAUniqueName(String filename, TestClient client) throws IOException {
        byte[] content = ("content of " + filename).getBytes(StandardCharsets.UTF_8);
        MultipartBody form = new MultipartBody().file("image", filename, "image/jpeg", content);
        long start = Instant.now().getEpochSecond();

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        long end = Instant.now().getEpochSecond();
        assertThat(response.status()).isEqualTo(200);
        Matcher saved = Pattern.compile("File uploaded successfully as: ((\\d+)_(.+))").matcher(response.body());
        assertThat(saved.matches()).as(response.body()).isTrue();
        assertThat(Long.parseLong(saved.group(2))).isBetween(start, end);
        assertThat(saved.group(3)).isEqualTo(filename);
        assertThat(newUploads()).containsExactly(UPLOADS.resolve(saved.group(1)));
        assertThat(Files.readAllBytes(UPLOADS.resolve(saved.group(1)))).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/photo.jpg", "/tmp/photo.jpg", "C:\\Users\\kemal\\photo.jpg", "a/b\\photo.jpg"})
    void checkedUploadDropsTheClientsDirectories(String filename, TestClient client) throws IOException {
        MultipartBody form = new MultipartBody().file("image", filename, "image/jpeg", new byte[] {4, 5, 6});

        TestResponse response = client.request("POST", "/upload-checked", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).matches("File uploaded successfully as: \\d+_photo\\.jpg");
        List<Path> saved = newUploads();
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).getParent()).isEqualTo(UPLOADS);
        assertThat(Files.readAllBytes(saved.get(0))).containsExactly(4, 5, 6);
    }

    // ---- POST /upload-multiple --------------------------------------------------------------

    @Test
    void multipleUploadSavesEveryValidFile(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody()
                .file("images[]", "first.png", "image/png", "one".getBytes(StandardCharsets.UTF_8))
                .file("images[]", "readme.txt", "text/plain", "skipped: wrong type".getBytes(StandardCharsets.UTF_8))
                .file("images[]", "second.JPG", "image/jpeg", "two".getBytes(StandardCharsets.UTF_8))
                .file("images[]", "huge.gif", "image/gif", new byte[FIVE_MB + 1])
                .file("images[]", "third.gif", "image/gif", "three".getBytes(StandardCharsets.UTF_8));

        TestResponse response = client.request("POST", "/upload-multiple", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(200);
        Matcher names = Pattern.compile("Successfully uploaded 3 files: "
                + "(\\d+_\\d{1,3}_first\\.png), (\\d+_\\d{1,3}_second\\.JPG), (\\d+_\\d{1,3}_third\\.gif)")
                .matcher(response.body());
        assertThat(names.matches()).as(response.body()).isTrue();
        assertThat(Files.readString(UPLOADS.resolve(names.group(1)))).isEqualTo("one");
        assertThat(Files.readString(UPLOADS.resolve(names.group(2)))).isEqualTo("two");
        assertThat(Files.readString(UPLOADS.resolve(names.group(3)))).isEqualTo("three");
        assertThat(newUploads()).hasSize(3);
    }

    @Test
    void multipleUploadWithNoValidFile(TestClient client) throws IOException {
        MultipartBody form = new MultipartBody()
                .file("images[]", "a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8))
                .file("images[]", "b.exe", "application/octet-stream", "b".getBytes(StandardCharsets.UTF_8));

        TestResponse response = client.request("POST", "/upload-multiple", form.headers(), form.bytes());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("No valid files were uploaded");
        assertThat(newUploads()).isEmpty();
    }

    @Test
    void multipleUploadWithoutTheField(TestClient client) throws IOException {
        // A file under another name is not one of images[].
        MultipartBody form = new MultipartBody().file("image", "photo.png", "image/png", new byte[] {1});

        TestResponse response = client.request("POST", "/upload-multiple", form.headers(), form.bytes());

        assertThat(response.body()).isEqualTo("No valid files were uploaded");
        assertThat(newUploads()).isEmpty();
    }

    // ---- the guide's "Testing File Upload": curl -F -----------------------------------------

    @Test
    void curlUploads(TestClient client, @TempDir Path dir) throws Exception {
        assumeThat(curlAvailable()).as("curl is installed").isTrue();
        Path png = Files.write(dir.resolve("file1.png"), "png bytes".getBytes(StandardCharsets.UTF_8));
        Path jpg = Files.write(dir.resolve("file2.jpg"), "jpg bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(curl("-F", "image=@" + png, client.uri("/upload").toString())).isEqualTo("Upload successful!");
        assertThat(newUploads()).singleElement()
                .satisfies(file -> assertThat(Files.readString(file)).isEqualTo("png bytes"));

        String multiple = curl("-F", "images[]=@" + png, "-F", "images[]=@" + jpg, client.uri("/upload-multiple").toString());

        Matcher names = Pattern.compile("Successfully uploaded 2 files: (\\d+_\\d{1,3}_file1\\.png), (\\d+_\\d{1,3}_file2\\.jpg)")
                .matcher(multiple);
        assertThat(names.matches()).as(multiple).isTrue();
        assertThat(Files.readString(UPLOADS.resolve(names.group(1)))).isEqualTo("png bytes");
        assertThat(Files.readString(UPLOADS.resolve(names.group(2)))).isEqualTo("jpg bytes");
        assertThat(newUploads()).hasSize(3);
    }

    private static boolean curlAvailable() {
        try {
            Process process = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(process.exitValue()).as("curl exit status; output: %s", output).isZero();
        return output;
    }

    // ---- the uploads folder -----------------------------------------------------------------

    private List<Path> newUploads() throws IOException {
        return listUploads().stream().filter(file -> !before.contains(file)).toList();
    }

    private static List<Path> listUploads() throws IOException {
        assertThat(UPLOADS).as("created when the app starts").isDirectory();
        try (Stream<Path> files = Files.list(UPLOADS)) {
            return files.sorted().toList();
        }
    }
}
