package bench.jmh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kemal.internal.params.FormDecoder;
import kemal.internal.params.PercentDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parameter decoding: a typical query string and an escaped form body through
 * {@link FormDecoder}, and single components through {@link PercentDecoder}, with and without
 * escapes (the unescaped case should return its input). Inputs are fields, not constants, so
 * the JIT cannot fold them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParamsBenchmark {
    public String query = "q=kemal+framework&page=2&per_page=25&sort=created_at&order=desc&tag=java&tag=netty&lang=en";
    public String form = "name=J%C3%BCrgen+M%C3%BCller&email=juergen%40example.com&message=Hello%2C+World%21&subscribe=on";
    public String plainSegment = "juergen-mueller";
    public String escapedSegment = "J%C3%BCrgen%20M%C3%BCller";
    public String formComponent = "Hello%2C+World%21";

    @Benchmark
    public LinkedHashMap<String, List<String>> formDecoderQueryString() {
        return FormDecoder.parse(query);
    }

    @Benchmark
    public LinkedHashMap<String, List<String>> formDecoderEscapedBody() {
        return FormDecoder.parse(form);
    }

    @Benchmark
    public String percentDecoderPlainSegment() {
        return PercentDecoder.decodePathSegment(plainSegment);
    }

    @Benchmark
    public String percentDecoderEscapedSegment() {
        return PercentDecoder.decodePathSegment(escapedSegment);
    }

    @Benchmark
    public String percentDecoderFormComponent() {
        return PercentDecoder.decodeFormComponent(formComponent);
    }
}
