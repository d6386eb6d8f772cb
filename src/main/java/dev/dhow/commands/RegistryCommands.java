package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.config.Credential;
import dev.dhow.config.Registry;
import dev.dhow.config.SecretSource;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.Sensitive;
import java.util.Optional;

/**
 * Registry login/logout and the local {@code registry:3} container used with {@code registry.server: localhost:PORT}.
 * Unlike Kamal ({@code -p "<password>"}), dhow feeds the password on standard input, so it never appears in argv.
 */
public final class RegistryCommands {
    public static final String LOCAL_REGISTRY_CONTAINER = "kamal-docker-registry";
    public static final String LOCAL_REGISTRY_IMAGE = "registry:3";

    private final Configuration config;

    public RegistryCommands(Configuration config) {
        this.config = config;
    }

    /** Login to the root registry; empty for a local registry, which needs none. */
    public Optional<Cmd> login(SecretSource secrets) {
        return login(config.registry(), secrets);
    }

    /**
     * {@code docker login [<server>] -u "<user>" --password-stdin}, with the password as the command's stdin.
     *
     * @throws DhowException when a credential names a secret that is not defined
     */
    public static Optional<Cmd> login(Registry registry, SecretSource secrets) {
        if (registry.local()) return Optional.empty();
        Credential user = registry.username().orElseThrow(() -> new DhowException("registry/username: is required"));
        Credential password = registry.password().orElseThrow(() -> new DhowException("registry/password: is required"));
        return Optional.of(login(registry.server(), new Sensitive(resolve(user, secrets)), new Sensitive(resolve(password, secrets))));
    }

    /** {@code docker login [<server>] -u "<user>" --password-stdin}; the username is redacted in logs, like Kamal does. */
    public static Cmd login(Optional<String> server, Sensitive username, Sensitive password) {
        Cmd.Builder line = Cmd.builder("docker", "login");
        server.ifPresent(line::word);
        return line.word("-u").secret(username, true).word("--password-stdin").build().withStdin(password);
    }

    private static String resolve(Credential credential, SecretSource secrets) {
        return credential.resolve(secrets).orElseThrow(() -> new DhowException("Secret '" + credential.value() + "' not found"));
    }

    /** {@code docker logout [<server>]} for the root registry. */
    public Cmd logout() {
        return logout(config.registry());
    }

    public static Cmd logout(Registry registry) {
        Cmd.Builder line = Cmd.builder("docker", "logout");
        registry.server().ifPresent(line::word);
        return line.build();
    }

    /** {@code docker start kamal-docker-registry || docker run --detach -p 127.0.0.1:<port>:5000 --name kamal-docker-registry registry:3}. */
    public Cmd setupLocal() {
        int port = config.registry().localPort().orElseThrow(() -> new IllegalStateException("the registry is not local"));
        return Cmd.or(Cmd.docker("start", LOCAL_REGISTRY_CONTAINER),
                Cmd.docker("run", "--detach", "-p", "127.0.0.1:" + port + ":5000", "--name", LOCAL_REGISTRY_CONTAINER, LOCAL_REGISTRY_IMAGE));
    }

    /** {@code docker stop kamal-docker-registry && docker rm kamal-docker-registry}. */
    public Cmd removeLocal() {
        return Cmd.and(Cmd.docker("stop", LOCAL_REGISTRY_CONTAINER), Cmd.docker("rm", LOCAL_REGISTRY_CONTAINER));
    }

    /** {@code docker stop kamal-docker-registry} alone (keeps the container for a later start). */
    public Cmd stopLocal() {
        return Cmd.docker("stop", LOCAL_REGISTRY_CONTAINER);
    }
}
