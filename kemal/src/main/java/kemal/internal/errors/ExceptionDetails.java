package kemal.internal.errors;

import java.util.List;
import java.util.Map;

/**
 * Everything the development exception page shows about a failed request.
 *
 * <p>All strings may come from the client or from exception messages and are treated as hostile
 * by {@link ExceptionPage}. Any component may be null: the page shows a null string as empty and
 * a null collection as having no entries.
 *
 * @param status          the response status, usually 500
 * @param method          the request method
 * @param path            the request path, as received
 * @param queryString     the raw query string without {@code '?'}, or null when there is none
 * @param error           the exception that was raised
 * @param requestHeaders  request headers in arrival order; repeated names appear repeatedly
 * @param queryParams     decoded query parameters
 * @param cookies         request cookies by name
 * @param routeParams     parameters captured by the matched route
 * @param responseHeaders headers already set on the response
 * @param kemalEnv        the environment name, for example {@code development}
 */
public record ExceptionDetails(
        int status,
        String method,
        String path,
        String queryString,
        Throwable error,
        List<Map.Entry<String, String>> requestHeaders,
        Map<String, List<String>> queryParams,
        Map<String, String> cookies,
        Map<String, String> routeParams,
        List<Map.Entry<String, String>> responseHeaders,
        String kemalEnv) {
}
