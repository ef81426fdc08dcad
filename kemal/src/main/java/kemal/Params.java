package kemal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kemal.internal.json.Json;
import kemal.internal.multipart.FormDataParser;
import kemal.internal.params.FormDecoder;
import kemal.internal.params.MalformedEncodingException;
import kemal.internal.params.PercentDecoder;
import kemal.internal.routing.RouteMatch;

/**
 * The request's parameters, each kind parsed on first use and kept for the request:
 * {@link #url} from the route path, {@link #query} from the query string, {@link #body} from a
 * form body, {@link #json} from a JSON body.
 *
 * <pre>{@code
 * get("/hello/:name", env -> "Hello back to " + env.params().url("name"));
 * get("/resize", env -> env.params().query("width") + " x " + env.params().query("height"));
 * post("/json_params", env -> env.params().json().get("name"));
 * }</pre>
 *
 * Bad percent-encoding or bad JSON answers 400 and a body over the size limit 413, with a short
 * reason.
 */
public final class Params {
    private final Env env;
    private Map<String, String> url;
    private ParamMap query;
    private ParamMap body;
    private Map<String, Object> json;
    private UploadedFiles files;
    private RuntimeException multipartFailure;

    private static final Path TEMP_DIR = Path.of(System.getProperty("java.io.tmpdir"));

    Params(Env env) {
        this.env = env;
    }

    /** A path parameter, percent-decoded ({@code +} stays {@code +}), or {@code null}. */
    public String url(String name) {
        return url().get(name);
    }

    /** Every path parameter of the matched route, percent-decoded. */
    public Map<String, String> url() {
        if (url == null) url = decodeUrlParams(env.urlParamsMatch());
        return url;
    }

    /** The first value of a query parameter, or {@code null}. */
    public String query(String name) {
        return query().get(name);
    }

    /** Every query parameter. */
    public ParamMap query() {
        if (query == null) query = parseForm(env.request().queryString(), "query string");
        return query;
    }

    /** The first value of a form body parameter, or {@code null}. */
    public String body(String name) {
        return body().get(name);
    }

    /**
     * Every form body parameter: parsed when the Content-Type is
     * {@code application/x-www-form-urlencoded}; empty for other bodies.
     */
    public ParamMap body() {
        if (body == null) {
            if (hasContentType("application/x-www-form-urlencoded")) {
                body = parseForm(env.request().body(), "form body");
            } else if (hasContentType("multipart/form-data")) {
                parseMultipart();
            } else {
                body = ParamMap.EMPTY;
            }
        }
        return body;
    }

    /**
     * The files of a {@code multipart/form-data} body, streamed to temporary files that are
     * deleted when the request ends. Its other fields are in {@link #body()}.
     */
    public UploadedFiles files() {
        if (files == null) {
            if (hasContentType("multipart/form-data")) {
                parseMultipart();
            } else {
                files = UploadedFiles.EMPTY;
            }
        }
        return files;
    }

    /**
     * Reads the whole multipart body once: fields into {@link #body}, files into {@link #files}.
     * A body that failed fails the same way on every later call: its stream is partly consumed,
     * and parsing the rest would yield a partial form.
     */
    private void parseMultipart() {
        if (multipartFailure != null) throw multipartFailure;
        try {
            readMultipart();
        } catch (RuntimeException e) {
            multipartFailure = e;
            throw e;
        }
    }

    private void readMultipart() {
        String boundary = FormDataParser.boundary(env.request().contentType());
        if (boundary == null) throw new HttpException(400, "Bad Request: multipart body without a valid boundary");
        FormDataParser parser = new FormDataParser(env.app().config().maxMultipartFormFieldSize(), TEMP_DIR,
                env::addTempFile);
        FormDataParser.Result result = parser.parse(env.request().bodyStream(), boundary);
        body = new ParamMap(result.fields());
        LinkedHashMap<String, List<UploadedFile>> byName = new LinkedHashMap<>();
        for (FormDataParser.FilePart part : result.files()) {
            byName.computeIfAbsent(part.name(), k -> new ArrayList<>(1)).add(
                    new UploadedFile(part.name(), part.filename(), part.tempfile(), part.size(), part.headers()));
        }
        files = new UploadedFiles(byName);
    }

    /**
     * The JSON body's top-level fields when the Content-Type is JSON ({@code application/json}
     * or a {@code +json} type). An array body is under {@code "_json"}; a scalar or an empty body
     * gives no fields; other content types give no fields. Values are Jackson's natural mapping:
     * String, Integer/Long/BigInteger, Double, Boolean, null, List, Map.
     */
    public Map<String, Object> json() {
        if (json == null) {
            json = isJson() ? Json.parseParams(env.request().bodyBytes()) : Collections.emptyMap();
        }
        return json;
    }

    /** Binds the JSON body to {@code type} (for example a record); 400 when it does not fit. */
    public <T> T json(Class<T> type) {
        return Json.parse(env.request().bodyBytes(), type);
    }

    private boolean isJson() {
        String type = env.request().contentType();
        if (type == null) return false;
        String lower = type.toLowerCase(Locale.ROOT);
        int semicolon = lower.indexOf(';');
        String mime = (semicolon < 0 ? lower : lower.substring(0, semicolon)).trim();
        return mime.equals("application/json") || mime.endsWith("+json");
    }

    private boolean hasContentType(String prefix) {
        String type = env.request().contentType();
        return type != null && type.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    void forgetUrlParams() {
        url = null;
    }

    private static ParamMap parseForm(String text, String what) {
        if (text == null || text.isEmpty()) return ParamMap.EMPTY;
        try {
            return new ParamMap(FormDecoder.parse(text));
        } catch (MalformedEncodingException e) {
            throw new HttpException(400, "Bad Request: " + e.getMessage() + " in the " + what, e);
        }
    }

    private static Map<String, String> decodeUrlParams(RouteMatch<?> match) {
        if (match == null || match.paramCount() == 0) return Collections.emptyMap();
        Map<String, String> out = new LinkedHashMap<>(match.paramCount() * 2);
        for (int i = 0; i < match.paramCount(); i++) {
            try {
                out.put(match.paramName(i), PercentDecoder.decodePathSegment(match.paramValue(i)));
            } catch (MalformedEncodingException e) {
                throw new HttpException(400, "Bad Request: " + e.getMessage() + " in the path", e);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
