package bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The report half of {@code bench/run.sh} (medians, table, chart) on a fixed set of runs, so it
 * stays correct on machines without wrk; and the script's {@code --help}.
 */
class ReportScriptsTest {
    private static final Path BENCH = Path.of(System.getProperty("bench.dir", "..")).toAbsolutePath().normalize();
    private static final Path LIB = BENCH.resolve("lib");

    @TempDir
    Path dir;

    @Test
    void summaryTakesTheMedianOfEachMetricSumsErrorsAndKeepsPipelinedLatencyEmpty() throws Exception {
        Path summary = summarise();

        assertThat(Files.readAllLines(summary)).containsExactly(
                "server,endpoint,runs,rps,p50_ms,p99_ms,req_per_cpu_s,cpu_pct,errors",
                "netty,plaintext,3,100000,1.00,3.00,101000,99,0",
                "netty,json,3,80000,1.50,4.00,81000,98,2",
                "kemal,plaintext,2,75000,1.25,5.00,76000,99,0",
                "kemal,pipelined,1,300000,,,303000,99,0");
    }

    @Test
    void tableShowsOneRowPerServerAndEndpointWithServerFiguresOnItsFirstRow() throws Exception {
        Path servers = write("servers.csv", """
                server,startup_ms,rss_idle_mb,rss_after_mb,rss_peak_mb
                netty,850,92.3,120.1,125.0
                kemal,900,83.5,121.7,130.2
                """);

        String table = run("awk", "-f", LIB.resolve("table.awk").toString(), summarise().toString(), servers.toString());

        assertThat(table.lines()).containsExactly(
                "| server | endpoint | req/s | p50 ms | p99 ms | req/CPU-s | server CPU | errors | startup ms | RSS idle MB | RSS after MB |",
                "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
                "| netty | plaintext | 100,000 | 1.00 | 3.00 | 101,000 | 99% | 0 | 850 | 92.3 | 120.1 |",
                "|  | json | 80,000 | 1.50 | 4.00 | 81,000 | 98% | 2 |  |  |  |",
                "| kemal | plaintext | 75,000 | 1.25 | 5.00 | 76,000 | 99% | 0 | 900 | 83.5 | 121.7 |",
                "|  | pipelined | 300,000 | n/a | n/a | 303,000 | 99% | 0 |  |  |  |");
    }

    @Test
    void startupOnlyServerGetsOneRowInItsPlace() throws Exception {
        // kemal-aot is measured for startup only: no endpoint rows in the summary.
        Path servers = write("servers.csv", """
                server,startup_ms,rss_idle_mb,rss_after_mb,rss_peak_mb
                netty,850,92.3,120.1,125.0
                kemal,900,83.5,121.7,130.2
                kemal-aot,380,70.4,,
                """);

        String table = run("awk", "-f", LIB.resolve("table.awk").toString(), summarise().toString(), servers.toString());

        assertThat(table.lines()).containsExactly(
                "| server | endpoint | req/s | p50 ms | p99 ms | req/CPU-s | server CPU | errors | startup ms | RSS idle MB | RSS after MB |",
                "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
                "| netty | plaintext | 100,000 | 1.00 | 3.00 | 101,000 | 99% | 0 | 850 | 92.3 | 120.1 |",
                "|  | json | 80,000 | 1.50 | 4.00 | 81,000 | 98% | 2 |  |  |  |",
                "| kemal | plaintext | 75,000 | 1.25 | 5.00 | 76,000 | 99% | 0 | 900 | 83.5 | 121.7 |",
                "|  | pipelined | 300,000 | n/a | n/a | 303,000 | 99% | 0 |  |  |  |",
                "| kemal-aot | startup only |  |  |  |  |  |  | 380 | 70.4 |  |");
    }

    @Test
    void chartIsWellFormedSvgWithOneBarPerServerAndEndpointInTheGivenOrder() throws Exception {
        String svg = run("awk", "-v", "title=Req/s & more", "-v", "subtitle=test", "-v", "order=json,plaintext,pipelined",
                "-f", LIB.resolve("chart.awk").toString(), summarise().toString());

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("rect").getLength()).as("background and 4 bars").isEqualTo(5);
        assertThat(svg).contains("Req/s &amp; more", "100,000 req/s", "75,000 req/s", "300,000 req/s");
        assertThat(svg.indexOf(">json<")).isLessThan(svg.indexOf(">plaintext<"));
        assertThat(svg.indexOf(">plaintext<")).isLessThan(svg.indexOf(">pipelined<"));
    }

    @Test
    void chartCountsTheWebSocketEchoInMessages() throws Exception {
        Path runs = write("ws-runs.csv", """
                server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s
                netty,plaintext,1,1000000,10.000,100000,1.00,3.00,0,0,9.90,101000
                netty,ws,1,600000,10.000,60000,1.05,2.50,0,0,9.90,60606
                kemal,ws,1,450000,10.000,45000,1.40,4.00,0,0,9.90,45454
                """);
        Path summary = write("ws-summary.csv", run("awk", "-f", LIB.resolve("summarise.awk").toString(), runs.toString()));

        String svg = run("awk", "-v", "title=t", "-v", "subtitle=s", "-v", "order=plaintext,ws",
                "-f", LIB.resolve("chart.awk").toString(), summary.toString());

        assertThat(svg).contains("100,000 req/s", "60,000 msg/s", "45,000 msg/s")
                .doesNotContain("60,000 req/s", "100,000 msg/s");
        assertThat(Files.readAllLines(summary)).contains("kemal,ws,1,45000,1.40,4.00,45454,99,0");
    }

    @Test
    void idleTableSetsPlaintextWithAndWithoutTheIdleConnectionsSideBySide() throws Exception {
        Path runs = write("idle-runs.csv", """
                server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s
                kemal,plaintext,1,700000,10.000,70000,1.20,4.00,0,0,9.90,71000
                kemal,plaintext-idle,1,650000,10.000,65000,1.30,4.50,0,0,9.90,66000
                netty,plaintext,1,1000000,10.000,100000,1.00,3.00,0,0,9.90,101000
                netty,plaintext-idle,1,990000,10.000,99000,1.00,3.10,0,0,9.90,100000
                """);
        Path summary = write("idle-summary.csv", run("awk", "-f", LIB.resolve("summarise.awk").toString(), runs.toString()));
        Path idle = write("idle.csv", """
                server,connections,opened,held,closed,rss_before_mb,rss_held_mb,rss_after_mb
                kemal,10000,10000,9990,10,120.5,175.0,180.2
                netty,10000,10000,10000,0,110.0,160.3,161.0
                """);

        String table = run("awk", "-f", LIB.resolve("idle.awk").toString(), summary.toString(), idle.toString());

        assertThat(table.lines()).containsExactly(
                "| server | idle connections | opened | open after runs | req/s | req/s with idle | p99 ms | p99 ms with idle | RSS before MB | RSS with idle MB | RSS after runs MB |",
                "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
                "| kemal | 10,000 | 10,000 | 9,990 | 70,000 | 65,000 | 4.00 | 4.50 | 120.5 | 175.0 | 180.2 |",
                "| netty | 10,000 | 10,000 | 10,000 | 100,000 | 99,000 | 3.00 | 3.10 | 110.0 | 160.3 | 161.0 |");
        assertThat(run("bash", BENCH.resolve("run.sh").toString(), "--help")).contains("--idle N");
    }

    @Test
    void runScriptExplainsItself() throws Exception {
        String help = run("bash", BENCH.resolve("run.sh").toString(), "--help");

        assertThat(help).contains("Usage: bench/run.sh", "--servers", "--duration", "--runs", "--no-build",
                "--ws-window", "plaintext,json,hello,echo,template,static,pipelined,ws", "kemal-aot");
    }

    @Test
    void memoryTableShowsTheRssAfterEachRunOfEachServersFirstEndpointAndTheChange() throws Exception {
        Path runs = write("memory-runs.csv", """
                server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s,rss_mb
                netty,plaintext,1,1000000,10.000,100000,1.00,3.00,0,0,9.90,101000,120.5
                netty,plaintext,2,900000,10.000,90000,0.90,2.00,0,0,9.80,91000,121.0
                netty,plaintext,3,1100000,10.000,110000,1.10,9.00,0,0,9.90,111000,120.0
                netty,json,1,800000,10.000,80000,1.50,4.00,1,0,9.80,81000,150.0
                kemal,ws,1,600000,10.000,60000,0.50,2.00,0,0,9.90,61000,
                kemal,plaintext,1,700000,10.000,70000,1.20,4.00,0,0,9.90,71000,100.0
                kemal,plaintext,2,800000,10.000,80000,1.30,6.00,0,0,9.90,81000,103.5
                """);

        String table = run("awk", "-f", LIB.resolve("memory.awk").toString(), runs.toString());

        // ws runs have no per-run RSS: kemal's row is its plaintext runs.
        assertThat(table.lines()).containsExactly(
                "| server | endpoint | RSS after run 1 MB | RSS after run 2 MB | RSS after run 3 MB | change MB |",
                "|---|---|--:|--:|--:|--:|",
                "| netty | plaintext | 120.5 | 121.0 | 120.0 | -0.5 |",
                "| kemal | plaintext | 100.0 | 103.5 |  | +3.5 |");
    }

    private Path summarise() throws IOException, InterruptedException {
        Path runs = write("runs.csv", """
                server,endpoint,run,requests,duration_s,rps,p50_ms,p99_ms,socket_errors,non2xx,cpu_s,req_per_cpu_s
                netty,plaintext,1,1000000,10.000,100000,1.00,3.00,0,0,9.90,101000
                netty,plaintext,2,900000,10.000,90000,0.90,2.00,0,0,9.80,91000
                netty,plaintext,3,1100000,10.000,110000,1.10,9.00,0,0,9.90,111000
                netty,json,1,800000,10.000,80000,1.50,4.00,1,0,9.80,81000
                netty,json,2,700000,10.000,70000,1.60,5.00,0,1,9.70,71000
                netty,json,3,850000,10.000,85000,1.40,3.00,0,0,9.90,86000
                kemal,plaintext,1,700000,10.000,70000,1.20,4.00,0,0,9.90,71000
                kemal,plaintext,2,800000,10.000,80000,1.30,6.00,0,0,9.90,81000
                kemal,pipelined,1,3000000,10.000,300000,,,0,0,9.90,303000
                """);
        return write("summary.csv", run("awk", "-f", LIB.resolve("summarise.awk").toString(), runs.toString()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("finished: %s", String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as("exit status of %s; output:%n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
