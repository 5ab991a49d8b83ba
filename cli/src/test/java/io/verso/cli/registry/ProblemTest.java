package io.verso.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void describesAnRfc9457ProblemWithItsField() {
        Problem problem = Problem.of(404, """
                {"type": "about:blank", "title": "Not Found", "status": 404,
                 "detail": "model 'm' has no version 9", "field": "version"}""");

        assertThat(problem.describe()).isEqualTo("404 Not Found: model 'm' has no version 9 (field: version)");
    }

    @Test
    void aBodyThatIsNotJsonIsShownAsText() {
        assertThat(Problem.of(502, "Bad Gateway\n").describe()).isEqualTo("502: Bad Gateway");
        assertThat(Problem.of(500, "").describe()).isEqualTo("500");
    }
}
