package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueRulesTest {
    @Test
    void hostNamesSshAliasesAndAddressesAreHosts() {
        for (String host : List.of("192.0.2.10", "web-1", "web_1", "app.example.com", "app.example.com.", "2001:db8::1", "::1",
                "fe80::1:2:3:4", "2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1", "h")) {
            assertEquals(Optional.empty(), ValueRules.host(host), host);
        }
    }

    @Test
    void aHostSaysWhatIsWrongWithIt() {
        assertEquals(Optional.of("\"a b\" contains a space; write each host as a list entry of its own (a missing comma?)"), ValueRules.host("a b"));
        assertEquals(Optional.of("\"a\\tb\" contains a space; write each host as a list entry of its own (a missing comma?)"), ValueRules.host("a\tb"));
        assertEquals(Optional.of("\"root@h\": set the SSH user with ssh/user, not in the host"), ValueRules.host("root@h"));
        assertEquals(Optional.of("\"h:22\": set the SSH port with ssh/port, not in the host"), ValueRules.host("h:22"));
        assertEquals(Optional.of("\"1.2.3.4:22\": set the SSH port with ssh/port, not in the host"), ValueRules.host("1.2.3.4:22"));
        assertEquals(Optional.of("\"1.2.3\" is not a valid IPv4 address"), ValueRules.host("1.2.3"));
        assertEquals(Optional.of("\"ssh://h\" is not a host name or an IP address"), ValueRules.host("ssh://h"));
        assertEquals(Optional.of("\"web-\" is not a host name or an IP address"), ValueRules.host("web-"));
        assertEquals(Optional.of("\"[::1]\": write IPv6 addresses without brackets"), ValueRules.host("[::1]"));
        assertEquals(Optional.of("\"[::1]:22\": set the SSH port with ssh/port, not in the host"), ValueRules.host("[::1]:22"));
        assertEquals(Optional.of("should not be empty"), ValueRules.host(" "));
    }

    @Test
    void ipv6AddressesNeedEightGroupsOrOneDoubleColon() {
        assertTrue(ValueRules.isIpv6("1:2:3:4:5:6:7:8"));
        assertTrue(ValueRules.isIpv6("1::8"));
        assertTrue(ValueRules.isIpv6("1:2:3:4:5:6:192.0.2.1"));
        assertFalse(ValueRules.isIpv6("1:2:3:4:5:6:7"));
        assertFalse(ValueRules.isIpv6("1::2::3"));
        assertFalse(ValueRules.isIpv6("1:::2"));
        assertFalse(ValueRules.isIpv6("12345::1"));
        assertFalse(ValueRules.isIpv6("abc:22"));
    }

    @Test
    void jumpHostsTakeAUserAPortAndCommas() {
        for (String jump : List.of("bastion", "root@bastion.example.com", "deploy@10.0.0.1:2222", "ssh://root@bastion",
                "a@j1,b@j2:2200", "2001:db8::1")) {
            assertEquals(Optional.empty(), ValueRules.jumpHosts(jump), jump);
        }
        assertEquals(Optional.of("\"-oProxyCommand=x\" is not a jump host (host, user@host or user@host:port)"), ValueRules.jumpHosts("-oProxyCommand=x"));
        assertEquals(Optional.of("\"\" is not a jump host (host, user@host or user@host:port)"), ValueRules.jumpHosts("a,"));
        assertEquals(Optional.of("\"@h\" is not a jump host (host, user@host or user@host:port)"), ValueRules.jumpHosts("@h"));
    }

    @Test
    void registryServersAreHostsWithAnOptionalPortAndPath() {
        for (String server : List.of("ghcr.io", "localhost:5555", "registry.example.com:5000", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                "europe-west1-docker.pkg.dev", "registry.digitalocean.com/my-registry", "127.0.10.254:5000", "[::1]:5000")) {
            assertEquals(Optional.empty(), ValueRules.registryServer(server), server);
        }
        for (String server : List.of("https://ghcr.io", "ghcr.io:0", "ghcr.io/My_Org", "ghcr io", "ghcr.io/")) {
            assertTrue(ValueRules.registryServer(server).isPresent(), server);
        }
    }

    @Test
    void proxyHostsAllowOnlyALeadingWildcard() {
        for (String host : List.of("example.com", "*.example.com", "192.0.2.1", "localhost")) {
            assertEquals(Optional.empty(), ValueRules.proxyHost(host), host);
        }
        for (String host : List.of("*", "a.*.com", "*example.com", "example.com:8080", "example.com/app", "https://example.com", "1.2.3")) {
            assertTrue(ValueRules.proxyHost(host).isPresent(), host);
        }
    }

    @Test
    void pathsForKamalProxyMayLackTheLeadingSlashButNotHaveAQuery() {
        assertEquals(Optional.empty(), ValueRules.urlPath("/up"));
        assertEquals(Optional.empty(), ValueRules.urlPath("up"), "kamal-proxy joins it onto the target URL as /up");
        assertEquals(Optional.empty(), ValueRules.urlPath("/api/v1.0/health~x"));
        for (String path : List.of("/up?x=1", "/up#top", "/my path", "http://h/up", "")) {
            assertTrue(ValueRules.urlPath(path).isPresent(), path);
        }
    }

    @Test
    void secretEntriesNameAVariableAndASecretADotenvFileCanDefine() {
        assertEquals(Optional.empty(), ValueRules.secretEntry("DATABASE_URL"));
        assertEquals(Optional.empty(), ValueRules.secretEntry("DATABASE_URL:PROD_DB.url"));
        assertEquals(Optional.empty(), ValueRules.secretEntry("spring.datasource.password:DB_PASSWORD"));
        assertEquals(Optional.of("\":X\" should be NAME or NAME:SECRET_NAME"), ValueRules.secretEntry(":X"));
        assertEquals(Optional.of("secret \"db-password\" can never be defined: names in secrets files are letters, digits, _ and ."),
                ValueRules.secretEntry("DB:db-password"));
        assertEquals(Optional.of("\"1PASSWORD\" is not an environment variable name (letters, digits, _ . -; not starting with a digit)"),
                ValueRules.secretEntry("1PASSWORD"));
    }

    @Test
    void optionNamesWrittenWithDashesGetAHint() {
        assertEquals(Optional.empty(), ValueRules.optionName("cap-add"));
        assertEquals(Optional.of("\"--cap-add\": write option names without the leading dashes (cap-add)"), ValueRules.optionName("--cap-add"));
        assertEquals(Optional.of("\"cap add\" is not a docker option name"), ValueRules.optionName("cap add"));
    }

    @Test
    void dockerSizesAndGemVersions() {
        for (String size : List.of("10m", "100k", "1g", "10MB", "1.5 GiB", "1024")) assertEquals(Optional.empty(), ValueRules.dockerSize(size), size);
        assertTrue(ValueRules.dockerSize("ten").isPresent());
        for (String v : List.of("2", "2.12.0", "2.0.0.beta1", "2.1-rc1", " 2.3 ")) assertEquals(Optional.empty(), ValueRules.version(v), v);
        assertTrue(ValueRules.version("v2.0").isPresent());
    }

    @Test
    void valuesInMessagesShowControlCharacters() {
        assertEquals("\"a\\nb\\u0007\\\"\"", ValueRules.show("a\nb\u0007\""));
    }
}
