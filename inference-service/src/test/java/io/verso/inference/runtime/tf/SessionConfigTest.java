package io.verso.inference.runtime.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.SessionOptions;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class SessionConfigTest {

    @Test
    void carriesEverySessionOptionIntoTensorFlowsConfig() {
        ConfigProto config = TfServableLoader.configProto(new SessionOptions(4, 2, false, 0.5, "0,1", false));
        assertThat(config.getIntraOpParallelismThreads()).isEqualTo(4);
        assertThat(config.getInterOpParallelismThreads()).isEqualTo(2);
        assertThat(config.getAllowSoftPlacement()).isFalse();
        assertThat(config.getGpuOptions().getAllowGrowth()).isFalse();
        assertThat(config.getGpuOptions().getPerProcessGpuMemoryFraction()).isEqualTo(0.5);
        assertThat(config.getGpuOptions().getVisibleDeviceList()).isEqualTo("0,1");
    }
}
