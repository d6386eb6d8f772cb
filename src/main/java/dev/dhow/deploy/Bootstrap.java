package dev.dhow.deploy;

import dev.dhow.commands.DockerCommands;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import dev.dhow.output.Console;
import dev.dhow.ssh.Fleet;
import java.util.ArrayList;
import java.util.List;

/** {@code server bootstrap}: installs Docker where it is missing (as Kamal does) and creates the run directory. */
public final class Bootstrap {
    private Bootstrap() {}

    /** Bootstraps the run's hosts under the lock, then runs the {@code docker-setup} hook. */
    public static void run(Crew crew) {
        crew.lock().withLock(() -> {
            run(crew.hosts(), crew.console(), crew.targets().hosts(), crew.config().paths().runDirectory());
            crew.hooks().run("docker-setup", false);
        });
    }

    /** The bootstrap steps on {@code hosts}; throws naming the hosts where Docker cannot be installed. */
    public static void run(Hosts ssh, Console console, List<String> hosts, String runDirectory) {
        DockerCommands docker = new DockerCommands();
        List<String> missing = new ArrayList<>();
        Fleet.Results<Boolean> results = ssh.each(hosts, host -> {
            if (!ssh.capture(host, docker.installed()).ok()) {
                if (!ssh.capture(host, docker.superuser()).ok()) {
                    synchronized (missing) {
                        missing.add(host);
                    }
                    return false;
                }
                console.info(host, "Missing Docker on " + host + ". Installing…");
                ssh.run(host, docker.install(), StepLimits.Step.BOOTSTRAP);
                if (!ssh.capture(host, docker.root()).ok() && !ssh.capture(host, docker.inDockerGroup()).ok()) {
                    ssh.run(host, docker.addToDockerGroup());
                    // The group change needs a new login: hanging up the shell drops this connection on purpose.
                    try {
                        ssh.capture(host, docker.refreshSession());
                    } catch (DhowException expected) {
                        console.info(host, "Session refreshed due to group change.");
                    }
                }
            }
            ssh.run(host, Cmd.of("mkdir", "-p", runDirectory));
            return true;
        });
        results.check();
        if (!missing.isEmpty()) {
            List<String> ordered = hosts.stream().filter(missing::contains).toList();
            throw new DhowException("Docker is not installed on " + String.join(", ", ordered)
                    + " and can't be automatically installed without having root access and either `wget` or `curl`."
                    + " Install Docker manually: https://docs.docker.com/engine/install/");
        }
    }
}
