package kemal.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A realistic table of 200 routes, and a randomized check that every match is a real match. */
class RadixTreeLargeTableTest {

    /** A request for one route and the params it must produce. */
    record Probe(String pattern, String path, Map<String, String> params) {}

    private static List<Probe> twoHundredRoutes() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // p1, p10, p11... share prefixes, so nodes split a lot
            probes.add(new Probe("/pages/p" + i, "/pages/p" + i, Map.of()));
        }
        for (int i = 0; i < 50; i++) {
            probes.add(new Probe("/items" + i + "/:id", "/items" + i + "/v" + i, Map.of("id", "v" + i)));
        }
        for (int i = 0; i < 40; i++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user" + i, "u" + i);
            params.put("post", "p%20" + i);
            probes.add(new Probe("/users/" + i + "/:user" + i + "/posts/:post",
                    "/users/" + i + "/u" + i + "/posts/p%20" + i, params));
        }
        for (int i = 0; i < 30; i++) {
            probes.add(new Probe("/files" + i + "/*path", "/files" + i + "/a/b" + i + ".txt",
                    Map.of("path", "a/b" + i + ".txt")));
        }
        for (int i = 0; i < 30; i++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("resource", "r" + i);
            params.put("rest", "x/" + i);
            probes.add(new Probe("/api/v" + i + "/:resource/*rest", "/api/v" + i + "/r" + i + "/x/" + i, params));
        }
        return probes;
    }

    @Test
    void everyOneOfTwoHundredRoutesIsFoundWithItsParams() {
        List<Probe> probes = twoHundredRoutes();
        assertThat(probes).hasSize(200);
        RadixTree<String> tree = new RadixTree<>();
        for (Probe probe : probes) tree.add(probe.pattern(), "payload:" + probe.pattern());
        assertThat(tree.size()).isEqualTo(200);
        for (Probe probe : probes) {
            RouteMatch<String> match = tree.find(probe.path());
            assertThat(match).as(probe.path()).isNotNull();
            assertThat(match.pattern()).as(probe.path()).isEqualTo(probe.pattern());
            assertThat(match.payload()).isEqualTo("payload:" + probe.pattern());
            assertThat(match.params()).as(probe.path()).containsExactlyEntriesOf(probe.params());
        }
        assertThat(tree.find("/pages/p50")).isNull();
        assertThat(tree.find("/items50/x")).isNull();
        assertThat(tree.find("/items1/")).isNull();
        assertThat(tree.find("/users/41/u/posts/p")).isNull();
        assertThat(tree.find("/files30/a")).isNull();
        assertThat(tree.find("/files3").param("path")).isEmpty();
    }

    @Test
    void sameTableInReverseOrder() {
        List<Probe> probes = twoHundredRoutes();
        RadixTree<String> tree = new RadixTree<>();
        for (int i = probes.size() - 1; i >= 0; i--) tree.add(probes.get(i).pattern(), probes.get(i).pattern());
        for (Probe probe : probes) {
            RouteMatch<String> match = tree.find(probe.path());
            assertThat(match.pattern()).isEqualTo(probe.pattern());
            assertThat(match.params()).containsExactlyEntriesOf(probe.params());
        }
    }

    private static final String[] STATIC_PIECES = {"a", "ab", "abc", "b", "ba", "x.y", "é"};
    private static final String[] PARAM_VALUES = {"1", "a", "ab", "b", "x%20y", "é", "a.b"};
    private static final String[] GLOB_VALUES = {"", "a", "ab/c", "b/", "x/y/z"};

    @Test
    void randomTablesOnlyReturnRealMatches() {
        Random random = new Random(20240601);
        for (int round = 0; round < 300; round++) {
            RadixTree<String> tree = new RadixTree<>();
            List<String> patterns = new ArrayList<>();
            for (int r = 0; r < 25; r++) {
                String pattern = randomPattern(random);
                try {
                    tree.add(pattern, pattern);
                    patterns.add(pattern);
                } catch (IllegalArgumentException duplicateOrConflict) {
                    assertThat(duplicateOrConflict.getMessage()).contains(pattern);
                }
            }
            for (String pattern : patterns) {
                for (int k = 0; k < 4; k++) {
                    String path = randomPath(pattern, random);
                    RouteMatch<String> match = tree.find(path);
                    assertThat(match).as("%s for %s in %s", path, pattern, patterns).isNotNull();
                    String rendered = render(match);
                    // Another route may win, but it must really match, give or take one final '/'.
                    assertThat(rendered).as("%s matched %s", path, match)
                            .isIn(path, path + "/", path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
                    if (!pattern.contains(":") && !pattern.contains("*")) {
                        assertThat(match.pattern()).isEqualTo(pattern);
                    }
                }
            }
        }
    }

    private static String randomPattern(Random random) {
        StringBuilder pattern = new StringBuilder();
        int segments = 1 + random.nextInt(4);
        for (int s = 0; s < segments; s++) {
            pattern.append('/');
            int kind = random.nextInt(10);
            if (kind < 6) {
                pattern.append(STATIC_PIECES[random.nextInt(STATIC_PIECES.length)]);
            } else if (kind < 9) {
                pattern.append(':').append(random.nextBoolean() ? "p" : "q").append(s);
            } else {
                pattern.append(STATIC_PIECES[random.nextInt(STATIC_PIECES.length)])
                        .append(':').append("m").append(s);
            }
        }
        int end = random.nextInt(6);
        if (end == 0) pattern.append('/');
        else if (end == 1) pattern.append("/*g");
        else if (end == 2) pattern.append("*t");
        return pattern.toString();
    }

    /** A path the pattern matches exactly. */
    private static String randomPath(String pattern, Random random) {
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ':') {
                int end = pattern.indexOf('/', i);
                i = end < 0 ? pattern.length() : end;
                path.append(PARAM_VALUES[random.nextInt(PARAM_VALUES.length)]);
            } else if (c == '*') {
                i = pattern.length();
                path.append(GLOB_VALUES[random.nextInt(GLOB_VALUES.length)]);
            } else {
                path.append(c);
                i++;
            }
        }
        return path.toString();
    }

    /** The path the match stands for: its pattern with each parameter replaced by its value. */
    private static String render(RouteMatch<String> match) {
        String pattern = match.pattern();
        StringBuilder path = new StringBuilder();
        int param = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ':') {
                int end = pattern.indexOf('/', i);
                i = end < 0 ? pattern.length() : end;
                path.append(match.paramValue(param++));
            } else if (c == '*') {
                i = pattern.length();
                path.append(match.paramValue(param++));
            } else {
                path.append(c);
                i++;
            }
        }
        assertThat(param).isEqualTo(match.paramCount());
        return path.toString();
    }
}
