package kemal.internal.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kemal.HttpException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON through Jackson, loaded on first use so an application that never touches JSON does not
 * pay for Jackson at startup.
 */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    public static JsonMapper mapper() {
        return Holder.MAPPER;
    }

    public static byte[] toBytes(Object value) {
        return Holder.MAPPER.writeValueAsBytes(value);
    }

    public static String toJson(Object value) {
        return Holder.MAPPER.writeValueAsString(value);
    }

    /**
     * Kemal's {@code params.json}: an object's top-level keys; an array under {@code "_json"};
     * nothing for a scalar or an empty body. Malformed JSON is the client's fault: 400.
     */
    public static Map<String, Object> parseParams(byte[] body) {
        if (isBlank(body)) return Collections.emptyMap();
        Object root;
        try {
            root = Holder.MAPPER.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new HttpException(400, "Bad Request: invalid JSON body", e);
        }
        if (root instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return Collections.unmodifiableMap(object);
        }
        if (root instanceof List<?> list) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("_json", list);
            return Collections.unmodifiableMap(wrapped);
        }
        return Collections.emptyMap();
    }

    /** Binds a JSON body to {@code type}; a body that does not fit is a 400. */
    public static <T> T parse(byte[] body, Class<T> type) {
        try {
            return Holder.MAPPER.readValue(body, type);
        } catch (JacksonException e) {
            throw new HttpException(400, "Bad Request: invalid JSON body for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        }
        return true;
    }
}
