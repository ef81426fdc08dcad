package it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fast startup of hello.jar: {@code bin/aot-train} makes a startup cache that a later start
 * really uses (an AOT cache on JDK 24+, an AppCDS archive before), and Netty's JFR events stay
 * unregistered on the first request. No timings are asserted here: they belong to the bench.
 */
class StartupIT {
    private static final Path AOT_TRAIN = Path.of("..", "..", "bin", "aot-train").toAbsolutePath().normalize();
    private static final Duration TRAINING_DEADLINE = Duration.ofMinutes(3);
    private static final boolean AOT = Runtime.version().feature() >= 24;

    @TempDir
    Path dir;

    @Test
    void trainedCacheIsUsedByTheNextStart() throws Exception {
        Path cache = dir.resolve(AOT ? "hello.aot" : "hello.jsa");
        String output = train(cache);
        assertThat(cache).as(output).isNotEmptyFile();
        assertThat(output).contains("GET /: 200 x 5", "Start the app with:", (AOT ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);

        Path classLog = dir.resolve("classes.log");
        int port = JarProcess.freePort();
        // Strict mode: a cache the JVM cannot use stops the start instead of being skipped.
        String[] useCache = AOT
                ? new String[] {"-XX:AOTCache=" + cache, "-XX:AOTMode=on"}
                : new String[] {"-XX:SharedArchiveFile=" + cache, "-Xshare:on"};
        try (JarProcess app = JarProcess.jar("hello").jvmArgs(useCache).jvmArgs(classLog(classLog))
                .args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            HttpResponse<String> hello = JarProcess.get("http://127.0.0.1:" + port + "/");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("Hello World!");

            // The application's own classes came from the cache, not from the jar.
            assertThat(Files.readAllLines(classLog)).as(app.describe())
                    .anyMatch(line -> line.contains(" HelloWorld source: shared objects file"))
                    .anyMatch(line -> line.contains(" kemal.App source: shared objects file"));

            app.signal("TERM");
            assertThat(app.awaitExit(Duration.ofSeconds(10))).as(app.describe()).isZero();
        }
    }

    @Test
    void trainingFailsAndLeavesNoCacheWhenTheAppCannotStart() throws Exception {
        Path cache = dir.resolve(AOT ? "broken.aot" : "broken.jsa");
        Training training = runTraining(cache, "--", "--no-such-flag");
        assertThat(training.status()).as(training.output()).isEqualTo(1);
        assertThat(training.output()).contains("the app exited before answering", "Unrecognized option: --no-such-flag");
        assertThat(cache).doesNotExist();
    }

    @Test
    void firstRequestRegistersNoJfrEvent() throws Exception {
        List<String> classes = classesLoadedByFirstRequest();
        assertThat(classes).noneMatch(line -> line.contains(" jdk.jfr.Event source:"))
                .noneMatch(line -> line.contains(" io.netty.buffer.AllocateChunkEvent source:"));
    }

    @Test
    void nettyJfrEventsComeBackWhenAskedFor() throws Exception {
        // The control of the test above: the class log does show the registration when it happens.
        List<String> classes = classesLoadedByFirstRequest("-Dio.netty.jfr.enabled=true");
        assertThat(classes).anyMatch(line -> line.contains(" io.netty.buffer.AllocateChunkEvent source:"));
    }

    private List<String> classesLoadedByFirstRequest(String... jvmArgs) throws IOException {
        Path classLog = dir.resolve("first-request.log");
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("hello").jvmArgs(jvmArgs).jvmArgs(classLog(classLog))
                .args("--port", Integer.toString(port)).start()) {
            app.awaitStartup();
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
            // The request's log line is written after the response: by then the request is done.
            app.awaitStdout(line -> line.contains(" 200 GET / "), Duration.ofSeconds(10), "the request log line");
            return Files.readAllLines(classLog);
        }
    }

    /** The JVM flag that logs every class loaded, and where from, to {@code file}. */
    private static String classLog(Path file) {
        return "-Xlog:class+load=info:file=" + file;
    }

    private String train(Path cache) throws Exception {
        Training training = runTraining(cache, "-n", "5", "-p", "/");
        assertThat(training.status()).as(training.output()).isZero();
        return training.output();
    }

    /** A finished run of bin/aot-train: its exit status and everything it printed. */
    private record Training(int status, String output) {}

    /** Runs bin/aot-train on hello.jar: options, then the jar, then what follows "--". */
    private Training runTraining(Path cache, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", AOT_TRAIN.toString(),
                "--java", JarProcess.javaBinary(), "--out", cache.toString()));
        // The jar goes before "--", which starts the app's own arguments.
        int split = List.of(more).indexOf("--");
        List<String> options = split < 0 ? List.of(more) : List.of(more).subList(0, split);
        List<String> appArgs = split < 0 ? List.of() : List.of(more).subList(split, more.length);
        command.addAll(options);
        command.add(JarProcess.jarPath("hello").toString());
        command.addAll(appArgs);
        Path output = dir.resolve("aot-train-" + cache.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        for (String name : List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "KEMAL_ENV", "PORT")) {
            builder.environment().remove(name);
        }
        Process process = builder.start();
        if (!process.waitFor(TRAINING_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/aot-train did not finish within " + TRAINING_DEADLINE + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Training(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
