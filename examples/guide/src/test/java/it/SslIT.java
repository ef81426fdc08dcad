package it;

import static org.assertj.core.api.Assertions.assertThat;

import it.JarProcess.Finished;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -s/--ssl} with {@code --ssl-key-file} and {@code --ssl-cert-file}, against a certificate made here. */
class SslIT {
    private static final String KEY_MISSING =
            "SSL key file not specified. Use --ssl-key-file FILE to specify the key file.";
    private static final String CERT_MISSING =
            "SSL certificate file not specified. Use --ssl-cert-file FILE to specify the certificate file.";

    @TempDir
    static Path dir;
    static Path key;
    static Path cert;

    @BeforeAll
    static void selfSignedCertificate() throws Exception {
        key = dir.resolve("key.pem");
        cert = dir.resolve("cert.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=localhost");
        assertThat(Files.readString(key)).as("a PKCS#8 key").startsWith("-----BEGIN PRIVATE KEY-----");
    }

    private static void openssl(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add("/usr/bin/openssl");
        command.addAll(java.util.List.of(args));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(openssl.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    @Test
    void keyAndCertificateServeHttps() throws Exception {
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("-s", "--ssl-key-file", key.toString(),
                "--ssl-cert-file", cert.toString(), "-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).isEqualTo("[development] Kemal is ready to lead at https://0.0.0.0:" + port);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = JarProcess.get(client, "https://localhost:" + port + "/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello World!");
            assertThat(response.headers().firstValue("X-Powered-By")).hasValue("Kemal");
        }
    }

    @Test
    void longSslFlagWorksToo() throws Exception {
        assertServesHelloOverHttps(cert, "--port",
                "--ssl", "--ssl-cert-file", cert.toString(), "--ssl-key-file", key.toString());
    }

    @Test
    void ellipticCurveKeyServesHttps() throws Exception {
        // Certbot's default key type since 2.0: a PKCS#8 EC key.
        Path ecKey = dir.resolve("ec-key.pem");
        Path ecCert = dir.resolve("ec-cert.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ecKey.toString(), "-out", ecCert.toString(), "-days", "1", "-subj", "/CN=localhost");
        assertServesHelloOverHttps(ecCert, "-p",
                "-s", "--ssl-key-file", ecKey.toString(), "--ssl-cert-file", ecCert.toString());
    }

    @Test
    void traditionalRsaKeyServesHttps() throws Exception {
        Path rsaKey = dir.resolve("pkcs1-key.pem");
        openssl("rsa", "-in", key.toString(), "-traditional", "-out", rsaKey.toString());
        assertThat(Files.readString(rsaKey)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertServesHelloOverHttps(cert, "-p",
                "-s", "--ssl-key-file", rsaKey.toString(), "--ssl-cert-file", cert.toString());
    }

    @Test
    void traditionalEcKeyServesHttps() throws Exception {
        Path ecKey = dir.resolve("sec1-key.pem");
        Path ecCert = dir.resolve("sec1-cert.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ecKey.toString());
        assertThat(Files.readString(ecKey)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        openssl("req", "-x509", "-new", "-key", ecKey.toString(), "-out", ecCert.toString(), "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost");
        assertServesHelloOverHttps(ecCert, "-p",
                "-s", "--ssl-key-file", ecKey.toString(), "--ssl-cert-file", ecCert.toString());
    }

    @Test
    void filesWithoutSslFlagServePlainHttp() {
        // The key and certificate flags alone do not switch SSL on (as in Kemal).
        int port = JarProcess.freePort();
        try (JarProcess app = JarProcess.jar("guide").args("--ssl-key-file", key.toString(),
                "--ssl-cert-file", cert.toString(), "-p", Integer.toString(port)).start()) {
            assertThat(app.awaitStartup()).endsWith("http://0.0.0.0:" + port);
            assertThat(JarProcess.get("http://127.0.0.1:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    @Test
    void sslWithoutKeyFile() {
        Finished run = JarProcess.jar("guide").args("-s", "-p", Integer.toString(JarProcess.freePort())).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description()).contains(KEY_MISSING);
        assertThat(run.stdout()).as(run.description()).doesNotContain(JarProcess.READY);
        CliIT.assertNoStackTrace(run);
    }

    @Test
    void sslWithKeyButNoCertificate() {
        Finished run = JarProcess.jar("guide")
                .args("-s", "--ssl-key-file", key.toString(), "-p", Integer.toString(JarProcess.freePort())).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description()).contains(CERT_MISSING).doesNotContain(KEY_MISSING);
        CliIT.assertNoStackTrace(run);
    }

    @Test
    void sslWithCertificateButNoKey() {
        Finished run = JarProcess.jar("guide")
                .args("-s", "--ssl-cert-file", cert.toString(), "-p", Integer.toString(JarProcess.freePort())).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description()).contains(KEY_MISSING).doesNotContain(CERT_MISSING);
        CliIT.assertNoStackTrace(run);
    }

    @Test
    void missingKeyFile() {
        Path missing = dir.resolve("no-such-key.pem");
        Finished run = JarProcess.jar("guide").args("-s", "--ssl-key-file", missing.toString(),
                "--ssl-cert-file", cert.toString(), "-p", Integer.toString(JarProcess.freePort())).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description())
                .isEqualTo("Kemal cannot start: SSL key file '" + missing + "' cannot be read\n");
    }

    @Test
    void missingCertificateFile() {
        Path missing = dir.resolve("no-such-cert.pem");
        Finished run = JarProcess.jar("guide").args("-s", "--ssl-key-file", key.toString(),
                "--ssl-cert-file", missing.toString(), "-p", Integer.toString(JarProcess.freePort())).run();
        assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
        assertThat(run.stderr()).as(run.description())
                .isEqualTo("Kemal cannot start: SSL certificate file '" + missing + "' cannot be read\n");
    }

    @Test
    void filesThatAreNotPemAreOneClearMessage() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a key\n");
        // A directory for the key, garbage for the certificate, then the two swapped.
        for (String[] files : new String[][] {
                {dir.toString(), cert.toString()}, {key.toString(), garbage.toString()}, {cert.toString(), key.toString()}}) {
            Finished run = JarProcess.jar("guide").args("-s", "--ssl-key-file", files[0], "--ssl-cert-file", files[1],
                    "-p", Integer.toString(JarProcess.freePort())).run();
            assertThat(run.exitCode()).as(run.description()).isEqualTo(1);
            assertThat(run.stderr()).as(run.description()).startsWith("SSL configuration error: ").hasLineCount(1);
            assertThat(run.stdout()).as(run.description()).doesNotContain(JarProcess.READY);
            assertThat(run.stderr()).as(run.description()).doesNotContain("\tat ");
        }
    }

    /** Starts the guide jar with {@code sslArgs} plus {@code portFlag PORT}: it answers Hello World over HTTPS. */
    private static void assertServesHelloOverHttps(Path certificate, String portFlag, String... sslArgs) throws Exception {
        int port = JarProcess.freePort();
        String[] args = Arrays.copyOf(sslArgs, sslArgs.length + 2);
        args[sslArgs.length] = portFlag;
        args[sslArgs.length + 1] = Integer.toString(port);
        try (JarProcess app = JarProcess.jar("guide").args(args).start()) {
            assertThat(app.awaitStartup()).endsWith("https://0.0.0.0:" + port);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            assertThat(JarProcess.get(client, "https://localhost:" + port + "/").body()).isEqualTo("Hello World!");
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("kemal", c);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
