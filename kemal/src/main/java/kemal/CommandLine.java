package kemal;

import java.util.List;
import org.apache.commons.cli.CommandLineParser;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;

/**
 * Parses {@code run(args)}: Kemal's flags plus the application's {@link Config#extraOptions},
 * applied to the config (so flags beat values set in code).
 */
final class CommandLine {
    /** What the process should do after parsing. */
    sealed interface Outcome permits Run, Exit {}

    record Run() implements Outcome {}

    /** Print {@code text} (to stdout when the code is 0, else stderr) and exit with {@code code}. */
    record Exit(int code, String text) implements Outcome {}

    private CommandLine() {}

    static Outcome parse(String[] args, Config config) {
        boolean[] help = {false};
        OptionParser parser = new OptionParser();
        parser.on("-b HOST", "--bind HOST", "Host to bind (defaults to " + config.hostBinding() + ")",
                value -> config.hostBinding(value));
        parser.on("-p PORT", "--port PORT", "Port to listen for connections (defaults to " + config.port() + ")",
                value -> config.portFromCli(value));
        parser.on("-s", "--ssl", "Enables SSL", () -> config.ssl(true));
        parser.on("--ssl-key-file FILE", "SSL key file", (String file) -> config.sslKeyFile(file));
        parser.on("--ssl-cert-file FILE", "SSL certificate file", (String file) -> config.sslCertificateFile(file));
        parser.on("-h", "--help", "Shows this help", () -> help[0] = true);
        if (config.extraOptions() != null) config.extraOptions().accept(parser);

        CommandLineParser cli = DefaultParser.builder().setAllowPartialMatching(false).get();
        org.apache.commons.cli.CommandLine parsed;
        try {
            parsed = cli.parse(parser.options(), args, false);
        } catch (MissingArgumentException e) {
            org.apache.commons.cli.Option option = e.getOption();
            return new Exit(2, "Error: " + flagNames(option) + " needs a value (" + option.getArgName() + ")\n\nUsage:\n"
                    + parser.usage());
        } catch (ParseException e) {
            return new Exit(2, "Error: " + e.getMessage() + "\n\nUsage:\n" + parser.usage());
        }
        List<String> leftovers = parsed.getArgList();
        if (!leftovers.isEmpty()) {
            return new Exit(2, "Error: unexpected argument '" + leftovers.get(0) + "'\n\nUsage:\n" + parser.usage());
        }
        // Apply in the order given on the command line, as OptionParser does.
        for (org.apache.commons.cli.Option given : parsed.getOptions()) {
            for (OptionParser.Flag flag : parser.flags()) {
                if (flag.option() == given || flag.option().equals(given)) {
                    try {
                        if (flag.valueHandler() != null) flag.valueHandler().accept(given.getValue());
                        else flag.switchHandler().run();
                    } catch (RuntimeException e) {
                        return new Exit(2, "Error: " + flagName(given) + ": " + e.getMessage() + "\n");
                    }
                    break;
                }
            }
        }
        if (help[0]) return new Exit(0, "Usage:\n" + parser.usage());
        return new Run();
    }

    /** {@code -p/--port}, {@code --ssl-key-file}, {@code -x}. */
    private static String flagNames(org.apache.commons.cli.Option option) {
        if (option.getOpt() == null) return "--" + option.getLongOpt();
        if (option.getLongOpt() == null) return "-" + option.getOpt();
        return "-" + option.getOpt() + "/--" + option.getLongOpt();
    }

    private static String flagName(org.apache.commons.cli.Option option) {
        return option.getLongOpt() != null ? "--" + option.getLongOpt() : "-" + option.getOpt();
    }
}
