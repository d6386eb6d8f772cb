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
     * One {@code --volume} value: {@code spec} as written, or, with {@code underHome}, relative to the SSH user's
     * home (Kamal writes {@code $PWD/<spec>} and lets the remote shell expand {@code $PWD}, and nothing else).
     */
    public record Mount(boolean underHome, String spec) {
        /** The value as Kamal renders it, {@code $PWD/} prefix included. */
        public String kamalForm() {
            return underHome ? "$PWD/" + spec : spec;
        }
    }

    /** Every {@code --volume} value in Kamal's order: {@code volumes}, then files, then directories. */
    public List<Mount> mounts() {
        List<Mount> out = new ArrayList<>();
        for (String v : volumes) out.add(new Mount(false, v));
        for (MountPath f : files) out.add(mount(fileHostPath(f), f));
        for (MountPath d : directories) out.add(mount(directoryHostPath(d), d));
        return List.copyOf(out);
    }

    /** {@link #mounts()} as Kamal renders them, relative host paths prefixed with {@code $PWD/}. */
    public List<String> volumeArgs() {
        return mounts().stream().map(Mount::kamalForm).toList();
    }

    private static Mount mount(String hostPath, MountPath p) {
        String spec = hostPath + ":" + p.remote() + p.options().filter(o -> !o.isEmpty()).map(o -> ":" + o).orElse("");
        return new Mount(!hostPath.startsWith("/"), spec);
    }
}
