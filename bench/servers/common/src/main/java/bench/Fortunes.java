package bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The model of {@code GET /template}, the same for every server that renders
 * {@code bench/templates/fortunes.jte}: the stored rows plus one added per request, sorted by
 * message per request, so each request does the work a page built from a query would (a list
 * built and sorted, every message HTML-escaped by the template).
 */
public final class Fortunes {
    /** The row added to every request's list, as a page would add one to what it read. */
    public static final Fortune ADDED = new Fortune(0, "Added while handling this request.");

    /**
     * The stored rows, in id order (not message order, so sorting has work to do). They hold what
     * the template must escape ({@code <}, {@code >}, {@code &}, quotes) and non-ASCII text that
     * must reach the client as UTF-8.
     */
    private static final List<Fortune> STORED = List.of(
            new Fortune(1, "Measure twice, cut once; benchmark three times."),
            new Fortune(2, "A cache is a promise that the data has not changed yet."),
            new Fortune(3, "<script>alert(\"This text must not run as a script.\");</script>"),
            new Fortune(4, "Premature optimisation & late profiling walk into a bar."),
            new Fortune(5, "Tests that assert nothing pass every time."),
            new Fortune(6, "Zero-copy is never quite zero."),
            new Fortune(7, "\"It works on my machine\" is not a deployment plan."),
            new Fortune(8, "Über-fast servers still wait for the network."),
            new Fortune(9, "ウェブフレームワークの速さ比べ"),
            new Fortune(10, "Every benchmark measures something, if only the benchmark."),
            new Fortune(11, "Keep-alive: because handshakes are expensive."));

    private static final Comparator<Fortune> BY_MESSAGE = Comparator.comparing(Fortune::message);

    private Fortunes() {}

    /** A new list of the stored rows and {@link #ADDED}, sorted by message: 12 rows. */
    public static List<Fortune> forRequest() {
        List<Fortune> fortunes = new ArrayList<>(STORED.size() + 1);
        fortunes.addAll(STORED);
        fortunes.add(ADDED);
        fortunes.sort(BY_MESSAGE);
        return fortunes;
    }
}
