package dev.envoi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {
    @ParameterizedTest(name = "NO_PROXY=\"{0}\" host={1} port={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // domains: exact, suffix on a label boundary, leading dot, *., trailing dots, case
        "example.com                | example.com        | 80   | true",
        "example.com                | www.example.com    | 80   | true",
        "example.com                | a.b.example.com    | 443  | true",
        "example.com                | notexample.com     | 80   | false",
        "example.com                | example.com.evil   | 80   | false",
        ".example.com               | example.com        | 80   | true",
        ".example.com               | www.example.com    | 80   | true",
        "*.example.com              | www.example.com    | 80   | true",
        "example.com.               | www.example.com.   | 80   | true",
        "EXAMPLE.com                | Www.Example.COM    | 80   | true",
        "com                        | example.com        | 80   | true",
        "'a.test, b.test'           | b.test             | 80   | true",
        "'a.test  b.test'           | b.test             | 80   | true",
        "',,a.test,,'               | a.test             | 80   | true",
        "a.test                     | b.test             | 80   | false",
        // the wildcard
        "*                          | anything.test      | 80   | true",
        "'a.test,*'                 | other.test         | 80   | true",
        // IPv4 addresses and CIDR blocks
        "127.0.0.1                  | 127.0.0.1          | 80   | true",
        "127.0.0.1                  | 127.0.0.2          | 80   | false",
        "127.0.0.0/8                | 127.255.0.1        | 80   | true",
        "192.168.0.0/16             | 192.168.10.1       | 80   | true",
        "192.168.0.0/16             | 192.169.0.1        | 80   | false",
        "10.0.0.0/33                | 10.0.0.1           | 80   | false",
        "0.0.0.0/0                  | 203.0.113.9        | 80   | true",
        "127.0.0.1                  | localhost          | 80   | false",
        "localhost                  | 127.0.0.1          | 80   | false",
        // IPv6, with and without brackets, and CIDR
        "::1                        | ::1                | 80   | true",
        "[::1]                      | [::1]              | 80   | true",
        "[::1]                      | ::1                | 80   | true",
        "fd00::/8                   | fd12:3456::1       | 80   | true",
        "fd00::/8                   | fe80::1            | 80   | false",
        "2001:db8::/32              | 2001:db8:ffff::1   | 80   | true",
        "::1                        | 127.0.0.1          | 80   | false",
        // ports
        "example.com:8080           | example.com        | 8080 | true",
        "example.com:8080           | example.com        | 80   | false",
        "example.com:8080           | www.example.com    | 8080 | true",
        "[::1]:8080                 | ::1                | 8080 | true",
        "[::1]:8080                 | ::1                | 8081 | false",
        "127.0.0.1:3128             | 127.0.0.1          | 3128 | true",
        // empty
        "''                         | example.com        | 80   | false",
    })
    void noProxyTable(String list, String host, int port, boolean bypass) {
        assertThat(NoProxy.parse(list).matches(host, port)).isEqualTo(bypass);
    }

    @ParameterizedTest(name = "http.nonProxyHosts=\"{0}\" host={1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "localhost|127.*|[::1] ; localhost ; true",
        "localhost|127.*|[::1] ; 127.0.0.1 ; true",
        "localhost|127.*|[::1] ; ::1 ; true",
        "localhost|127.*|[::1] ; example.com ; false",
        "*.example.com ; www.example.com ; true",
        "*.example.com ; example.com ; false",
        "internal.* ; internal.corp ; true",
        "HOST.test ; host.TEST ; true",
    })
    void javaNonProxyHostsTable(String patterns, String host, boolean bypass) {
        assertThat(NoProxy.fromJavaNonProxyHosts(patterns).matches(host, 80)).isEqualTo(bypass);
    }

    @Test
    void environmentLowerCaseWinsAndAllProxyIsTheFallback() {
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PROXY", "http://upper.test:1");
        env.put("http_proxy", "http://lower.test:2");
        env.put("ALL_PROXY", "socks5h://all.test:1080");
        env.put("NO_PROXY", ".internal.test, 10.0.0.0/8");
        ProxyConfig c = ProxyConfig.fromEnvironment(env);
        assertThat(c.select("http", "example.test", 80)).isEqualTo(Proxy.http("lower.test", 2));
        assertThat(c.select("https", "example.test", 443)).isEqualTo(Proxy.socks5("all.test", 1080, true));
        assertThat(c.select("http", "db.internal.test", 80)).isEqualTo(Proxy.direct());
        assertThat(c.select("https", "10.1.2.3", 443)).isEqualTo(Proxy.direct());

        env.put("https_proxy", "");             // empty counts as unset
        env.put("HTTPS_PROXY", "user:pw@secure.test:3128");
        env.put("no_proxy", "*");              // lower case wins over NO_PROXY
        ProxyConfig d = ProxyConfig.fromEnvironment(env);
        assertThat(d.httpsProxy()).isEqualTo(Proxy.http("secure.test", 3128).withCredentials("user", "pw"));
        assertThat(d.select("https", "example.test", 443)).isEqualTo(Proxy.direct());

        assertThat(ProxyConfig.fromEnvironment(Map.of()).select("https", "x.test", 443)).isEqualTo(Proxy.direct());
        assertThatThrownBy(() -> ProxyConfig.fromEnvironment(Map.of("https_proxy", "https://p.test")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https_proxy / HTTPS_PROXY");
    }

    @Test
    void jdkSystemProperties() {
        Properties p = new Properties();
        p.setProperty("http.proxyHost", "web.test");
        p.setProperty("socksProxyHost", "socks.test");
        ProxyConfig c = ProxyConfig.fromSystemProperties(p);
        assertThat(c.select("http", "example.test", 80)).isEqualTo(Proxy.http("web.test", 80));
        assertThat(c.select("https", "example.test", 443)).isEqualTo(Proxy.socks5("socks.test", 1080, true));
        assertThat(c.select("http", "localhost", 80)).isEqualTo(Proxy.direct()); // the JDK's default nonProxyHosts
        assertThat(c.select("http", "127.0.0.1", 80)).isEqualTo(Proxy.direct());

        p.setProperty("https.proxyHost", "tls.test");
        p.setProperty("https.proxyPort", "8443");
        p.setProperty("http.nonProxyHosts", "*.corp.test");
        ProxyConfig d = ProxyConfig.fromSystemProperties(p);
        assertThat(d.select("https", "example.test", 443)).isEqualTo(Proxy.http("tls.test", 8443));
        assertThat(d.select("https", "git.corp.test", 443)).isEqualTo(Proxy.direct());
        assertThat(d.select("http", "localhost", 80)).isEqualTo(Proxy.http("web.test", 80));
    }

    @Test
    void explicitConfigs() {
        Proxy p = Proxy.socks5("127.0.0.1", 1080);
        assertThat(ProxyConfig.of(p).select("http", "x.test", 80)).isEqualTo(p);
        assertThat(ProxyConfig.direct().select("https", "x.test", 443)).isEqualTo(Proxy.direct());
        assertThat(ProxyConfig.of(Proxy.direct(), p, NoProxy.parse("x.test")).select("https", "x.test", 443))
                .isEqualTo(Proxy.direct());
        assertThat(ProxyConfig.of(p).select("https", "bücher.test", 443)).isEqualTo(p);
    }
}
