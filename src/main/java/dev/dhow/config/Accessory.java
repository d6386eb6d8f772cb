package dev.dhow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code accessories.<name>} entry with its hosts resolved (from host/hosts/role/roles/tag/tags).
 *
 * @param serviceName container name and {@code service} label, default {@code <service>-<name>}
 * @param image       the image, prefixed with the accessory's own registry server when it has one
 * @param registry    the accessory's own registry block, if any (otherwise log in with the root registry)
 * @param port        {@code --publish} value, {@code "3306"} normalised to {@code 3306:3306}
 * @param network     default {@code kamal}
 * @param files       keyed by local path in Kamal, so later duplicates of a local path replace earlier ones
 */
public record Accessory(
        String name,
        String serviceName,
        String image,
        Optional<Registry> registry,
        List<String> hosts,
        Optional<String> cmd,
        Optional<String> port,
        Map<String, String> labels,
        List<DockerOption> options,
        String restartPolicy,
        Env env,
        List<MountPath> files,
        List<MountPath> directories,
        List<String> volumes,
        String network,
        Optional<ProxyConfig> proxy) {

    public static final String DEFAULT_NETWORK = "kamal";

    public Accessory {
        hosts = List.copyOf(hosts);
        labels = Maps.copy(labels);
        options = List.copyOf(options);
        files = List.copyOf(files);
        directories = List.copyOf(directories);
        volumes = List.copyOf(volumes);
    }

    public boolean runningProxy() {
        return proxy.isPresent();
    }

    /** Remote path a file is uploaded to, relative to the SSH user's home: {@code <serviceName><remote>}. */
    public String fileHostPath(MountPath file) {
        return serviceName + file.remote();
    }

    /** Host side of a directory: absolute local paths as written, relative ones under {@code <serviceName>/}. */
    public String directoryHostPath(MountPath dir) {
        return dir.local().startsWith("/") ? dir.local() : serviceName + "/" + dir.local();
    }

    /**
     * Every {@code --volume} value in Kamal's order: {@code volumes}, then files, then directories. Relative
     * host paths are prefixed with {@code $PWD/} so the remote shell expands them to the SSH user's home.
     */
    public List<String> volumeArgs() {
        List<String> out = new ArrayList<>(volumes);
        for (MountPath f : files) out.add(volume(fileHostPath(f), f));
        for (MountPath d : directories) out.add(volume(directoryHostPath(d), d));
        return List.copyOf(out);
    }

    private static String volume(String hostPath, MountPath p) {
        String host = hostPath.startsWith("/") ? hostPath : "$PWD/" + hostPath;
        return host + ":" + p.remote() + p.options().filter(o -> !o.isEmpty()).map(o -> ":" + o).orElse("");
    }
}
