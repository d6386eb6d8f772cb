package dev.dhow.commands;

import dev.dhow.config.SshConfig;
import dev.dhow.core.Cmd;

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
        Line line = Line.of("ssh");
        if (!ssh.config().enabled()) line.raw("-F", "/dev/null");
        else for (String file : ssh.config().paths()) line.raw("-F", file);
        if (ssh.proxyJump().isPresent()) line.raw("-J", ssh.proxyJump().get());
        else ssh.proxyCommand().ifPresent(c -> line.raw("-o", "ProxyCommand='" + c + "'"));
        for (String key : ssh.keys()) line.raw("-i", key);
        if (ssh.keysOnly().orElse(false)) line.raw("-o", "IdentitiesOnly=yes");
        return line.raw("-t", ssh.user() + "@" + host, "-p", String.valueOf(ssh.port()))
                .raw(Shells.singleQuote(remoteShellText)).cmd();
    }
}
