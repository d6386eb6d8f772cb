package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InteractiveSshTest {
    String ls(String scenario) {
        return new InteractiveSsh(Fixtures.load(scenario).ssh()).run("ls", "1.1.1.1").toString();
    }

    @Test
    void runOverSshWithProxyUser() {
        assertEquals("ssh -J app@2.2.2.2 -t root@1.1.1.1 -p 22 'ls'", ls("ssh_proxy_user"));
    }

    @Test
    void runOverSshWithKeysOnly() {
        assertEquals("ssh -i path_to_key.pem -o IdentitiesOnly=yes -t root@1.1.1.1 -p 22 'ls'", ls("ssh_keys_only"));
    }

    @Test
    void runOverSshWithProxyCommand() {
        assertEquals("ssh -o ProxyCommand='ssh -W %h:%p user@proxy-server' -t root@1.1.1.1 -p 22 'ls'", ls("ssh_proxy_command"));
    }

    @Test
    void runOverSshWithConfigFalse() {
        assertEquals("ssh -F /dev/null -t root@1.1.1.1 -p 22 'ls'", ls("ssh_config_false"));
    }

    @Test
    void runOverSshWithSeveralConfigFiles() {
        assertEquals("ssh -F ~/.ssh/config1 -F ~/.ssh/config2 -t root@1.1.1.1 -p 22 'ls'", ls("ssh_config_files"));
    }

    @Test
    void runOverSshQuotesSingleQuotesInTheRemoteCommand() {
        assertEquals("ssh -t root@1.1.1.1 -p 22 'echo '\\''hi'\\'''", new InteractiveSsh(Fixtures.load("app").ssh()).run("echo 'hi'", "1.1.1.1").toString());
    }
}
