package dev.dhow.deploy;

import static dev.dhow.deploy.DeployFlowTest.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyAndAppTest {
    @TempDir Path tmp;

    @Test
    void bootWithEveryProxyFlagUploadsCertificatesErrorPagesAndBridgesAssets() {
        Harness h = new Harness(tmp, "proxy_everything");
        h.remote.answer("echo ${line#app-web-}", "v1\n");
        h.remote.answerOnce("1.1.1.1", id("web", "v2"), "").answer(id("web", "v2"), "abc123");
        assertEquals(0, h.dhow("app", "boot", "--version", "v2"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        List<String> prepared = on1.subList(on1.indexOf("mkdir -p .kamal/proxy/apps-config/app/error_pages/v2"), on1.indexOf(DeployFlowTest.survey("web", "v2")));
        assertEquals(List.of(
                "mkdir -p .kamal/proxy/apps-config/app/error_pages/v2",
                "upload .kamal/proxy/apps-config/app/error_pages/v2/404.html 0644",
                "upload .kamal/proxy/apps-config/app/error_pages/v2/503.html 0644",
                "mkdir -p .kamal/apps/app/assets/extracted/web-v2 && docker container rm app-web-assets 2> /dev/null || true && docker container create --name app-web-assets dhh/app:v2 && docker container cp -L app-web-assets:/rails/public/assets/. .kamal/apps/app/assets/extracted/web-v2 && docker container rm app-web-assets",
                DeployFlowTest.current("web"),
                "mkdir -p .kamal/apps/app/assets/volumes/web-v2 ; cp -rnT .kamal/apps/app/assets/extracted/web-v2 .kamal/apps/app/assets/volumes/web-v2 ; cp -rnT .kamal/apps/app/assets/extracted/web-v2 .kamal/apps/app/assets/volumes/web-v1 || true ; cp -rnT .kamal/apps/app/assets/extracted/web-v1 .kamal/apps/app/assets/volumes/web-v2 || true",
                "mkdir -p .kamal/proxy/apps-config/app/tls/web",
                "upload .kamal/proxy/apps-config/app/tls/web/cert.pem 0644",
                "upload .kamal/proxy/apps-config/app/tls/web/key.pem 0644"), prepared);
        assertTrue(on1.contains("docker exec kamal-proxy kamal-proxy deploy app-web --target=\"abc123:3000\" --host=\"a.example.com\" --host=\"b.example.com\" --tls --tls-certificate-path=\"/home/kamal-proxy/.apps-config/app/tls/web/cert.pem\" --tls-private-key-path=\"/home/kamal-proxy/.apps-config/app/tls/web/key.pem\" --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --health-check-interval=\"3s\" --health-check-timeout=\"2s\" --health-check-path=\"/health\" --target-timeout=\"10s\" --buffer-requests --buffer-responses=\"false\" --buffer-memory=\"2000000\" --max-request-body=\"40000000\" --path-prefix=\"/\" --path-prefix=\"/api\" --strip-path-prefix=\"false\" --forward-headers --log-request-header=\"X-Req\" --log-response-header=\"X-Request-ID\" --error-pages=\"/home/kamal-proxy/.apps-config/app/error_pages/v2\""),
                on1.toString());
        // Old assets and error pages go only after every host runs the new version.
        List<String> tail = on1.subList(on1.size() - 4, on1.size());
        assertEquals(List.of(
                "find .kamal/apps/app/assets/extracted -maxdepth 1 -name 'web-*' ! -name web-v2 -exec rm -rf \"{}\" + ; find .kamal/apps/app/assets/volumes -maxdepth 1 -name 'web-*' ! -name web-v2 -exec rm -rf \"{}\" +",
                "find .kamal/proxy/apps-config/app/error_pages -mindepth 1 -maxdepth 1 ! -name v2 -exec rm -rf {} +",
                "mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [tester@example.com] Tagging dhh/app:v2 as the latest image\" >> .kamal/app-audit.log && docker tag dhh/app:v2 dhh/app:latest",
                "rm .kamal/lock-app/details && rm -r .kamal/lock-app"), tail);
        assertTrue(h.remote.uploads().contains("-----BEGIN CERTIFICATE-----cert"));
    }

    @Test
    void aFirstBootCleansUpNoAssetsOrErrorPagesAsNoOldVersionWasStopped() {
        Harness h = new Harness(tmp, "proxy_everything");
        h.remote.answerOnce("1.1.1.1", id("web", "v2"), "").answer(id("web", "v2"), "abc123");
        assertEquals(0, h.dhow("app", "boot", "--version", "v2"), h.err);
        List<String> on1 = h.remote.commandsOn("1.1.1.1");
        assertTrue(on1.stream().noneMatch(c -> c.startsWith("find ")), "Kamal cleans up only after stopping an old version: " + on1);
    }

    @Test
    void proxyBootRefusesAKamalProxyOlderThanTheMinimum() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("awk -F:", "v0.8.0\n");
        assertEquals(1, h.dhow("proxy", "boot", "--version", "v1"));
        assertTrue(h.err.contains("kamal-proxy version v0.8.0 is too old, run `dhow proxy reboot` in order to update to at least v0.9.2"), h.err);
    }

    @Test
    void proxyBootCreatesTheNetworkAndAsksTheVersionInOneRoundTrip() {
        Harness h = new Harness(tmp, "simple");
        // A new network prints its id; an existing one is an error that changes nothing; kamal-proxy is not there.
        h.remote.answer("1.1.1.1", "awk -F:", "f".repeat(64) + "\n");
        h.remote.answerWithErrors("awk -F:", "", "Error response from daemon: network with name kamal already exists\nError: No such object: kamal-proxy\n");
        assertEquals(0, h.dhow("proxy", "boot", "--version", "v1"), h.err);
        for (String host : List.of("1.1.1.1", "1.1.1.2")) {
            List<String> on = h.remote.commandsOn(host);
            int asked = on.indexOf("docker network create kamal ; mkdir -p .kamal/proxy/apps-config && docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'");
            assertTrue(asked >= 0 && on.get(asked + 1).startsWith("docker container start kamal-proxy || "), on.toString());
            assertEquals(1, on.stream().filter(c -> c.contains("docker network create")).count(), on.toString());
        }
        assertEquals(List.of("docker network create kamal"), h.remote.commandsOn("1.1.1.3").stream().filter(c -> c.contains("network")).toList(),
                "a host without the proxy only gets the network");
    }

    @Test
    void proxyBootFailsWhenTheNetworkCannotBeCreated() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answerWithErrors("awk -F:", "", "Error response from daemon: could not find an available, non-overlapping IPv4 address pool\n");
        assertEquals(1, h.dhow("proxy", "boot", "--version", "v1"));
        assertTrue(h.err.contains("non-overlapping IPv4 address pool"), h.err);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().startsWith("docker container start kamal-proxy")), "nothing is started");
    }

    @Test
    void proxyRemoveLeavesTheProxyWhenOtherAppsAreInstalled() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("ls .kamal/apps | wc -l", "2\n");
        assertEquals(0, h.dhow("proxy", "remove", "--version", "v1"), h.err);
        assertTrue(h.err.contains("Not removing the proxy, as other apps are installed, ignore this check with dhow proxy remove --force"), h.err);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("docker container prune")));
    }

    @Test
    void proxyRebootRollingGoesHostByHost() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("proxy", "reboot", "--rolling", "-y", "--version", "v1"), h.err);
        List<String> stops = h.remoteLines().stream().filter(l -> l.endsWith("docker container stop kamal-proxy")).toList();
        assertEquals(List.of("1.1.1.1: docker container stop kamal-proxy", "1.1.1.2: docker container stop kamal-proxy"), stops);
    }

    @Test
    void maintenanceUsesTheConfiguredDrainTimeoutAndMessage() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("app", "maintenance", "--message", "Back soon", "--version", "v1"), h.err);
        assertTrue(h.remoteLines().contains("1.1.1.1: docker exec kamal-proxy kamal-proxy stop app-web --drain-timeout=\"30s\" --message=\"Back soon\""), h.remoteLines().toString());
        assertTrue(h.remote.commandsOn("1.1.1.3").stream().noneMatch(c -> c.contains("kamal-proxy stop")), "workers have no proxy");
    }

    @Test
    void pruneContainersHonoursRetainAndRefusesZero() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("prune", "containers", "--retain", "2", "--version", "v1"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.3").contains("docker ps -q -a --filter label=service=app --filter status=created --filter status=exited --filter status=dead | tail -n +3 | while read container_id; do docker rm $container_id; done"));
        Harness zero = new Harness(tmp.resolve("z"), "simple");
        assertEquals(1, zero.dhow("prune", "containers", "--retain", "0", "--version", "v1"));
        assertTrue(zero.err.contains("retain must be at least 1"), zero.err);
    }

    @Test
    void staleContainersAreReportedWithoutTheLockAndStoppedWithIt() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("1.1.1.1", DeployFlowTest.versions("web"), "v2\nv1\n");
        h.remote.answer("1.1.1.1", DeployFlowTest.current("web"), "v2\n");
        assertEquals(0, h.dhow("app", "stale_containers", "--version", "v2"), h.err);
        assertTrue(h.out.contains("[1.1.1.1] Detected stale container for role web with version v1 (use `dhow app stale_containers --stop` to stop)"), h.out);
        assertTrue(h.remote.calls().stream().noneMatch(c -> c.command().contains("lock-app")));
    }

    @Test
    void serverExecHonoursDryRunToo() {
        Harness h = new Harness(tmp, "simple");
        assertEquals(0, h.dhow("server", "exec", "--dry-run", "uptime"), h.err);
        assertEquals(List.of(), h.remote.calls());
        assertTrue(h.out.contains("[1.1.1.1] mkdir -p .kamal && echo ") && h.out.contains(" Executed cmd 'uptime' on 1.1.1.1\" >> .kamal/app-audit.log && { uptime\n}\n"), h.out);
    }

    @Test
    void auditTailsTheLogOnEveryHost() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("tail -n 50 .kamal/app-audit.log", "[t] [me] Booted app version v1\n");
        assertEquals(0, h.dhow("audit", "--version", "v1", "-h", "1.1.1.1"), h.err);
        assertEquals("App Host: 1.1.1.1\n[t] [me] Booted app version v1\n\n", h.out);
    }

    @Test
    void appVersionAndContainersPrintPerHost() {
        Harness h = new Harness(tmp, "simple");
        h.remote.answer("echo ${line#app-web-}", "v7\n").answer("echo ${line#app-workers-}", "v7\n");
        assertEquals(0, h.dhow("app", "version", "--version", "v1"), h.err);
        assertEquals("App Host: 1.1.1.1\nv7\n\nApp Host: 1.1.1.2\nv7\n\nApp Host: 1.1.1.3\nv7\n\n", h.out);
        Harness c = new Harness(tmp.resolve("c"), "simple");
        assertEquals(0, c.dhow("app", "containers", "-h", "1.1.1.3", "--version", "v1"), c.err);
        assertEquals(List.of("1.1.1.3: docker container ls --all --filter label=service=app --filter label=destination="), c.remoteLines());
    }
}
