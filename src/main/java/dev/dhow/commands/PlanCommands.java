package dev.dhow.commands;

import dev.dhow.config.Accessory;
import dev.dhow.config.Configuration;
import dev.dhow.config.MountPath;
import dev.dhow.config.Role;
import dev.dhow.core.Cmd;
import dev.dhow.core.Shell;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one read-only command {@code dhow plan} runs on a host: it prints, in sections headed {@code @@dhow:<name>},
 * everything the plan compares (containers and images from one {@code docker inspect}, kamal-proxy's state file,
 * the env files' keys, accessory files and directories, the next prune's selection). One round trip per host;
 * nothing is written. Pure: no I/O.
 */
public final class PlanCommands {
    /** Marks the start of a section; the rest of the line names it (and, for some, a path). */
    public static final String SECTION = "@@dhow:";
    /** Where kamal-proxy keeps its routes (its {@code kamal-proxy-config} volume). */
    public static final String PROXY_STATE_FILE = "/home/kamal-proxy/.config/kamal-proxy/kamal-proxy.state";
    /** {@code docker ps} columns: id, state, names, image, then the service and destination labels as {@code k=v}. */
    static final String PS_FORMAT = "{{.ID}} {{.State}} {{.Names}} {{.Image}} service={{.Label \"service\"}} destination={{.Label \"destination\"}}";

    /**
     * What one host holds of the configuration.
     *
     * @param proxy whether the host runs kamal-proxy (a proxy role or proxied accessory is on it)
     */
    public record Scope(List<Role> roles, List<Accessory> accessories, boolean proxy) {
        public Scope {
            roles = List.copyOf(roles);
            accessories = List.copyOf(accessories);
        }
    }

    private final Configuration config;

    public PlanCommands(Configuration config) {
        this.config = config;
    }

    /**
     * The snapshot command for a host: sections {@code home}, then (when Docker answers) {@code ps}, {@code inspect}
     * (running app containers of this service and destination, kamal-proxy, the accessories, the images they run,
     * the {@code kamal} network, and the images of {@code version} and {@code latest}), {@code envkeys <file>} (keys
     * only: values stay on the host), {@code sha256}, {@code stat}, {@code proxy-state}, {@code proxy-boot},
     * {@code prune-containers}, {@code prune-images}, {@code prune-dangling}, and {@code end}. Without Docker it
     * prints {@code no-docker}; when Docker does not answer, {@code docker-failed} (its error on stderr).
     */
    public Cmd snapshot(String host, Scope scope, String version) {
        String service = Shell.escape("service=" + config.service());
        String serviceLabel = Shell.escape("label=service=" + config.service());
        List<String> lines = new ArrayList<>();
        lines.add("ps=$(docker ps --all --no-trunc --format " + Shell.escape(PS_FORMAT) + ") || { " + section("docker-failed") + "; exit 0; }");
        lines.add(section("ps") + "; printf '%s\\n' \"$ps\"");

        Set<String> names = new LinkedHashSet<>();
        if (scope.proxy()) names.add(ProxyPaths.CONTAINER_NAME);
        scope.accessories().forEach(a -> names.add(a.serviceName()));
        // The running app containers of this service and destination, and kamal-proxy and the accessories in any
        // state, each with the image it runs (for the image's own env, labels and command).
        String select = "awk -v s=" + service
                + " -v d=" + Shell.escape("destination=" + config.destination().orElse(""))
                + " -v names=" + Shell.escape(" " + String.join(" ", names) + " ")
                + " '($5 == s && $6 == d && ($2 == \"running\" || $2 == \"restarting\")) || index(names, \" \" $3 \" \") { print $1; print $4 }'";
        lines.add("sel=$(printf '%s\\n' \"$ps\" | " + select + " | sort -u)");
        lines.add("ins=$(docker inspect $sel kamal " + Shell.escape(config.absoluteImage(version)) + " "
                + Shell.escape(config.latestImage()) + " 2>/dev/null)");
        lines.add(section("inspect") + "; printf '%s\\n' \"$ins\"");

        List<String> envFiles = new ArrayList<>();
        scope.roles().forEach(r -> envFiles.add(config.roleSecretsPath(r)));
        scope.accessories().forEach(a -> envFiles.add(config.accessorySecretsPath(a)));
        if (!envFiles.isEmpty()) {
            lines.add("for f in " + words(envFiles) + "; do if [ -r \"$f\" ]; then echo \"" + SECTION + "envkeys $f\"; sed 's/=.*//' \"$f\"; fi; done");
        }

        List<String> files = new ArrayList<>();
        List<String> directories = new ArrayList<>();
        for (Accessory a : scope.accessories()) {
            for (MountPath f : a.files()) files.add(a.fileHostPath(f));
            for (MountPath d : a.directories()) directories.add(a.directoryHostPath(d));
        }
        if (!files.isEmpty()) lines.add(section("sha256") + "; sha256sum " + words(files) + " 2>/dev/null");
        if (!directories.isEmpty()) lines.add(section("stat") + "; stat -c '%a %u:%g %U:%G %n' " + words(directories) + " 2>/dev/null");

        if (scope.proxy()) {
            // The state volume's folder, as docker inspect names it, when this user may read it (root); else docker cp,
            // which also reads it whether kamal-proxy runs or not, and starts no process in it.
            String volume = ProxyPaths.CONFIG_VOLUME.substring(0, ProxyPaths.CONFIG_VOLUME.indexOf(':'));
            String stateFile = PROXY_STATE_FILE.substring(PROXY_STATE_FILE.lastIndexOf('/') + 1);
            lines.add("case \" $ps \" in *\" " + ProxyPaths.CONTAINER_NAME + " \"*) " + section("proxy-state")
                    + "; src=$(printf '%s\\n' \"$ins\" | sed -n '/\"Name\": \"" + volume + "\"/{n;s/^ *\"Source\": \"\\(.*\\)\",$/\\1/p;q;}')"
                    + "; if [ -n \"$src\" ] && [ -r \"$src\" ] && [ -x \"$src\" ]; then cat \"$src/" + stateFile + "\" 2>/dev/null"
                    + "; else docker cp " + ProxyPaths.CONTAINER_NAME + ":" + PROXY_STATE_FILE + " - 2>/dev/null | tar -xO 2>/dev/null; fi;; esac");
            // Without proxy/run, kamal-proxy boots from the legacy files under .kamal/proxy: the plan needs what they say.
            if (config.proxyRun(host).isEmpty()) lines.add(section("proxy-boot") + "; " + new ProxyCommands(config, host).bootConfig().shellLine());
        }

        // The next prune's own queries, each run only where the listings show it could find something: on a host
        // with nothing to prune (the usual case) they cost no docker call.
        PruneCommands prune = new PruneCommands(config);
        int retain = config.retainContainers();
        lines.add("if printf '%s\\n' \"$ps\" | awk -v s=" + service + " -v r=" + retain
                + " '$5 == s && ($2 == \"created\" || $2 == \"exited\" || $2 == \"dead\") { n++ } END { exit !(r < n) }'; then "
                + section("prune-containers") + "; " + prune.staleContainers(retain).shellLine() + "; fi");
        // The service's images, listed while the above ran: those no container of the service uses (other than
        // latest), then untagged ones.
        lines.add("imgs=$(cat)");
        lines.add("used=$(printf '%s\\n' \"$ps\" | awk -v s=" + service + " '$5 == s { print $4 }')");
        lines.add("if printf '%s\\n--\\n%s\\n' \"$used\" \"$imgs\" | awk -v l=" + Shell.escape(config.latestImage())
                + " 'm { if ($2 != l && $2 != \"<none>:<none>\" && !($2 in u)) f = 1; next } $0 == \"--\" { m = 1; next } { u[$0] = 1 } END { exit !f }'; then "
                + section("prune-images") + "; " + prune.unusedImages().shellLine() + "; fi");
        lines.add("case \"$imgs\" in *'<none>:<none>'*) " + section("prune-dangling") + "; " + prune.danglingImageIds().shellLine() + ";; esac");
        lines.add(section("end"));

        // The image listing runs beside the rest (a pipe, so nothing is written on the host), read at the end.
        return Cmd.raw(section("home") + "; echo \"$PWD\"; command -v docker >/dev/null 2>&1 || { " + section("no-docker") + "; exit 0; }; "
                + "docker image ls --filter " + serviceLabel + " --format '{{.ID}} {{.Repository}}:{{.Tag}}' 2>/dev/null | { "
                + String.join("; ", lines) + "; }");
    }

    private static String section(String name) {
        return "echo " + SECTION + name;
    }

    private static String words(List<String> values) {
        return String.join(" ", values.stream().map(Shell::escape).toList());
    }
}
