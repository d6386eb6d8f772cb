package dev.dhow.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole deploy configuration, validated, merged with the destination file and frozen. Built only by
 * {@link ConfigLoader}; every Kamal default is applied here, so callers never repeat them.
 *
 * @param destination   the {@code -d} destination, if any
 * @param image         image name without registry (a local registry defaults it to the service)
 * @param labels        root labels for app containers
 * @param volumes       root {@code --volume} values for app containers
 * @param roles         roles sorted by name (array-form servers give the single role {@code web})
 * @param primaryRoleName {@code primary_role}, default {@code web}
 * @param env           root env (clear + secret keys), without tags
 * @param envTags       root {@code env.tags}
 * @param proxy         the root {@code proxy:} section (roles carry their merged copy)
 * @param aliases       alias name → command line
 * @param retainContainers containers prune keeps, default 5
 * @param raw           the merged YAML tree, for {@code dhow config} output
 */
public record Configuration(
        String service,
        Optional<String> destination,
        String image,
        Map<String, String> labels,
        List<String> volumes,
        Registry registry,
        List<Role> roles,
        String primaryRoleName,
        Env env,
        List<EnvTag> envTags,
        ProxyConfig proxy,
        List<Accessory> accessories,
        Builder builder,
        SshConfig ssh,
        SshkitConfig sshkit,
        BootConfig boot,
        Logging logging,
        OutputConfig output,
        Map<String, String> aliases,
        HooksOutput hooksOutput,
        Paths paths,
        Timeouts timeouts,
        boolean requireDestination,
        boolean allowEmptyRoles,
        int retainContainers,
        Optional<String> minimumVersion,
        DhowSettings dhow,
        Map<String, Object> raw) {

    public static final String DEFAULT_PRIMARY_ROLE = "web";
    public static final int DEFAULT_RETAIN_CONTAINERS = 5;

    public Configuration {
        labels = Maps.copy(labels);
        volumes = List.copyOf(volumes);
        roles = List.copyOf(roles);
        envTags = List.copyOf(envTags);
        accessories = List.copyOf(accessories);
        aliases = Maps.copy(aliases);
        raw = Raw.freeze(raw);
    }

    /** {@code <service>} or {@code <service>-<destination>}: names the lock, audit log and apps directory. */
    public String serviceWithDestination() {
        return destination.map(d -> service + "-" + d).orElse(service);
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::name).toList();
    }

    public Optional<Role> primaryRole() {
        return role(primaryRoleName);
    }

    /** First host of the primary role. */
    public Optional<String> primaryHost() {
        return primaryRole().flatMap(Role::primaryHost);
    }

    public Optional<Accessory> accessory(String name) {
        return accessories.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Role hosts, primary role first, then accessory hosts; no duplicates. */
    public List<String> allHosts() {
        LinkedHashSet<String> hosts = new LinkedHashSet<>(appHosts());
        for (Accessory a : accessories) hosts.addAll(a.hosts());
        return List.copyOf(hosts);
    }

    /** Hosts of all roles, primary role first; no duplicates. */
    public List<String> appHosts() {
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (Role r : rolesPrimaryFirst()) hosts.addAll(r.hosts());
        return List.copyOf(hosts);
    }

    /** Roles with the primary role moved to the front (stable otherwise). */
    public List<Role> rolesPrimaryFirst() {
        List<Role> out = new ArrayList<>();
        primaryRole().ifPresent(out::add);
        for (Role r : roles) if (!r.name().equals(primaryRoleName)) out.add(r);
        return List.copyOf(out);
    }

    public List<Role> hostRoles(String host) {
        return roles.stream().filter(r -> r.hosts().contains(host)).toList();
    }

    public List<Accessory> hostAccessories(String host) {
        return accessories.stream().filter(a -> a.hosts().contains(host)).toList();
    }

    /** Roles that run behind kamal-proxy (the primary role unless {@code proxy: false}, others with {@code proxy:} set). */
    public List<Role> proxyRoles() {
        return roles.stream().filter(Role::runningProxy).toList();
    }

    public List<Accessory> proxyAccessories() {
        return accessories.stream().filter(Accessory::runningProxy).toList();
    }

    /** Hosts that need kamal-proxy: proxy roles' hosts (primary role first), then proxied accessories' hosts. */
    public List<String> proxyHosts() {
        LinkedHashSet<String> hosts = new LinkedHashSet<>();
        for (Role r : rolesPrimaryFirst()) if (r.runningProxy()) hosts.addAll(r.hosts());
        for (Accessory a : proxyAccessories()) hosts.addAll(a.hosts());
        return List.copyOf(hosts);
    }

    /** The {@code proxy.run} that applies to {@code host} (validation guarantees they agree). */
    public Optional<ProxyRun> proxyRun(String host) {
        for (Role r : hostRoles(host)) {
            Optional<ProxyRun> run = r.proxy().flatMap(ProxyConfig::run);
            if (run.isPresent()) return run;
        }
        for (Accessory a : hostAccessories(host)) {
            Optional<ProxyRun> run = a.proxy().flatMap(ProxyConfig::run);
            if (run.isPresent()) return run;
        }
        return Optional.empty();
    }

    /** {@code [registry.server/]image}. */
    public String repository() {
        return registry.prefix(image);
    }

    /** {@code <repository>:<version>}. */
    public String absoluteImage(String version) {
        return repository() + ":" + version;
    }

    /** {@code latest} or {@code latest-<destination>}. */
    public String latestTag() {
        return destination.map(d -> "latest-" + d).orElse("latest");
    }

    /** {@code <repository>:latest[-<destination>]}: marks the last successfully booted version. */
    public String latestImage() {
        return repository() + ":" + latestTag();
    }

    public String serviceWithVersion(String version) {
        return service + "-" + version;
    }

    /** Kamal's abbreviation: the first 7 characters, unless the version contains {@code _} (uncommitted builds). */
    public static String abbreviatedVersion(String version) {
        return version.contains("_") || version.length() <= 7 ? version : version.substring(0, 7);
    }

    /** {@code .kamal/apps/<service-destination>}. */
    public String appDirectory() {
        return paths.runDirectory() + "/apps/" + serviceWithDestination();
    }

    /** {@code .kamal/apps/<service-destination>/env}. */
    public String envDirectory() {
        return appDirectory() + "/env";
    }

    /** Remote env file of a role: {@code .kamal/apps/<svc-dest>/env/roles/<role>.env}. */
    public String roleSecretsPath(Role role) {
        return envDirectory() + "/roles/" + role.name() + ".env";
    }

    /** Remote env file of an accessory: {@code .kamal/apps/<svc-dest>/env/accessories/<name>.env}. */
    public String accessorySecretsPath(Accessory accessory) {
        return envDirectory() + "/accessories/" + accessory.name() + ".env";
    }

    /** {@code .kamal/apps/<svc-dest>/assets}. */
    public String assetsDirectory() {
        return appDirectory() + "/assets";
    }

    /** Deploy lock directory on the primary host: {@code .kamal/lock-<svc-dest>}. */
    public String lockDirectory() {
        return paths.runDirectory() + "/lock-" + serviceWithDestination();
    }

    /** Audit log on each host: {@code .kamal/<svc-dest>-audit.log}. */
    public String auditLogPath() {
        return paths.runDirectory() + "/" + serviceWithDestination() + "-audit.log";
    }

    /** Secret keys every part of the configuration refers to (env, registry, builder, proxy ssl, ssh key_data). */
    public List<String> referencedSecretKeys() {
        LinkedHashSet<String> keys = new LinkedHashSet<>(env.secretKeys().values());
        for (EnvTag t : envTags) keys.addAll(t.env().secretKeys().values());
        for (Role r : roles) {
            keys.addAll(r.env().secretKeys().values());
            r.proxy().ifPresent(p -> addSsl(keys, p));
        }
        for (Accessory a : accessories) {
            keys.addAll(a.env().secretKeys().values());
            a.registry().ifPresent(reg -> addCredentials(keys, reg));
            a.proxy().ifPresent(p -> addSsl(keys, p));
        }
        addCredentials(keys, registry);
        keys.addAll(builder.secrets());
        return List.copyOf(keys);
    }

    private static void addSsl(LinkedHashSet<String> keys, ProxyConfig p) {
        p.ssl().certificatePem().ifPresent(keys::add);
        p.ssl().privateKeyPem().ifPresent(keys::add);
    }

    private static void addCredentials(LinkedHashSet<String> keys, Registry reg) {
        reg.username().filter(Credential::secret).ifPresent(c -> keys.add(c.value()));
        reg.password().filter(Credential::secret).ifPresent(c -> keys.add(c.value()));
    }
}
