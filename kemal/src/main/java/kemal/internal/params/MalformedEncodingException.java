package kemal.internal.params;

/**
 * Thrown when a percent-encoded path segment, query string or form body cannot be decoded:
 * either an escape is not {@code %} followed by two hex digits, or the decoded bytes are not
 * well-formed UTF-8.
 *
 * <p>The message is a short, human-readable reason (for example
 * {@code invalid percent-encoding '%zz'}). The framework maps this exception to a
 * {@code 400 Bad Request}; callers rendering the message into HTML must escape it, because it
 * quotes a few characters of the client's input.
 */
public final class MalformedEncodingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason short human-readable reason, used as the message
     */
    public MalformedEncodingException(String reason) {
        super(reason);
    }
}
