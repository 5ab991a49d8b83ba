package io.verso.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** wrk's and h2load's outputs, as their Debian builds print them, read into a {@link LoadRun}. */
class LoadGeneratorOutputTest {

    @Test
    void readsWrkWithPercentilesAndErrors() {
        String output = """
                Running 10s test @ http://127.0.0.1:8501/v1/models/half_plus_two:predict
                  2 threads and 64 connections
                  Thread Stats   Avg      Stdev     Max   +/- Stdev
                    Latency     8.71ms    2.10ms  40.12ms   90.00%
                    Req/Sec     3.70k   200.00     4.10k    70.00%
                  Latency Distribution
                     50%    8.20ms
                     75%    9.10ms
                     90%   10.50ms
                     99%   16.00ms
                  73512 requests in 10.00s, 8.41MB read
                  Socket errors: connect 0, read 2, write 0, timeout 1
                  Non-2xx or 3xx responses: 4
                Requests/sec:   7351.20
                Transfer/sec:    861.00KB
                """;
        LoadRun run = Wrk.parse(output, "wrk");
        assertThat(run.requests()).isEqualTo(73512);
        assertThat(run.seconds()).isEqualTo(10.0);
        assertThat(run.requestsPerSecond()).isCloseTo(7351.2, within(0.01));
        assertThat(run.p50Ms()).isEqualTo(8.2);
        assertThat(run.p99Ms()).isEqualTo(16.0);
        assertThat(run.meanMs()).isEqualTo(8.71);
        assertThat(run.errors()).isEqualTo(7);
    }

    @Test
    void readsWrkMicrosecondLatencies() {
        LoadRun run = Wrk.parse("""
                    Latency   635.00us  100.00us   5.00ms   90.00%
                  Latency Distribution
                     50%  600.00us
                     99%    1.20ms
                  1000 requests in 1.00s, 1.00MB read
                """, "wrk");
        assertThat(run.p50Ms()).isCloseTo(0.6, within(1e-9));
        assertThat(run.p99Ms()).isEqualTo(1.2);
        assertThat(run.errors()).isZero();
    }

    @Test
    void readsH2Load() {
        String output = """
                finished in 10.00s, 5123.40 req/s, 1.20MB/s
                requests: 51234 total, 51234 started, 51234 done, 51230 succeeded, 4 failed, 0 errored, 0 timeout
                status codes: 51230 2xx, 0 3xx, 4 4xx, 0 5xx
                                     min         max         mean         sd        +/- sd
                time for request:      310us     20.11ms     12.40ms      1.10ms    80.00%
                """;
        LoadRun run = H2Load.parse(output, "h2load");
        assertThat(run.requests()).isEqualTo(51234);
        assertThat(run.requestsPerSecond()).isEqualTo(5123.4);
        assertThat(run.meanMs()).isEqualTo(12.4);
        assertThat(run.p50Ms()).isNaN();
        assertThat(run.errors()).isEqualTo(4);
    }

    @Test
    void anOutputWithoutTotalsIsAnError() {
        assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused", "wrk"))
                .hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> H2Load.parse("connect: Connection refused", "h2load"))
                .hasMessageContaining("Connection refused");
    }
}
