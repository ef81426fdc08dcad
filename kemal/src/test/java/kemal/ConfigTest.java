package kemal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Guide "Configuration" and reference §8: defaults, setters, priority and validation. */
class ConfigTest {

    private static Config defaults() {
        return new Config(Map.of());
    }

    @Test
    void defaultsAreKemals() {
        Config config = defaults();
        assertThat(config.appName()).isEqualTo("Kemal");
        assertThat(config.hostBinding()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.env()).isEqualTo("development");
        assertThat(config.isProduction()).isFalse();
        assertThat(config.isTest()).isFalse();
        assertThat(config.maxRequestBodySize()).isEqualTo(8L * 1024 * 1024).isEqualTo(Config.DEFAULT_MAX_REQUEST_BODY_SIZE);
        assertThat(config.maxRouteCacheSize()).isEqualTo(1024);
        assertThat(config.maxRequestLineSize()).isEqualTo(8192);
        assertThat(config.maxHeadersSize()).isEqualTo(16384);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.shutdownMessage()).isTrue();
        assertThat(config.poweredByHeader()).isEqualTo("Kemal");
        assertThat(config.alwaysRescue()).isTrue();
        assertThat(config.logging()).isTrue();
        assertThat(config.logger()).isNull();
        assertThat(config.ssl()).isFalse();
        assertThat(config.sslCertificateFile()).isNull();
        assertThat(config.sslKeyFile()).isNull();
        assertThat(config.serverCustomizer()).isNull();
        assertThat(config.extraOptions()).isNull();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void everySetterRoundTripsAndChains() {
        BaseLogHandler logger = new BaseLogHandler() {
            @Override
            public void call(Env env) throws Exception {
                callNext(env);
            }

            @Override
            public void write(String message) {}
        };
        Consumer<ServerBootstrap> server = bootstrap -> {};
        Consumer<OptionParser> options = parser -> {};
        Config config = defaults();
        Config returned = config.appName("MyApp")
                .hostBinding("127.0.0.1")
                .port(8080)
                .env("production")
                .maxRequestBodySize(1024L * 100)
                .maxRouteCacheSize(0)
                .maxRequestLineSize(4096)
                .maxHeadersSize(2048)
                .idleTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofMillis(250))
                .shutdownMessage(false)
                .poweredByHeader("MyApp/1.0")
                .alwaysRescue(false)
                .logging(false)
                .logger(logger)
                .ssl(true)
                .sslCertificateFile("./ssl/cert.pem")
                .sslKeyFile("./ssl/key.pem")
                .server(server)
                .extraOptions(options);
        assertThat(returned).isSameAs(config);
        assertThat(config.appName()).isEqualTo("MyApp");
        assertThat(config.hostBinding()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.env()).isEqualTo("production");
        assertThat(config.isProduction()).isTrue();
        assertThat(config.maxRequestBodySize()).isEqualTo(102_400L);
        assertThat(config.maxRouteCacheSize()).isZero();
        assertThat(config.maxRequestLineSize()).isEqualTo(4096);
        assertThat(config.maxHeadersSize()).isEqualTo(2048);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.shutdownMessage()).isFalse();
        assertThat(config.poweredByHeader()).isEqualTo("MyApp/1.0");
        assertThat(config.alwaysRescue()).isFalse();
        assertThat(config.logging()).isFalse();
        assertThat(config.logger()).isSameAs(logger);
        assertThat(config.ssl()).isTrue();
        assertThat(config.sslCertificateFile()).isEqualTo("./ssl/cert.pem");
        assertThat(config.sslKeyFile()).isEqualTo("./ssl/key.pem");
        assertThat(config.serverCustomizer()).isSameAs(server);
        assertThat(config.extraOptions()).isSameAs(options);
    }

    @Test
    void theTestEnvironmentIsRecognised() {
        assertThat(defaults().env("test").isTest()).isTrue();
        assertThat(defaults().env("test").isProduction()).isFalse();
    }

    @Test
    void aNullBodyLimitMeansNoLimit() {
        Config config = defaults().maxRequestBodySize((Long) null);
        assertThat(config.maxRequestBodySize()).isNull();
        assertThat(config.problems()).isEmpty();
        assertThat(config.maxRequestBodySize(0).maxRequestBodySize()).isZero();
    }

    @Test
    void poweredByHeaderTakesABooleanOrAValue() {
        Config config = defaults();
        assertThat(config.poweredByHeader(false).poweredByHeader()).isNull();
        assertThat(config.poweredByHeader(true).poweredByHeader()).isEqualTo("Kemal");
        assertThat(config.poweredByHeader("MyApp").poweredByHeader()).isEqualTo("MyApp");
    }

    // ---- priority ------------------------------------------------------------------------------

    @Test
    void theEnvironmentOverridesTheDefaults() {
        Config config = new Config(Map.of("PORT", "5000", "HOST", "127.0.0.1", "KEMAL_ENV", "production"));
        assertThat(config.port()).isEqualTo(5000);
        assertThat(config.hostBinding()).isEqualTo("127.0.0.1");
        assertThat(config.env()).isEqualTo("production");
        assertThat(config.isProduction()).isTrue();
    }

    @Test
    void codeOverridesTheEnvironment() {
        Config config = new Config(Map.of("PORT", "5000", "HOST", "127.0.0.1", "KEMAL_ENV", "production"))
                .port(8080)
                .hostBinding("0.0.0.0")
                .env("development");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.hostBinding()).isEqualTo("0.0.0.0");
        assertThat(config.env()).isEqualTo("development");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void blankEnvironmentValuesAreIgnoredAndValuesAreTrimmed() {
        Config blank = new Config(Map.of("PORT", " ", "HOST", "", "KEMAL_ENV", "  "));
        assertThat(blank.port()).isEqualTo(3000);
        assertThat(blank.hostBinding()).isEqualTo("0.0.0.0");
        assertThat(blank.env()).isEqualTo("development");
        Config padded = new Config(Map.of("PORT", " 5000 ", "KEMAL_ENV", " test "));
        assertThat(padded.port()).isEqualTo(5000);
        assertThat(padded.isTest()).isTrue();
    }

    @Test
    void otherEnvironmentVariablesAreNotRead() {
        Config config = new Config(Map.of("KEMAL_PORT", "1", "APP_ENV", "production", "BIND", "10.0.0.1"));
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.env()).isEqualTo("development");
        assertThat(config.hostBinding()).isEqualTo("0.0.0.0");
    }

    @Test
    void aBadPortFromTheEnvironmentIsReportedWithItsSource() {
        Config config = new Config(Map.of("PORT", "abc"));
        assertThat(config.port()).isEqualTo(-1);
        assertThat(config.problems()).containsExactly(
                "port 'abc' from the PORT environment variable is not a port number (0-65535)");
        // Setting the port in code fixes it.
        assertThat(config.port(4000).problems()).isEmpty();
    }

    // ---- validation ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, 70000})
    void aPortOutOfRangeIsOneProblem(int port) {
        assertThat(defaults().port(port).problems())
                .containsExactly("port '" + port + "' from the configured port is not a port number (0-65535)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3000, 65535})
    void portsInRangeAreFine(int port) {
        assertThat(defaults().port(port).problems()).isEmpty();
    }

    @Test
    void eachInvalidValueIsOneClearProblem() {
        assertThat(defaults().maxRequestBodySize(-1).problems())
                .containsExactly("maxRequestBodySize must not be negative (use null for no limit), not -1");
        assertThat(defaults().maxRouteCacheSize(-5).problems())
                .containsExactly("maxRouteCacheSize must not be negative, not -5");
        assertThat(defaults().maxRequestLineSize(100).problems())
                .containsExactly("maxRequestLineSize must be at least 256 bytes, not 100");
        assertThat(defaults().maxHeadersSize(512).problems())
                .containsExactly("maxHeadersSize must be at least 1024 bytes, not 512");
        assertThat(defaults().idleTimeout(Duration.ofSeconds(-1)).problems())
                .containsExactly("idleTimeout must not be negative");
        assertThat(defaults().shutdownTimeout(Duration.ofSeconds(-1)).problems())
                .containsExactly("shutdownTimeout must not be negative");
        assertThat(defaults().hostBinding(" ").problems()).containsExactly("host binding is empty");
        assertThat(defaults().env("").problems()).containsExactly("env is empty");
    }

    @Test
    void theSmallestAcceptedLimitsAreFine() {
        Config config = defaults().maxRequestLineSize(256).maxHeadersSize(1024).maxRouteCacheSize(0)
                .idleTimeout(Duration.ZERO).shutdownTimeout(Duration.ZERO);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void sslWithoutFilesNamesBothMissingFilesKeyFirst() {
        assertThat(defaults().ssl(true).problems()).containsExactly(
                "SSL key file not specified. Use --ssl-key-file FILE to specify the key file.",
                "SSL certificate file not specified. Use --ssl-cert-file FILE to specify the certificate file.");
    }

    @Test
    void sslWithUnreadableFilesNamesThem(@TempDir Path dir) throws IOException {
        Path key = Files.writeString(dir.resolve("key.pem"), "key");
        String missing = dir.resolve("missing-cert.pem").toString();
        assertThat(defaults().ssl(true).sslKeyFile(key.toString()).sslCertificateFile(missing).problems())
                .containsExactly("SSL certificate file '" + missing + "' cannot be read");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "cert");
        assertThat(defaults().ssl(true).sslKeyFile(key.toString()).sslCertificateFile(cert.toString()).problems())
                .isEmpty();
    }

    @Test
    void sslFilesAreNotCheckedWhenSslIsOff() {
        assertThat(defaults().sslKeyFile("/nowhere/key.pem").problems()).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Config config = defaults().port(-2).maxRequestBodySize(-1).maxRouteCacheSize(-1).maxHeadersSize(10)
                .maxRequestLineSize(10).ssl(true);
        assertThat(config.problems()).hasSize(7);
    }
}
