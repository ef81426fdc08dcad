package kemal.internal.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kemal.Headers;

/** The request's headers: a view over the headers Netty decoded, without copying them. */
public final class RequestHeaders implements Headers {
    private final HttpHeaders headers;

    public RequestHeaders(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public String get(String name) {
        return headers.get(name);
    }

    @Override
    public List<String> all(String name) {
        return headers.getAll(name);
    }

    @Override
    public boolean has(String name) {
        return headers.contains(name);
    }

    @Override
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : headers) {
            out.add(e.getKey());
        }
        return out;
    }

    @Override
    public Headers set(String name, String value) {
        headers.set(HeaderValidation.checkName(name), HeaderValidation.checkValue(name, value));
        return this;
    }

    @Override
    public Headers add(String name, String value) {
        headers.add(HeaderValidation.checkName(name), HeaderValidation.checkValue(name, value));
        return this;
    }

    @Override
    public Headers remove(String name) {
        headers.remove(name);
        return this;
    }

    @Override
    public int size() {
        return headers.size();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return headers.iteratorAsString();
    }

    @Override
    public String toString() {
        return headers.toString();
    }
}
