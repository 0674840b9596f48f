package dev.envoi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envoi.core.InvalidSyntaxException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void defaultsPortsAndNormalisesHosts() {
        assertThat(Route.of("http", "Example.COM", -1).port()).isEqualTo(80);
        assertThat(Route.of("HTTPS", "example.com", -1).port()).isEqualTo(443);
        assertThat(Route.of("http", "Example.COM", 8080).host()).isEqualTo("example.com");
        assertThat(Route.of("http", "[::1]", 80).host()).isEqualTo("::1");
        assertThat(Route.of("http", "[::1]", 80).authority()).isEqualTo("[::1]:80");
        assertThat(Route.of("https", "bücher.example", 443).host()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> Route.of("ftp", "x", 21)).isInstanceOf(InvalidSyntaxException.class)
                .hasMessageContaining("RFC 9110");
        assertThatThrownBy(() -> Route.of("http", "a b", 80)).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Route.of("http", "x", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.newBuilder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Route.newBuilder().scheme("https").host("localhost")
                .unixSocket(Path.of("/tmp/x.sock")).build()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Route.newBuilder().host("localhost").proxy(Proxy.http("127.0.0.1", 8080))
                .unixSocket(Path.of("/tmp/x.sock")).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalityCoversEveryFieldIncludingTrust() throws Exception {
        TestPki.Issued ca = TestPki.ca("envoi route CA");
        TestPki.Issued other = TestPki.ca("envoi other CA");
        String pem = TestPki.pem("CERTIFICATE", ca.cert().getEncoded());
        TlsSettings a1 = TlsSettings.newBuilder().trustPemText(pem).build();
        TlsSettings a2 = TlsSettings.newBuilder().trustPemText(pem).build();
        TlsSettings b = TlsSettings.newBuilder().trustPemText(TestPki.pem("CERTIFICATE", other.cert().getEncoded())).build();

        Route r1 = Route.newBuilder().scheme("https").host("localhost").tls(a1).build();
        Route r2 = Route.newBuilder().scheme("https").host("LOCALHOST").tls(a2).build();
        Route r3 = Route.newBuilder().scheme("https").host("localhost").tls(b).build();
        assertThat(r1).isEqualTo(r2).hasSameHashCodeAs(r2);
        assertThat(r1).isNotEqualTo(r3); // CVE-2024-35195: never reuse across trust configurations
        assertThat(r1).isNotEqualTo(Route.of("https", "localhost", 443)); // JDK default trust
        assertThat(r1).isNotEqualTo(r1.toBuilder().tls(TlsSettings.insecureTrustAllForTesting()).build());
        assertThat(TlsSettings.insecureTrustAllForTesting()).isEqualTo(TlsSettings.insecureTrustAllForTesting());
        assertThat(r1).isNotEqualTo(r1.toBuilder().tls(TlsSettings.newBuilder().trustPemText(pem)
                .protocols("TLSv1.3").build()).build());

        Route viaA = Route.newBuilder().host("h").proxy(Proxy.http("127.0.0.1", 3128).withCredentials("u", "a")).build();
        Route viaB = Route.newBuilder().host("h").proxy(Proxy.http("127.0.0.1", 3128).withCredentials("u", "b")).build();
        assertThat(viaA).isNotEqualTo(viaB);
        assertThat(viaA.toString()).doesNotContain("a@").contains("u:***@");
        assertThat(viaA.isForwardProxy()).isTrue();
        assertThat(viaA.isTunnel()).isFalse();
        assertThat(viaA.toBuilder().scheme("https").build().isTunnel()).isTrue();
    }

    @Test
    void parsesProxyUrls() {
        Proxy p = Proxy.parse("socks5h://us%40er:p%3Ass@127.0.0.1:1081");
        assertThat(p.type()).isEqualTo(Proxy.Type.SOCKS5);
        assertThat(p.remoteDns()).isTrue();
        assertThat(p.username()).isEqualTo("us@er");
        assertThat(p.password()).isEqualTo("p:ss");
        assertThat(p.port()).isEqualTo(1081);
        assertThat(p.toString()).isEqualTo("socks5h://us@er:***@127.0.0.1:1081");
        assertThat(Proxy.parse("socks5://[::1]").port()).isEqualTo(1080);
        assertThat(Proxy.parse("socks5://[::1]").remoteDns()).isFalse();
        assertThat(Proxy.parse("proxy.example:3128")).isEqualTo(Proxy.http("proxy.example", 3128));
        assertThat(Proxy.parse("http://proxy.example/")).isEqualTo(Proxy.http("proxy.example", 80));
        assertThatThrownBy(() -> Proxy.parse("https://p:443")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Proxy.parse("gopher://p")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> Proxy.parse("http://p:0")).isInstanceOf(InvalidSyntaxException.class);
    }
}
