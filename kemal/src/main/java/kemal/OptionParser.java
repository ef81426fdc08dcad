package kemal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The command-line flags an application accepts, in the shape of Crystal's OptionParser. Kemal
 * declares {@code -b/--bind}, {@code -p/--port}, {@code -s/--ssl}, {@code --ssl-key-file},
 * {@code --ssl-cert-file} and {@code -h/--help}; applications add theirs through
 * {@link Config#extraOptions}:
 *
 * <pre>{@code
 * parser.on("-c CONFIG", "--config CONFIG", "Load configuration from file", file -> load(file));
 * parser.on("-v", "--verbose", "Log more", () -> verbose = true);
 * }</pre>
 *
 * A flag written with an argument name ({@code "--config CONFIG"}) takes a value.
 */
public final class OptionParser {
    record Flag(Option option, String shortText, String longText, String description,
                Consumer<String> valueHandler, Runnable switchHandler) {}

    private final Options options = new Options();
    private final List<Flag> flags = new ArrayList<>();

    OptionParser() {}

    /** A flag with a short and a long form; it takes a value when written with an argument name. */
    public OptionParser on(String shortFlag, String longFlag, String description, Consumer<String> handler) {
        return add(shortFlag, longFlag, description, handler, null);
    }

    /** A switch (no value) with a short and a long form. */
    public OptionParser on(String shortFlag, String longFlag, String description, Runnable handler) {
        return add(shortFlag, longFlag, description, null, handler);
    }

    /** A flag with only one form, short ({@code -x}) or long ({@code --name VALUE}). */
    public OptionParser on(String flag, String description, Consumer<String> handler) {
        return flag.startsWith("--") ? add(null, flag, description, handler, null)
                : add(flag, null, description, handler, null);
    }

    /** A switch with only one form. */
    public OptionParser on(String flag, String description, Runnable handler) {
        return flag.startsWith("--") ? add(null, flag, description, null, handler)
                : add(flag, null, description, null, handler);
    }

    /** The help text listing every flag. */
    public String usage() {
        StringBuilder sb = new StringBuilder();
        for (Flag flag : flags) {
            String forms = flag.shortText() == null ? flag.longText()
                    : flag.longText() == null ? flag.shortText()
                    : flag.shortText() + ", " + flag.longText();
            sb.append("    ").append(forms);
            int pad = Math.max(1, 33 - forms.length());
            sb.append(" ".repeat(pad)).append(flag.description()).append('\n');
        }
        return sb.toString();
    }

    Options options() {
        return options;
    }

    List<Flag> flags() {
        return flags;
    }

    private OptionParser add(String shortFlag, String longFlag, String description,
                             Consumer<String> valueHandler, Runnable switchHandler) {
        Spec shortSpec = Spec.parse(shortFlag, "-");
        Spec longSpec = Spec.parse(longFlag, "--");
        if (shortSpec == null && longSpec == null) {
            throw new IllegalArgumentException("A flag needs a short (-x) or a long (--name) form");
        }
        String argName = shortSpec != null && shortSpec.arg != null ? shortSpec.arg
                : longSpec != null ? longSpec.arg : null;
        if (argName != null && valueHandler == null) {
            throw new IllegalArgumentException("Flag " + (longFlag != null ? longFlag : shortFlag)
                    + " takes a value: give it a handler that accepts the value");
        }
        Option.Builder builder = Option.builder(shortSpec == null ? null : shortSpec.name)
                .longOpt(longSpec == null ? null : longSpec.name)
                .desc(description);
        if (argName != null) builder.hasArg().argName(argName);
        Option option = builder.get();
        options.addOption(option);
        flags.add(new Flag(option, shortFlag, longFlag, description,
                valueHandler, switchHandler != null ? switchHandler : null));
        return this;
    }

    /** One written form of a flag: {@code -c CONFIG}, {@code --config=CONFIG}, {@code --ssl}. */
    private record Spec(String name, String arg) {
        static Spec parse(String text, String dashes) {
            if (text == null) return null;
            String t = text.trim();
            if (!t.startsWith(dashes) || (dashes.equals("-") && t.startsWith("--"))) {
                throw new IllegalArgumentException("Flag '" + text + "' must start with " + dashes);
            }
            t = t.substring(dashes.length());
            int split = indexOfSeparator(t);
            String name = split < 0 ? t : t.substring(0, split);
            String arg = split < 0 ? null : t.substring(split + 1).trim();
            if (name.isEmpty()) throw new IllegalArgumentException("Flag '" + text + "' has no name");
            return new Spec(name, arg == null || arg.isEmpty() ? null : arg);
        }

        private static int indexOfSeparator(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '=') return i;
            }
            return -1;
        }
    }
}
