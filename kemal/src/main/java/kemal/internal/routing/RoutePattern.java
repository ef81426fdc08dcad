package kemal.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A route pattern split into static text, named parameters ({@code :name}) and a trailing glob
 * ({@code *name}). Parsing happens once per {@code add}, never on the request path.
 */
final class RoutePattern {
    enum Kind { STATIC, PARAM, GLOB }

    /** One piece of a pattern: literal text for STATIC, the parameter name otherwise. */
    record Token(Kind kind, String text) {}

    private final String source;
    private final List<Token> tokens;
    private final String[] paramNames;
    private final String shape;

    private RoutePattern(String source, List<Token> tokens) {
        this.source = source;
        this.tokens = List.copyOf(tokens);
        List<String> names = new ArrayList<>();
        StringBuilder shape = new StringBuilder(source.length());
        for (Token token : tokens) {
            switch (token.kind()) {
                case STATIC -> shape.append(token.text());
                case PARAM -> { names.add(token.text()); shape.append(':'); }
                case GLOB -> { names.add(token.text()); shape.append('*'); }
            }
        }
        this.paramNames = names.toArray(new String[0]);
        this.shape = shape.toString();
    }

    /**
     * Parses {@code pattern}. A ':' starts a parameter whose name runs to the next '/' or the end;
     * a '*' starts a glob whose name is the rest of the pattern.
     *
     * @throws IllegalArgumentException if a parameter has an empty name
     */
    static RoutePattern parse(String pattern) {
        List<Token> tokens = new ArrayList<>();
        int length = pattern.length();
        int i = 0;
        while (i < length) {
            char c = pattern.charAt(i);
            if (c == '*') {
                tokens.add(new Token(Kind.GLOB, pattern.substring(i + 1)));
                i = length;
            } else if (c == ':') {
                int end = pattern.indexOf('/', i + 1);
                if (end < 0) end = length;
                if (end == i + 1) {
                    throw new IllegalArgumentException(
                            "Route " + pattern + " has a parameter without a name at index " + i);
                }
                tokens.add(new Token(Kind.PARAM, pattern.substring(i + 1, end)));
                i = end;
            } else {
                int end = i + 1;
                while (end < length && pattern.charAt(end) != ':' && pattern.charAt(end) != '*') end++;
                tokens.add(new Token(Kind.STATIC, pattern.substring(i, end)));
                i = end;
            }
        }
        return new RoutePattern(pattern, tokens);
    }

    String source() {
        return source;
    }

    List<Token> tokens() {
        return tokens;
    }

    /** Parameter and glob names in pattern order; callers must not modify the array. */
    String[] paramNames() {
        return paramNames;
    }

    boolean isStatic() {
        return paramNames.length == 0;
    }

    /**
     * The pattern with every name erased ({@code /u/:id/*rest} gives {@code /u/:/*}). Two patterns
     * with the same shape match exactly the same paths, so the second could never be reached.
     */
    String shape() {
        return shape;
    }
}
