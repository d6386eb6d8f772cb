package dev.dhow.deploy;

import dev.dhow.commands.DockerCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.core.ExitCode;
import dev.dhow.output.Console;
import dev.dhow.ssh.Executor;
import dev.dhow.ssh.Fleet;
import java.util.ArrayList;
import java.util.List;

/** {@code server bootstrap}: installs Docker where it is missing (as Kamal does) and creates the run directory. */
public final class Bootstrap {
    private Bootstrap() {}

    /** Bootstraps the context's hosts under the lock, then runs the {@code docker-setup} hook. */
    public static void run(DeployContext ctx) {
        ctx.lock().withLock(() -> {
            run(ctx.remote(), ctx.console(), ctx.targets().hosts(), ctx.config().paths().runDirectory());
            ctx.hooks().run("docker-setup", false);
        });
    }

    /** The bootstrap steps on {@code hosts}; throws naming the hosts where Docker cannot be installed. */
    public static int run(Executor ssh, Console console, List<String> hosts, String runDirectory) {
        DockerCommands docker = new DockerCommands();
        List<String> missing = new ArrayList<>();
        Fleet.Results<Boolean> results = new Fleet(Math.max(1, hosts.size())).run(hosts, host -> {
            if (!ssh.run(host, docker.installed()).ok()) {
                if (!ssh.run(host, docker.superuser()).ok()) {
                    synchronized (missing) {
                        missing.add(host);
                    }
                    return false;
                }
                console.info(host, "Missing Docker on " + host + ". Installing…");
                ssh.run(host, docker.install()).check();
                if (!ssh.run(host, docker.root()).ok() && !ssh.run(host, docker.inDockerGroup()).ok()) {
                    ssh.run(host, docker.addToDockerGroup()).check();
                    // The group change needs a new login: hanging up the shell drops this connection on purpose.
                    try {
                        ssh.run(host, docker.refreshSession());
                    } catch (DhowException expected) {
                        console.info(host, "Session refreshed due to group change.");
                    }
                }
            }
            ssh.run(host, Cmd.of("mkdir", "-p", runDirectory)).check();
            return true;
        });
        results.check();
        if (!missing.isEmpty()) {
            List<String> ordered = hosts.stream().filter(missing::contains).toList();
            throw new DhowException("Docker is not installed on " + String.join(", ", ordered)
                    + " and can't be automatically installed without having root access and either `wget` or `curl`."
                    + " Install Docker manually: https://docs.docker.com/engine/install/");
        }
        return ExitCode.OK;
    }
}
