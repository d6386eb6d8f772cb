package dev.dhow.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.core.DhowException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostResolverTest {
    @TempDir Path tmp;

    private HostResolver resolver(SshSettings s) {
        return new HostResolver(s);
    }

    private SshSettings withConfig(String scenario) {
        Path cfg = Path.of("src/test/resources/ssh/" + scenario + "/ssh_config");
        return new SshSettings(null, null, null, null, null, false, null, List.of(cfg), null, null, null, 0, null,
                null, null, null, tmp, 0, 0, false);
    }

    @Test
    void sshConfigSuppliesHostNameUserPortIdentityFileAndProxyJump() {
        HostConfigEntry e = resolver(withConfig("config_aliases")).resolve("web1");
        assertEquals("10.0.0.11", e.getHostName());
        assertEquals("deploy", e.getUsername());
        assertEquals(2222, e.getPort());
        assertEquals("bastion", e.getProxyJump());
        assertEquals(1, e.getIdentities().size());
        assertEquals(true, e.getIdentities().iterator().next().endsWith("web_key"));
    }

    @Test
    void deployYmlUserAndPortWinOverTheSshConfig() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withUser("app").withPort(22)).resolve("web1");
        assertEquals("app", e.getUsername());
        assertEquals(22, e.getPort());
    }

    @Test
    void kamalDefaultsApplyWhenNothingIsConfigured() {
        HostConfigEntry e = resolver(withConfig("config_aliases")).resolve("1.2.3.4");
        assertEquals("1.2.3.4", e.getHostName());
        assertEquals("root", e.getUsername());
        assertEquals(22, e.getPort());
        assertNull(e.getProxyJump());
    }

    @Test
    void proxySettingReplacesTheConfigsJumpAndDefaultsToRoot() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withProxy("gateway.example.com")).resolve("web1");
        assertEquals("root@gateway.example.com", e.getProxyJump());
        assertEquals("app@gw:2200", HostResolver.jumpSpec("app@gw:2200"));
    }

    @Test
    void proxyCommandSettingIsCarriedWhenNoJumpIsSet() {
        HostConfigEntry e = resolver(withConfig("config_aliases").withProxyCommand("nc %h %p")).resolve("web1");
        assertNull(e.getProxyJump());
        assertEquals("nc %h %p", e.getProperty("ProxyCommand"));
    }

    @Test
    void missingConfigFilesAreIgnored() throws Exception {
        SshSettings s = withConfig("config_aliases").withConfigFiles(List.of(tmp.resolve("nope")));
        assertEquals("web1", resolver(s).resolve("web1").getHostName());
        Files.writeString(tmp.resolve("cfg"), "Host *\n  User ubuntu\n");
        assertEquals("ubuntu", resolver(s.withConfigFiles(List.of(tmp.resolve("cfg")))).resolve("x").getUsername());
    }

    private List<String> identities(HostConfigEntry e) {
        return e.getIdentities().stream().map(p -> p.replace(tmp.toString(), "~")).toList();
    }

    @Test
    void theFirstValueObtainedWinsAcrossBlocksAndWithinOne() {
        HostResolver r = resolver(withConfig("config_first_value_wins"));
        HostConfigEntry web1 = r.resolve("web1");
        assertEquals("10.0.0.11", web1.getHostName());
        assertEquals("deploy", web1.getUsername());
        assertEquals(2222, web1.getPort());
        assertTrue(web1.isIdentitiesOnly());
        HostConfigEntry web2 = r.resolve("web2");
        assertEquals("web2", web2.getHostName());
        assertEquals("ignored", web2.getUsername());
        HostConfigEntry db1 = r.resolve("db1");
        assertEquals("fallback", db1.getUsername());
        assertEquals(22, db1.getPort());
        assertFalse(r.resolve("db2").isIdentitiesOnly(), "a negated pattern keeps a Host block from matching");
    }

    @Test
    void identityFilesAccumulateInOrderWithTokensExpandedFromTheFinalValues() {
        HostResolver r = resolver(withConfig("config_first_value_wins"));
        assertEquals(List.of("~/.ssh/global_key", "~/.ssh/web_key", "~/.ssh/deploy_10.0.0.11_key"), identities(r.resolve("web1")));
        assertEquals(List.of("~/.ssh/global_key", "~/.ssh/ignored_web2_key"), identities(r.resolve("web2")));
        assertEquals(List.of("~/.ssh/global_key"), identities(r.resolve("db1")));
    }

    @Test
    void matchHostSeesTheHostNameObtainedSoFarAndOriginalHostTheNameGiven() {
        HostConfigEntry app = resolver(withConfig("config_match_blocks")).resolve("app");
        assertEquals("10.1.2.3", app.getHostName());
        assertEquals("matched-by-hostname", app.getUsername());
        assertEquals(2200, app.getPort());
    }

    @Test
    void matchFinalAddsInASecondPassWithoutReplacingFirstPassValues() {
        HostConfigEntry app = resolver(withConfig("config_match_blocks")).resolve("app");
        assertFalse(app.isIdentitiesOnly(), "IdentitiesOnly no from the first pass stays");
        assertEquals(tmp.resolve(".1password/agent.sock").toString(), app.getProperty("IdentityAgent"));
    }

    @Test
    void matchUserSeesTheDeployYmlUserAndMatchExecRunsItsCommand() {
        HostConfigEntry other = resolver(withConfig("config_match_blocks").withUser("deploy")).resolve("other");
        assertEquals("deploy", other.getUsername());
        assertEquals(List.of("~/.ssh/deploy_elsewhere"), identities(other));
        assertEquals(2300, other.getPort());
        assertEquals(2500, resolver(withConfig("config_match_blocks")).resolve("third").getPort(), "Match all");
    }

    @Test
    void includeReadsFilesInPlaceAndOnlyForTheBlockItIsIn() throws Exception {
        Path dotSsh = tmp.resolve(".ssh");
        Path fixture = Path.of("src/test/resources/ssh/config_includes");
        try (var files = Files.walk(fixture)) {
            for (Path f : files.toList()) {
                Path to = dotSsh.resolve(fixture.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to);
            }
        }
        SshSettings s = withConfig("config_aliases").withConfigFiles(List.of(dotSsh.resolve("config")));
        HostConfigEntry web1 = resolver(s).resolve("web1");
        assertEquals(2201, web1.getPort());
        assertEquals("from-include", web1.getUsername());
        assertEquals("10.0.0.1", web1.getHostName());
        HostConfigEntry db = resolver(s).resolve("db");
        assertEquals(2201, db.getPort());
        assertEquals("db", db.getHostName(), "web1.conf is included inside Host web1 only");
    }

    @Test
    void theFirstOfProxyJumpAndProxyCommandCountsAndNoneIsAValue() {
        HostResolver r = resolver(withConfig("config_proxy_first"));
        assertNull(r.resolve("direct").getProxyJump());
        assertNull(r.resolve("direct").getProperty("ProxyCommand"));
        assertNull(r.resolve("piped").getProxyJump());
        assertEquals("nc %h %p", r.resolve("piped").getProperty("ProxyCommand"));
        assertEquals("bastion", r.resolve("elsewhere").getProxyJump());
    }

    @Test
    void equalsSignsQuotesAndTrailingCommentsAreReadAsOpenSshReadsThem() {
        HostConfigEntry e = resolver(withConfig("config_syntax")).resolve("quoted");
        assertEquals("10.0.0.5", e.getHostName());
        assertEquals("deploy", e.getUsername());
        assertEquals(List.of("~/.ssh/my key", "~/.ssh/other key"), identities(e));
    }

    @Test
    void identityAgentAndAPublicKeyIdentityFileComeThroughForOnePasswordsSetUp() {
        HostConfigEntry e = resolver(withConfig("config_1password_agent")).resolve("web1");
        assertEquals(tmp.resolve("Library/Group Containers/2BUA8C4S2C.com.1password/t/agent.sock").toString(),
                e.getProperty("IdentityAgent"));
        assertEquals(List.of("~/.ssh/web1_deploy.pub"), identities(e));
        assertTrue(e.isIdentitiesOnly());
    }

    @Test
    void identityAgentNoneAndSshAuthSockAreKeptAsWordsAndDollarNamesAVariable() throws Exception {
        Files.writeString(tmp.resolve("cfg"), "Host off\n  IdentityAgent none\nHost env\n  IdentityAgent SSH_AUTH_SOCK\n"
                + "Host var\n  IdentityAgent $SSH_AUTH_SOCK\nHost home\n  IdentityAgent %d/agent-%r.sock\n");
        SshSettings s = withConfig("config_aliases").withConfigFiles(List.of(tmp.resolve("cfg")))
                .withAgentSocket(Path.of("/run/agent.sock"));
        assertEquals("none", resolver(s).resolve("off").getProperty("IdentityAgent"));
        assertEquals("SSH_AUTH_SOCK", resolver(s).resolve("env").getProperty("IdentityAgent"));
        assertEquals("/run/agent.sock", resolver(s).resolve("var").getProperty("IdentityAgent"));
        assertEquals(tmp.resolve("agent-root.sock").toString(), resolver(s).resolve("home").getProperty("IdentityAgent"));
    }

    @Test
    void anUnsupportedMatchCriterionIsRefusedNamingTheFileAndLine() {
        Path cfg = Path.of("src/test/resources/ssh/config_unsupported_match/ssh_config");
        DhowException e = assertThrows(DhowException.class, () -> resolver(withConfig("config_unsupported_match")).resolve("web1"));
        assertEquals("ssh config " + cfg + " line 3: Match localnetwork is not supported by dhow (it understands all,"
                + " canonical, final, exec, host, originalhost, user, localuser and tagged)", e.getMessage());
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWhenTheFileIsRead() {
        Path cfg = Path.of("src/test/resources/ssh/config_bad_port/ssh_config");
        DhowException e = assertThrows(DhowException.class, () -> resolver(withConfig("config_bad_port")));
        assertEquals("ssh config " + cfg + " line 2: Port twenty-two is not a number", e.getMessage());
    }

    @Test
    void anUnknownTokenInIdentityFileIsRefusedNamingTheLine() throws Exception {
        Files.writeString(tmp.resolve("cfg"), "Host *\n  IdentityFile ~/.ssh/%Q\n");
        SshSettings s = withConfig("config_aliases").withConfigFiles(List.of(tmp.resolve("cfg")));
        DhowException e = assertThrows(DhowException.class, () -> resolver(s).resolve("web1"));
        assertEquals("ssh config ~/cfg line 2: IdentityFile: unknown token %Q in ~/.ssh/%Q", e.getMessage());
    }
}
