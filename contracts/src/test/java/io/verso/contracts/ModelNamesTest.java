package io.verso.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of the shared name and label rules: lengths, first characters, reserved labels, non-ASCII. */
class ModelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"iris", "a", "7", "Iris_v2.1-beta", "0.x", "a..b", "a-", "a_"})
    void acceptsNamesOfLettersDigitsDotsUnderscoresAndDashes(String name) {
        assertThat(ModelNames.isName(name)).isTrue();
        assertThat(ModelNames.nameProblem(name)).isEmpty();
        assertThat(ModelNames.requireName(name)).isEqualTo(name);
    }

    @Test
    void aNameHoldsAtMost128Characters() {
        assertThat(ModelNames.isName("a".repeat(ModelNames.MAX_NAME_LENGTH))).isTrue();
        assertThat(ModelNames.isName("a".repeat(ModelNames.MAX_NAME_LENGTH + 1))).isFalse();
        assertThat(ModelNames.nameProblem("a".repeat(129))).get(STRING)
                .contains("at most 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "_a", "-a", "a/b", "a b", "a:predict", "a%2Fb", "modèle", "мodel", "a\n",
            "ａ", "٣", "a\u0000", "..", "a@b"})
    void refusesOtherFirstCharactersSeparatorsAndNonAscii(String name) {
        assertThat(ModelNames.isName(name)).isFalse();
        assertThat(ModelNames.nameProblem(name)).get(STRING)
                .startsWith("model name '").contains(ModelNames.NAME_RULE);
        assertThatThrownBy(() -> ModelNames.requireName(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model name");
    }

    @Test
    void anAbsentNameIsRequiredNotMalformed() {
        assertThat(ModelNames.isName(null)).isFalse();
        assertThat(ModelNames.isName("")).isFalse();
        assertThat(ModelNames.nameProblem(null)).contains("a model name is required");
        assertThat(ModelNames.nameProblem("")).contains("a model name is required");
    }

    @Test
    void aHugeNameIsNotEchoedWhole() {
        String huge = "é".repeat(1_000_000);
        assertThat(ModelNames.nameProblem(huge).orElseThrow()).hasSizeLessThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "a", "blue-green", "v2_candidate", "x9"})
    void acceptsLowerCaseLabels(String label) {
        assertThat(ModelNames.isLabel(label)).isTrue();
        assertThat(ModelNames.customLabelProblem(label)).isEmpty();
    }

    @Test
    void aLabelHoldsAtMost63Characters() {
        assertThat(ModelNames.isLabel("a".repeat(ModelNames.MAX_LABEL_LENGTH))).isTrue();
        assertThat(ModelNames.isLabel("a".repeat(ModelNames.MAX_LABEL_LENGTH + 1))).isFalse();
        assertThat(ModelNames.customLabelProblem("a".repeat(64)).orElseThrow()).contains("at most 63");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Prod", "1st", "_a", "-a", "a.b", "a b", "prüfung", "ｐrod", "a\n", "A"})
    void refusesUpperCaseLeadingDigitsDotsAndNonAsciiLabels(String label) {
        assertThat(ModelNames.isLabel(label)).isFalse();
        assertThat(ModelNames.customLabelProblem(label).orElseThrow()).startsWith("label '")
                .contains(ModelNames.LABEL_RULE);
    }

    @Test
    void reservedLabelsAreValidInPathsButCannotBeSetByHand() {
        for (String reserved : ModelNames.RESERVED_LABELS) {
            assertThat(ModelNames.isLabel(reserved)).isTrue();
            assertThat(ModelNames.customLabelProblem(reserved).orElseThrow()).contains("derived from the deployment");
        }
        assertThat(ModelNames.RESERVED_LABELS).containsExactlyInAnyOrder(ModelNames.STABLE, ModelNames.CANARY);
        assertThat(ModelNames.customLabelProblem("Stable")).get(STRING)
                .contains(ModelNames.LABEL_RULE);
        assertThat(ModelNames.customLabelProblem(null)).contains("a label is required");
    }
}
