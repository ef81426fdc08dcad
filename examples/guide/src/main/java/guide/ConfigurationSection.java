package guide;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kemal.Config;
import kemal.Kemal;

/**
 * Guide section "Configuration": an extra command-line option, {@code -c/--config FILE}, that
 * loads settings from a properties file ({@code port}, {@code host}, {@code env},
 * {@code powered_by_header}). Flags given after it on the command line still win.
 */
final class ConfigurationSection {
    private ConfigurationSection() {}

    static void define() {
        Kemal.config().extraOptions(parser -> parser.on("-c CONFIG", "--config CONFIG",
                "Load configuration from file", ConfigurationSection::load));
    }

    static void load(String file) {
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(file))) {
            settings.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Config config = Kemal.config();
        String port = settings.getProperty("port");
        if (port != null) config.port(Integer.parseInt(port.trim()));
        String host = settings.getProperty("host");
        if (host != null) config.hostBinding(host.trim());
        String env = settings.getProperty("env");
        if (env != null) config.env(env.trim());
        String poweredBy = settings.getProperty("powered_by_header");
        if (poweredBy != null) config.poweredByHeader(poweredBy.trim());
    }
}
