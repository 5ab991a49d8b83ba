package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowedVersionsTest {

    private final AllowedVersions allowed = new AllowedVersions(Set.of(1L));

    AllowedVersionsTest() {
        allowed.change(100, 200, Set.of(1L, 2L));
        allowed.change(300, 400, Set.of(2L));
        allowed.change(500, 600, Set.of(1L));
    }

    @Test
    void beforeAChangeOnlyTheOldSetAndAfterItOnlyTheNewOne() {
        assertThat(allowed.between(10, 90)).containsExactly(1L);
        assertThat(allowed.between(210, 290)).containsExactly(1L, 2L);
        assertThat(allowed.between(410, 490)).containsExactly(2L);
        assertThat(allowed.between(610, 700)).containsExactly(1L);
    }

    @Test
    void duringAChangeBothSetsAreAcceptable() {
        assertThat(allowed.between(450, 550)).containsExactly(1L, 2L);
        assertThat(allowed.between(350, 360)).containsExactly(1L, 2L);
    }

    @Test
    void aRequestSpanningAChangeMayBeAnsweredByEitherSide() {
        assertThat(allowed.between(50, 250)).containsExactly(1L, 2L);
        assertThat(allowed.between(590, 610)).containsExactly(1L, 2L);
    }
}
