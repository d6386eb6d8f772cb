package dev.dhow.commands;

import dev.dhow.config.SshConfig;
import dev.dhow.core.Cmd;
import java.util.List;

/**
 * The local {@code ssh … -t user@host -p port '<command>'} line that interactive commands ({@code exec -i},
 * {@code logs -f}) hand the terminal to, with the same ssh options Kamal derives from {@code ssh:}.
 */
public final class InteractiveSsh {
    private final SshConfig ssh;

    public InteractiveSsh(SshConfig ssh) {
        this.ssh = ssh;
    }

    /** {@code ssh [-F …] [-J …|-o ProxyCommand='…'] [-i key…] [-o IdentitiesOnly=yes] -t user@host -p port '<remote>'}. */
    public Cmd run(Cmd remote, String host) {
        return run(Shells.plain(remote), host);
    }

    /** Same, for remote shell text already rendered. */
    public Cmd run(String remoteShellText, String host) {
        Cmd.Builder line = Cmd.builder("ssh");
        if (!ssh.config().enabled()) line.word("-F", "/dev/null");
        else for (String file : ssh.config().paths()) line.word("-F").part(localPath(file));
        if (ssh.proxyJump().isPresent()) line.word("-J", ssh.proxyJump().get());
        // the proxy command is a command by design; ssh hands it to a shell of its own
        else ssh.proxyCommand().ifPresent(c -> line.word("-o").part(Cmd.assignment("ProxyCommand", c, Cmd.Quoting.SINGLE)));
        for (String key : ssh.keys()) line.word("-i").part(localPath(key));
        if (ssh.keysOnly().orElse(false)) line.word("-o", "IdentitiesOnly=yes");
        return line.word("-t", ssh.user() + "@" + host, "-p", String.valueOf(ssh.port()))
                .quoted(remoteShellText, Cmd.Quoting.SINGLE).build();
    }

    // ~/ stays for the local shell to expand, as Net::SSH expands it for Kamal; the rest is quoted.
    private static Cmd.Part localPath(String path) {
        if (!path.startsWith("~/")) return new Cmd.Word(path);
        return new Cmd.Joined(List.of(new Cmd.Raw("~/"), new Cmd.Word(path.substring(2))));
    }
}
