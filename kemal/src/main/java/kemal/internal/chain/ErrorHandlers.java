package kemal.internal.chain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import kemal.ErrorRoute;

/**
 * The application's {@code error} handlers: by status code (the last registration wins) and by
 * exception class (the first registered match wins, so declaration order beats inheritance, as
 * in Kemal's GrandParent/Parent/Child example).
 */
public final class ErrorHandlers {
    private record ByType(Class<? extends Throwable> type, ErrorRoute<Throwable> route) {}

    private final Map<Integer, ErrorRoute<Throwable>> byStatus = new ConcurrentHashMap<>();
    private final List<ByType> byType = new CopyOnWriteArrayList<>();

    public void onStatus(int status, ErrorRoute<Throwable> route) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("Invalid HTTP status code: " + status);
        byStatus.put(status, route);
    }

    @SuppressWarnings("unchecked")
    public <E extends Throwable> void onException(Class<E> type, ErrorRoute<? super E> route) {
        // Safe: the route is only ever called with instances of type.
        byType.add(new ByType(type, (ErrorRoute<Throwable>) route));
    }

    public ErrorRoute<Throwable> forStatus(int status) {
        return byStatus.get(status);
    }

    public boolean hasStatus(int status) {
        return !byStatus.isEmpty() && byStatus.containsKey(status);
    }

    /** The first handler, in declaration order, whose class {@code error} is an instance of. */
    public ErrorRoute<Throwable> forException(Throwable error) {
        for (ByType candidate : byType) {
            if (candidate.type().isInstance(error)) return candidate.route();
        }
        return null;
    }
}
