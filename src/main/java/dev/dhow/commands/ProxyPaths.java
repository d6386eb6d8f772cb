package dev.dhow.commands;

import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.util.Optional;

/**
 * Where kamal-proxy state lives: on the host under {@code .kamal/proxy}, and inside the proxy container under
 * {@code /home/kamal-proxy/.apps-config} (the bind mount of {@code .kamal/proxy/apps-config}).
 */
public final class ProxyPaths {
    public static final String CONTAINER_NAME = "kamal-proxy";
    public static final String APPS_CONTAINER_DIRECTORY = "/home/kamal-proxy/.apps-config";
    public static final String CONFIG_VOLUME = "kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy";

    private final Configuration config;

    public ProxyPaths(Configuration config) {
        this.config = config;
    }

    /** {@code .kamal/proxy}. */
    public String hostDirectory() {
        return config.paths().runDirectory() + "/proxy";
    }

    public String optionsFile() {
        return hostDirectory() + "/options";
    }

    public String imageFile() {
        return hostDirectory() + "/image";
    }

    public String imageVersionFile() {
        return hostDirectory() + "/image_version";
    }

    public String runCommandFile() {
        return hostDirectory() + "/run_command";
    }

    /** {@code .kamal/proxy/apps-config}. */
    public String appsDirectory() {
        return hostDirectory() + "/apps-config";
    }

    /** {@code --volume $PWD/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config} value. */
    public Cmd.Part appsVolume() {
        return Cmd.underPwd(appsDirectory() + ":" + APPS_CONTAINER_DIRECTORY);
    }

    /** {@code .kamal/proxy/apps-config/<svc-dest>}. */
    public String appDirectory() {
        return appsDirectory() + "/" + config.serviceWithDestination();
    }

    public String appContainerDirectory() {
        return APPS_CONTAINER_DIRECTORY + "/" + config.serviceWithDestination();
    }

    public String errorPagesDirectory() {
        return appDirectory() + "/error_pages";
    }

    public String errorPagesContainerDirectory() {
        return appContainerDirectory() + "/error_pages";
    }

    /** {@code .kamal/proxy/apps-config/<svc-dest>/tls[/<role>]}. */
    public String tlsDirectory(Optional<String> roleName) {
        return appDirectory() + "/tls" + roleName.map(r -> "/" + r).orElse("");
    }

    public String tlsContainerDirectory(Optional<String> roleName) {
        return appContainerDirectory() + "/tls" + roleName.map(r -> "/" + r).orElse("");
    }
}
