package io.verso.registry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcTargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://127.0.0.1:5432/test              | jdbc:postgresql://127.0.0.1:5432/verso_x
            jdbc:postgresql://db:5432/test?sslmode=require&a=b | jdbc:postgresql://db:5432/verso_x?sslmode=require&a=b
            jdbc:postgresql://db                               | jdbc:postgresql://db/verso_x
            jdbc:postgresql://db:5432?ssl=true                 | jdbc:postgresql://db:5432/verso_x?ssl=true
            jdbc:postgresql://a:1,b:2/test                     | jdbc:postgresql://a:1,b:2/verso_x
            """)
    void replacesOnlyTheDatabaseOfTheUrl(String url, String expected) {
        JdbcTarget moved = new JdbcTarget(url, "u", "p").withDatabase("verso_x");

        assertThat(moved).isEqualTo(new JdbcTarget(expected, "u", "p"));
    }

    @Test
    void rejectsUrlsOfOtherDrivers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JdbcTarget("jdbc:h2:mem:test", null, null));
    }

    @Test
    void keepsThePasswordOutOfItsDescription() {
        assertThat(new JdbcTarget("jdbc:postgresql://db/test", "alice", "s3cret")).hasToString(
                "jdbc:postgresql://db/test as alice");
    }
}
