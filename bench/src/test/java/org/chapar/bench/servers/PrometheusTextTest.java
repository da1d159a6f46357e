package org.chapar.bench.servers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT =
            """
            # HELP chapar_bus_published_total
            # TYPE chapar_bus_published_total counter
            chapar_bus_published_total 12.0
            chapar_bus_published_total_extra 99.0
            chapar_requests_total{kind="send_message"} 3.0
            chapar_requests_total{kind="authenticate"} 4.0
            chapar_bus_up 1.0
            """;

    @Test
    void sumsEverySeriesOfTheNameAndNoOtherMetricThatStartsLikeIt() {
        assertThat(PrometheusText.sum(TEXT, "chapar_bus_published_total")).hasValue(12.0);
        assertThat(PrometheusText.sum(TEXT, "chapar_requests_total")).hasValue(7.0);
        assertThat(PrometheusText.sum(TEXT, "chapar_bus_up")).hasValue(1.0);
    }

    @Test
    void aMetricTheTextDoesNotHaveIsEmptyNotZero() {
        assertThat(PrometheusText.sum(TEXT, "chapar_bus")).isEmpty();
        assertThat(PrometheusText.sum("", "chapar_bus_up")).isEmpty();
    }
}
