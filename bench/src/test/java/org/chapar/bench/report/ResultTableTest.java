package org.chapar.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class ResultTableTest {
    @Test
    void theRatioReadsAsHowManyTimesBetterTheFirstServerIs() {
        Result a =
                new Result("direct max", "chapar")
                        .metric("delivered", 30_000, "msgs/s")
                        .metric("latency p99", 10, "ms");
        Result b =
                new Result("direct max", "ejabberd")
                        .metric("delivered", 10_000, "msgs/s")
                        .metric("latency p99", 40, "ms");

        String table = ResultTable.render(List.of(a, b));

        assertThat(table).contains("chapar/ejabberd (x better)");
        assertThat(line(table, "delivered")).endsWith("3.00");
        assertThat(line(table, "latency p99")).endsWith("4.00");
    }

    @Test
    void memoryAndCpuAreCostsWhereLessIsBetter() {
        assertThat(
                        new Result("idle", "x")
                                .metric("server RSS per connection", 8, "KiB/conn")
                                .metrics()
                                .getFirst()
                                .higherIsBetter())
                .isFalse();
        assertThat(
                        new Result("d", "x")
                                .metric("server cpu per 1k msgs", 8, "ms")
                                .metrics()
                                .getFirst()
                                .higherIsBetter())
                .isFalse();
        assertThat(
                        new Result("d", "x")
                                .metric("delivered", 8, "msgs/s")
                                .metrics()
                                .getFirst()
                                .higherIsBetter())
                .isTrue();
    }

    @Test
    void aMetricOnlyOneServerHasShowsADash() {
        Result a = new Result("idle", "chapar").metric("server heap per connection", 3, "KiB/conn");
        Result b = new Result("idle", "ejabberd");
        assertThat(line(ResultTable.render(List.of(a, b)), "server heap")).contains("-");
    }

    @Test
    void numbersAreRoundedForReading() {
        assertThat(ResultTable.format(51234)).isEqualTo("51,234");
        assertThat(ResultTable.format(12.345)).isEqualTo("12.35");
        assertThat(ResultTable.format(0.1234)).isEqualTo("0.123");
        assertThat(ResultTable.format(1234.5)).isEqualTo("1,235");
    }

    private static String line(String table, String metric) {
        return table.lines()
                .filter(l -> l.strip().startsWith(metric))
                .findFirst()
                .orElseThrow()
                .stripTrailing();
    }
}
