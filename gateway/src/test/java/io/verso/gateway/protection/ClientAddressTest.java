package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 20: a client must not choose the identity its rate limit counts by. */
class ClientAddressTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.7", 5000);
    private static final InetSocketAddress INGRESS = new InetSocketAddress("10.0.0.5", 5000);

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress addresses = new ClientAddress(List.of());
        assertThat(addresses.of(CLIENT, "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(addresses.of(INGRESS, "198.51.100.1")).isEqualTo("10.0.0.5");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8"));
        // The client wrote the first two entries itself; the ingress appended the address it saw.
        assertThat(addresses.of(INGRESS, "1.2.3.4, 5.6.7.8, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(addresses.of(INGRESS, "203.0.113.7, 10.0.0.9")).isEqualTo("203.0.113.7");
        // An untrusted peer's header is never believed, however it looks.
        assertThat(addresses.of(CLIENT, "10.0.0.1")).isEqualTo("203.0.113.7");
        // Garbage a client wrote stops the walk at the last address a trusted proxy vouched for.
        assertThat(addresses.of(INGRESS, "evil.example")).isEqualTo("10.0.0.5");
        assertThat(addresses.of(null, null)).isEqualTo("unknown");
    }

    @Test
    void refusesTrustedProxiesThatAreNoCidr() {
        assertThatThrownBy(() -> new ClientAddress(List.of("ingress.local"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingress.local");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/40"))).hasMessageContaining("prefix length");
    }
}
