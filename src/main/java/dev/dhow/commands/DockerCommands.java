package dev.dhow.commands;

import dev.dhow.config.Registry;
import dev.dhow.config.SecretSource;
import dev.dhow.core.Cmd;
import java.util.Optional;

/** Docker engine setup on a host: presence checks, installation via get.docker.com, the kamal network, registry login. */
public final class DockerCommands {
    /** {@code docker -v}: fails when the Docker client is missing. */
    public Cmd installed() {
        return Cmd.docker("-v");
    }

    /** {@code docker version}: fails when the daemon is not running. */
    public Cmd running() {
        return Cmd.docker("version");
    }

    /** Succeeds when the SSH user is root or may run {@code usermod} through sudo without a password. */
    public Cmd superuser() {
        return Cmd.raw("[ \"${EUID:-$(id -u)}\" -eq 0 ] || sudo -nl usermod >/dev/null");
    }

    public Cmd root() {
        return Cmd.raw("[ \"${EUID:-$(id -u)}\" -eq 0 ]");
    }

    public Cmd inDockerGroup() {
        return Cmd.raw("id -nG \"${USER:-$(id -un)}\" | grep -qw docker");
    }

    public Cmd addToDockerGroup() {
        return Cmd.raw("sudo -n usermod -aG docker \"${USER:-$(id -un)}\"");
    }

    /** {@code kill -HUP $PPID}: ends the SSH session so the next one picks up the docker group (an IO error is expected). */
    public Cmd refreshSession() {
        return Cmd.raw("kill -HUP $PPID");
    }

    /** Installs Docker with the convenience script: {@code sh -c 'curl … || wget … || echo "exit 1"' | sh}. */
    public Cmd install() {
        Cmd getDocker = Cmd.or(Cmd.of("curl", "-fsSL", "https://get.docker.com"),
                Cmd.builder("wget").raw("-O -").word("https://get.docker.com").build(),
                Cmd.builder("echo").raw("\"exit 1\"").build());
        return Cmd.pipe(Shells.sh(getDocker), Cmd.of("sh"));
    }

    /** {@code docker network create kamal} (an "already exists" failure is fine). */
    public Cmd createNetwork() {
        return Cmd.docker("network", "create", "kamal");
    }

    /** {@code docker login … --password-stdin}; see {@link RegistryCommands#login(Registry, SecretSource)}. */
    public Optional<Cmd> login(Registry registry, SecretSource secrets) {
        return RegistryCommands.login(registry, secrets);
    }

    /** {@code docker logout [<server>]}. */
    public Cmd logout(Registry registry) {
        return RegistryCommands.logout(registry);
    }
}
