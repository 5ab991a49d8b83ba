package io.verso.inference.api.tfserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.VersionSelector;
import org.junit.jupiter.api.Test;

class TfServingPathTest {

    @Test
    void parsesEveryFormOfTheRestPath() {
        assertThat(TfServingPath.parse("GET", "/v1/models/m"))
                .isEqualTo(new TfServingPath("m", VersionSelector.DEFAULT, TfServingPath.Action.STATUS));
        assertThat(TfServingPath.parse("GET", "/v1/models/m/versions/00123/metadata"))
                .isEqualTo(new TfServingPath("m", new VersionSelector.Number(123), TfServingPath.Action.METADATA));
        assertThat(TfServingPath.parse("POST", "/v1/models/m.v2/labels/canary:predict"))
                .isEqualTo(new TfServingPath("m.v2", new VersionSelector.Label("canary"), TfServingPath.Action.PREDICT));
        assertThat(TfServingPath.parse("POST", "/v1/models/m:classify").action()).isEqualTo(TfServingPath.Action.CLASSIFY);
        assertThat(TfServingPath.parse("POST", "/v1/models/m/versions/1:regress").action())
                .isEqualTo(TfServingPath.Action.REGRESS);
    }

    @Test
    void refusesMalformedPathsAndMethods() {
        assertThatThrownBy(() -> TfServingPath.parse("GET", "/v1/models/m:predict")).hasMessageContaining("Malformed request");
        assertThatThrownBy(() -> TfServingPath.parse("POST", "/v1/models/m")).hasMessageContaining("Malformed request");
        assertThatThrownBy(() -> TfServingPath.parse("POST", "/v1/models/m:explain")).hasMessageContaining("Malformed");
        assertThatThrownBy(() -> TfServingPath.parse("GET", "/v1/models/m/versions/99999999999999999999"))
                .hasMessageContaining("not a 64-bit number");
    }
}
