package kemal.internal.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Writes a throwable as escaped HTML lines in the layout of {@link Throwable#printStackTrace()}:
 * the header, one line per frame, frames shared with the enclosing trace folded into
 * "... n more", then suppressed exceptions and the "Caused by:" chain.
 *
 * <p>Renders from the public accessors rather than calling {@code printStackTrace}, so every piece
 * is escaped and truncated separately and hostile causes are contained: a throwable already
 * printed is shown as a cycle marker, and at most {@value #MAX_THROWABLES} throwables are written.
 */
final class StackTraceHtml {

    /** Bounds both the page size and the recursion depth of very long cause chains. */
    static final int MAX_THROWABLES = 64;

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];

    private final StringBuilder out;
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private StackTraceHtml(StringBuilder out) {
        this.out = out;
    }

    /** Appends the lines of {@code error}'s trace; each line ends with a newline. */
    static void append(StringBuilder out, Throwable error) {
        new StackTraceHtml(out).throwable(error, NO_FRAMES, "", "");
    }

    /** {@code ClassName: message}, the header line of a trace, unescaped and length-capped. */
    static String header(Throwable t) {
        String message = safeMessage(t);
        String name = t.getClass().getName();
        return message == null ? name : name + ": " + TextLimits.truncate(message);
    }

    /**
     * {@code t.getMessage()}, or a note when that method itself throws, so that a broken
     * exception cannot break the page that reports it.
     */
    static String safeMessage(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    private void throwable(Throwable t, StackTraceElement[] enclosing, String indent,
                           String caption) {
        if (seen.contains(t)) {
            line(indent, "exc", caption + "[cyclic reference] " + header(t));
            return;
        }
        if (seen.size() >= MAX_THROWABLES) {
            line(indent, "more", caption + "... further exceptions omitted");
            return;
        }
        seen.add(t);
        line(indent, "exc", caption + header(t));

        StackTraceElement[] frames = t.getStackTrace();
        int shared = sharedTailLength(frames, enclosing);
        for (int i = 0; i < frames.length - shared; i++) {
            line(indent + "\t", frameClass(frames[i]), "at " + frames[i]);
        }
        if (shared > 0) {
            line(indent + "\t", "more", "... " + shared + " more");
        }
        for (Throwable suppressed : t.getSuppressed()) {
            throwable(suppressed, frames, indent + "\t", "Suppressed: ");
        }
        Throwable cause = t.getCause();
        if (cause != null) {
            throwable(cause, frames, indent, "Caused by: ");
        }
    }

    /** How many trailing frames {@code frames} has in common with {@code enclosing}. */
    private static int sharedTailLength(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int i = frames.length - 1;
        int j = enclosing.length - 1;
        int shared = 0;
        while (i >= 0 && j >= 0 && frames[i].equals(enclosing[j])) {
            i--;
            j--;
            shared++;
        }
        return shared;
    }

    /** Dims JDK and Netty frames so the application's own frames stand out. */
    private static String frameClass(StackTraceElement frame) {
        String c = frame.getClassName();
        boolean library = c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.")
                || c.startsWith("sun.") || c.startsWith("com.sun.") || c.startsWith("io.netty.");
        return library ? "frame lib" : "frame";
    }

    private void line(String indent, String cssClass, String text) {
        out.append(indent).append("<span class=\"").append(cssClass).append("\">");
        Html.appendEscaped(out, text);
        out.append("</span>\n");
    }
}
