package dev.dhow.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server role with everything already merged: root logging/labels/env/proxy underneath the role's own.
 *
 * @param hostEntries    hosts in file order, with their env tags
 * @param options        extra {@code docker run} options, without {@code restart}
 * @param restartPolicy  {@code options.restart}, default {@code unless-stopped}
 * @param stopTimeout    seconds for {@code docker stop -t}: role, else root {@code stop_timeout}, else
 *                       {@code drain_timeout} for roles without the proxy; empty = Docker's default
 * @param proxy          present exactly when this role runs behind kamal-proxy (root proxy merged under the role's)
 * @param labels         custom labels (root then role); the reserved service/role/destination ones are in {@link #allLabels}
 * @param allLabels      every label of the role's containers: service, role, destination (empty without one), then {@code labels}
 * @param env            root env merged with the role env (host tags come on top, see {@link #env(String)})
 * @param envTags        the root env tags, to resolve per-host env
 * @param assetPath      {@code asset_path} as written ({@code path[:options]}), role over root
 * @param containerPrefix {@code <service>-<role>[-<destination>]}
 */
public record Role(
        String name,
        List<HostEntry> hostEntries,
        Optional<String> cmd,
        Optional<Integer> stopTimeout,
        List<DockerOption> options,
        String restartPolicy,
        Logging logging,
        Optional<ProxyConfig> proxy,
        Map<String, String> labels,
        Map<String, String> allLabels,
        Env env,
        Map<String, Env> envTags,
        Optional<String> assetPath,
        boolean primary,
        String containerPrefix) {

    public Role {
        hostEntries = List.copyOf(hostEntries);
        options = List.copyOf(options);
        labels = Maps.copy(labels);
        allLabels = Maps.copy(allLabels);
        envTags = Maps.copy(envTags);
    }

    /** Hosts in file order, without duplicates. */
    public List<String> hosts() {
        return hostEntries.stream().map(HostEntry::host).distinct().toList();
    }

    /** The first host, if any. */
    public Optional<String> primaryHost() {
        return hostEntries.isEmpty() ? Optional.empty() : Optional.of(hostEntries.get(0).host());
    }

    public boolean runningProxy() {
        return proxy.isPresent();
    }

    public boolean ssl() {
        return proxy.map(ProxyConfig::sslEnabled).orElse(false);
    }

    /** Env for {@code host}: role env with the env of each of the host's tags on top, in tag order. */
    public Env env(String host) {
        Env result = env;
        for (HostEntry entry : hostEntries) {
            if (!entry.host().equals(host)) continue;
            for (String tag : entry.tags()) {
                Env tagEnv = envTags.get(tag);
                if (tagEnv != null) result = result.merge(tagEnv);
            }
        }
        return result;
    }

    /** Container name for a version: {@code <prefix>-<version>}. */
    public String containerName(String version) {
        return containerPrefix + "-" + version;
    }

    /** The path inside the container of the asset_path, when assets are bridged (needs the proxy). */
    public Optional<String> assetPathInContainer() {
        if (!runningProxy()) return Optional.empty();
        return assetPath.map(p -> p.split(":", 2)[0]);
    }

    /** Volume options after the asset path ({@code /public/assets:ro} → {@code ro}). */
    public Optional<String> assetPathOptions() {
        return assetPath.filter(p -> p.contains(":")).map(p -> p.split(":", 2)[1]);
    }
}
