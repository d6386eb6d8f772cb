package dev.dhow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kamal-proxy stand-in driven exactly as Kamal drives kamal-proxy: booted with Kamal's
 * `docker run` line, apps routed with `docker exec kamal-proxy kamal-proxy deploy ...`.
 * Each test routes its own virtual host, so they share one proxy without interfering.
 */
@Tag("e2e")
@SandboxHosts(1)
class StandInProxyTest {
    // Kamal's own flags for a default proxy role (see KAMAL-SPEC §3.11, "deploy").
    private static final String KAMAL_DEPLOY_FLAGS = "--deploy-timeout=\"30s\" --drain-timeout=\"30s\" "
            + "--buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" "
            + "--log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"";

    private static final String APP_REPOSITORY = "sandbox-test/hello:1";

    @BeforeAll
    static void bootProxyAndPushApp(Sandbox sandbox) throws Exception {
        new LocalDocker(SandboxScript.findProjectRoot()).buildAndPush("examples/hello", appImage(sandbox));
        SandboxHost host = sandbox.host(1);
        host.ssh("docker network create kamal >/dev/null 2>&1; mkdir -p .kamal/proxy/apps-config && "
                + "(docker container start kamal-proxy || docker run --name kamal-proxy --network kamal --detach "
                + "--restart unless-stopped --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy "
                + "--volume $PWD/.kamal/proxy/apps-config:/home/kamal-proxy/.apps-config "
                + "--publish 80:80 --publish 443:443 --log-opt max-size=10m " + sandbox.proxyImage()
                + " kamal-proxy run)").orThrow();
        awaitStatus(host, "nothing.example.test", "/", 404);
    }

    @Test
    void containerStartedOnTheHostIsReachableThroughTheStandIn(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String cid = startApp(sandbox, "reach-web-1", "1");

        deploy(host, "reach-web", cid, "--host=\"reach.example.test\"").orThrow();

        HttpProbe.Response page = HttpProbe.get(host.http("/"), "reach.example.test");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("version <span id=\"version\">1</span>"), page.body());
    }

    @Test
    void standInRefusesATargetThatDoesNotAnswerItsHealthCheck(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "sick-web", startApp(sandbox, "sick-web-1", "1"), "--host=\"sick.example.test\"").orThrow();
        // Nothing listens on port 80 of this one.
        String deaf = startApp(sandbox, "sick-web-2", "2", "--env PORT=8080");

        CommandResult refused = deploy(host, "sick-web", deaf,
                "--host=\"sick.example.test\" --deploy-timeout=\"3s\" --health-check-interval=\"500ms\"");

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("Error: target failed to become healthy within configured timeout (3s)"),
                refused.stderr());
        assertEquals("1", HttpProbe.get(host.http("/version"), "sick.example.test").body().strip(),
                "the healthy version keeps serving");
    }

    @Test
    void standInRefusesATargetWhoseHealthCheckIsNot200(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String cid = startApp(sandbox, "notfound-web-1", "1");

        CommandResult refused = deploy(host, "notfound-web", cid,
                "--host=\"notfound.example.test\" --health-check-path=\"/missing\" --deploy-timeout=\"2s\"");

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("target failed to become healthy within configured timeout (2s)"),
                refused.stderr());
        assertEquals(404, HttpProbe.get(host.http("/version"), "notfound.example.test").status(),
                "no route was created");
    }

    @Test
    void switchingRoutesUnderARequestLoopDropsNoRequest(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String vhost = "switch.example.test";
        deploy(host, "switch-web", startApp(sandbox, "switch-web-1", "1"), "--host=\"" + vhost + "\"").orThrow();

        RequestLoop.Result result;
        try (RequestLoop loop = RequestLoop.start(host.http("/version"), vhost, 40, Duration.ofSeconds(5))) {
            Thread.sleep(1000);
            for (int version = 2; version <= 4; version++) {
                // Kamal's order: start the new container, switch the route, then stop the old one.
                String cid = startApp(sandbox, "switch-web-" + version, Integer.toString(version));
                deploy(host, "switch-web", cid, "--host=\"" + vhost + "\"").orThrow();
                host.ssh("docker stop switch-web-" + (version - 1)).orThrow();
                Thread.sleep(1000);
            }
            result = loop.stop();
        }

        assertEquals(0, result.failed(), result.toString());
        assertTrue(result.sent() >= 100, result.toString());
        assertEquals(Set.of("1", "2", "3", "4"), result.bodies().keySet(), result.toString());
    }

    @Test
    void deployReturnsOnlyOnceTheOldTargetHasDrained(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String vhost = "drain.example.test";
        deploy(host, "drain-web", startApp(sandbox, "drain-web-1", "1"), "--host=\"" + vhost + "\"").orThrow();
        String next = startApp(sandbox, "drain-web-2", "2");

        // In flight to version 1 while the route switches to version 2.
        CompletableFuture<HttpProbe.Response> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return HttpProbe.get(host.http("/cgi-bin/slow?3"), vhost, Duration.ofSeconds(15));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(500);
        deploy(host, "drain-web", next, "--host=\"" + vhost + "\"").orThrow();
        boolean doneWhenDeployReturned = slow.isDone();
        host.ssh("docker stop drain-web-1").orThrow();

        assertTrue(doneWhenDeployReturned, "deploy returned while a request to the old target was in flight");
        assertEquals(200, slow.get().status());
        assertEquals("1\n", slow.get().body());
        assertEquals("2", HttpProbe.get(host.http("/version"), vhost).body().strip());
    }

    @Test
    void stopServesTheMaintenancePageUntilResume(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "pause-web", startApp(sandbox, "pause-web-1", "1"), "--host=\"pause.example.test\"").orThrow();

        host.ssh("docker exec kamal-proxy kamal-proxy stop pause-web --drain-timeout=\"10s\" "
                + "--message=\"Back at <noon>\"").orThrow();
        HttpProbe.Response stopped = HttpProbe.get(host.http("/"), "pause.example.test");
        host.ssh("docker exec kamal-proxy kamal-proxy resume pause-web").orThrow();
        HttpProbe.Response resumed = HttpProbe.get(host.http("/version"), "pause.example.test");

        assertEquals(503, stopped.status());
        assertTrue(stopped.body().contains("Back at &lt;noon&gt;"), stopped.body());
        assertEquals(200, resumed.status());
        assertEquals("1", resumed.body().strip());
    }

    @Test
    void removedServiceNoLongerAnswers(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "gone-web", startApp(sandbox, "gone-web-1", "1"), "--host=\"gone.example.test\"").orThrow();

        host.ssh("docker exec kamal-proxy kamal-proxy remove gone-web").orThrow();

        assertEquals(404, HttpProbe.get(host.http("/"), "gone.example.test").status());
        CommandResult again = host.ssh("docker exec kamal-proxy kamal-proxy remove gone-web");
        assertEquals("Error: service not found\n", again.stderr());
    }

    @Test
    void pathPrefixesRouteBelowTheirPathAndStripIt(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "site-web", startApp(sandbox, "site-web-1", "site"), "--host=\"paths.example.test\"").orThrow();
        deploy(host, "api-web", startApp(sandbox, "api-web-1", "api"),
                "--host=\"paths.example.test\" --path-prefix=\"/api\"").orThrow();
        deploy(host, "ver-web", startApp(sandbox, "ver-web-1", "ver"),
                "--host=\"paths.example.test\" --path-prefix=\"/ver\"").orThrow();

        assertEquals("api", HttpProbe.get(host.http("/api/version"), "paths.example.test").body().strip());
        assertEquals("ver", HttpProbe.get(host.http("/ver/version"), "paths.example.test").body().strip());
        assertEquals("site", HttpProbe.get(host.http("/version"), "paths.example.test").body().strip(),
                "a prefix matches whole path segments only");
    }

    @Test
    void anotherServiceCannotClaimTheSameHost(Sandbox sandbox) {
        SandboxHost host = sandbox.host(1);
        deploy(host, "first-web", startApp(sandbox, "first-web-1", "1"), "--host=\"claimed.example.test\"").orThrow();

        CommandResult second = deploy(host, "second-web", startApp(sandbox, "second-web-1", "2"),
                "--host=\"claimed.example.test\"");

        assertNotEquals(0, second.exitCode());
        assertEquals("Error: host settings conflict with another service\n", second.stderr());
    }

    @Test
    void tlsServesHttpsWithCaddysInternalCertificateAndRedirectsHttp(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String vhost = "secure.example.test";
        deploy(host, "secure-web", startApp(sandbox, "secure-web-1", "1"), "--host=\"" + vhost + "\" --tls").orThrow();

        HttpProbe.Response plain = HttpProbe.get(host.http("/version"), vhost);
        HttpProbe.Response https = HttpProbe.get(URI.create("https://" + host.address() + "/version"), vhost);

        assertEquals(301, plain.status());
        assertEquals("https://" + vhost + "/version", plain.header("Location"));
        assertEquals(200, https.status());
        assertEquals("1", https.body().strip());
        assertTrue(https.issuer().contains("Caddy Local Authority"), https.issuer());
    }

    @Test
    void tlsRedirectCanBeTurnedOff(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String vhost = "both.example.test";
        deploy(host, "both-web", startApp(sandbox, "both-web-1", "1"),
                "--host=\"" + vhost + "\" --tls --tls-redirect=\"false\"").orThrow();

        assertEquals("1", HttpProbe.get(host.http("/version"), vhost).body().strip());
    }

    @Test
    void routesSurviveARestartOfTheProxyContainer(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "keep-web", startApp(sandbox, "keep-web-1", "1"), "--host=\"keep.example.test\"").orThrow();

        host.ssh("docker restart kamal-proxy").orThrow();

        awaitStatus(host, "keep.example.test", "/version", 200);
        assertTrue(host.ssh("docker exec kamal-proxy kamal-proxy list").orThrow().stdout().contains("keep.example.test"));
    }

    @Test
    void theProxyHandsConnectionsQueuedOnItsOldListenerToTheNewOneAlsoAfterARestart(Sandbox sandbox) throws Exception {
        // Caddy replaces its SO_REUSEPORT listener on every reload; without tcp_migrate_req in the proxy's network
        // namespace the kernel resets the connections still queued on the old one (an empty response per reset).
        SandboxHost host = sandbox.host(1);
        String read = "docker exec kamal-proxy cat /proc/sys/net/ipv4/tcp_migrate_req";
        assertEquals("1", awaitOutput(host, read, "1"), "the proxy as booted");

        host.ssh("docker restart kamal-proxy").orThrow();

        assertEquals("1", awaitOutput(host, read, "1"), "a restarted container has a new network namespace");
    }

    @Test
    void looksLikeKamalProxyToKamalsVersionCheckAndPrune(Sandbox sandbox) {
        SandboxHost host = sandbox.host(1);

        assertEquals(sandbox.proxyVersion() + "\n", host.ssh(
                "docker inspect kamal-proxy --format '{{.Config.Image}}' | awk -F: '{print $NF}'").orThrow().stdout());
        assertEquals("kamal-proxy\n", host.ssh("docker inspect kamal-proxy --format "
                + "'{{index .Config.Labels \"org.opencontainers.image.title\"}}'").orThrow().stdout());
    }

    @Test
    void hasNoVersionCommandLikeTheRealBinary(Sandbox sandbox) {
        CommandResult version = sandbox.host(1).ssh("docker exec kamal-proxy kamal-proxy version");

        assertEquals(1, version.exitCode());
        assertEquals("Error: unknown command \"version\" for \"kamal-proxy\"\nRun 'kamal-proxy --help' for usage.\n",
                version.stderr());
    }

    @Test
    void tlsBelowAPathPrefixIsRefusedAsKamalProxyRefusesIt(Sandbox sandbox) {
        SandboxHost host = sandbox.host(1);

        CommandResult refused = deploy(host, "prefix-tls-web", startApp(sandbox, "prefix-tls-web-1", "1"),
                "--host=\"prefix-tls.example.test\" --path-prefix=\"/app\" --tls");

        assertEquals(1, refused.exitCode());
        assertEquals("Error: TLS settings must be specified on the root path service\n", refused.stderr());
    }

    @Test
    void aServiceBelowAPathPrefixTakesTlsFromTheRootPathServiceOfItsHost(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String vhost = "inherit.example.test";
        deploy(host, "inherit-root", startApp(sandbox, "inherit-root-1", "root"), "--host=\"" + vhost + "\" --tls").orThrow();
        deploy(host, "inherit-api", startApp(sandbox, "inherit-api-1", "api"),
                "--host=\"" + vhost + "\" --path-prefix=\"/api\"").orThrow();

        HttpProbe.Response plain = HttpProbe.get(host.http("/api/version"), vhost);
        HttpProbe.Response https = HttpProbe.get(URI.create("https://" + host.address() + "/api/version"), vhost);

        assertEquals(301, plain.status());
        assertEquals("https://" + vhost + "/api/version", plain.header("Location"));
        assertEquals("api", https.body().strip());
        assertTrue(host.ssh("docker exec kamal-proxy kamal-proxy list").orThrow().stdout()
                .lines().anyMatch(l -> l.startsWith("inherit-api ") && l.strip().endsWith("yes")), "list shows TLS as inherited");
    }

    @Test
    void tlsWithoutAHostIsAcceptedAsKamalProxyAcceptsIt(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        String cid = startApp(sandbox, "anyhost-web-1", "1");
        try {
            deploy(host, "anyhost-web", cid, "--tls").orThrow();

            HttpProbe.Response plain = HttpProbe.get(host.http("/version"), "whatever.example.test");
            assertEquals(301, plain.status());
            assertEquals("https://whatever.example.test/version", plain.header("Location"));
        } finally {
            // A service for every host would answer the other tests' unknown hosts.
            host.ssh("docker exec kamal-proxy kamal-proxy remove anyhost-web");
        }
    }

    @Test
    void aCertificateThatCannotBeLoadedIsRefusedAsKamalProxyRefusesIt(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);

        CommandResult refused = deploy(host, "badcert-web", startApp(sandbox, "badcert-web-1", "1"),
                "--host=\"badcert.example.test\" --tls --tls-certificate-path=\"/nowhere/cert.pem\""
                        + " --tls-private-key-path=\"/nowhere/key.pem\"");

        assertEquals(1, refused.exitCode());
        assertEquals("Error: unable to load certificate\n", refused.stderr());
        assertEquals(404, HttpProbe.get(host.http("/version"), "badcert.example.test").status(), "no route was created");
    }

    @Test
    void flagValuesOfTheWrongTypeAreRefusedWithPflagsMessages(Sandbox sandbox) {
        SandboxHost host = sandbox.host(1);

        CommandResult memory = deploy(host, "types-web", "types-web-1", "--buffer-memory=abc");
        CommandResult timeout = deploy(host, "types-web", "types-web-1", "--deploy-timeout=5");
        CommandResult port = deploy(host, "types-web", "types-web-1", "--health-check-port=http");

        assertEquals("Error: invalid argument \"abc\" for \"--buffer-memory\" flag: strconv.ParseInt: parsing \"abc\":"
                + " invalid syntax\n", memory.stderr());
        assertEquals("Error: invalid argument \"5\" for \"--deploy-timeout\" flag: time: missing unit in duration \"5\"\n",
                timeout.stderr());
        assertEquals("Error: invalid argument \"http\" for \"--health-check-port\" flag: strconv.ParseInt: parsing \"http\":"
                + " invalid syntax\n", port.stderr());
        assertEquals(List.of(1, 1, 1), List.of(memory.exitCode(), timeout.exitCode(), port.exitCode()));
    }

    /** Runs {@code command} until it prints {@code wanted} (the host sets it just after a container starts), 10 s at most. */
    @Test
    void rolloutAndPauseGiveKamalProxysMessagesForUnknownServicesAndBadFlags(Sandbox sandbox) {
        SandboxHost host = sandbox.host(1);
        String proxy = "docker exec kamal-proxy kamal-proxy ";
        assertEquals("Error: service not found\n", host.ssh(proxy + "rollout set nobody-web --percent=10").stderr());
        assertEquals("Error: service not found\n", host.ssh(proxy + "rollout deploy nobody-web --target=x:80").stderr());
        assertEquals("Error: service not found\n", host.ssh(proxy + "pause nobody-web").stderr());
        assertEquals("Error: at least one of the flags in the group [percent list] is required\n",
                host.ssh(proxy + "rollout set nobody-web").stderr());
        assertEquals("Error: required flag(s) \"target\" not set\n", host.ssh(proxy + "rollout deploy nobody-web").stderr());
        assertEquals("Error: invalid argument \"ten\" for \"--percent\" flag: strconv.ParseInt: parsing \"ten\": invalid syntax\n",
                host.ssh(proxy + "rollout set nobody-web --percent=ten").stderr());
        assertEquals("Error: invalid argument \"soon\" for \"--max-pause\" flag: time: invalid duration \"soon\"\n",
                host.ssh(proxy + "pause nobody-web --max-pause=soon").stderr());
        assertEquals("Error: accepts 1 arg(s), received 0\n", host.ssh(proxy + "rollout stop").stderr());
    }

    @Test
    void rolloutSetWithoutARolloutTargetIsRefused(Sandbox sandbox) throws Exception {
        SandboxHost host = sandbox.host(1);
        deploy(host, "solo-web", startApp(sandbox, "solo-web-1", "1"), "--host=\"solo.example.test\"").orThrow();
        CommandResult refused = host.ssh("docker exec kamal-proxy kamal-proxy rollout set solo-web --list=beta");
        assertEquals("Error: rollout target not set\n", refused.stderr());
    }

    private static String awaitOutput(SandboxHost host, String command, String wanted) throws InterruptedException {
        String out = "";
        for (int i = 0; i < 50 && !out.equals(wanted); i++) {
            if (i > 0) {
                Thread.sleep(200);
            }
            out = host.ssh(command).stdout().strip();
        }
        return out;
    }

    private static String appImage(Sandbox sandbox) {
        return sandbox.registry() + "/" + APP_REPOSITORY;
    }

    /** Starts the hello app on host 1 the way Kamal runs an app container; returns its container ID. */
    private static String startApp(Sandbox sandbox, String name, String version, String... options) {
        SandboxHost host = sandbox.host(1);
        host.ssh("docker run --detach --restart unless-stopped --name " + name + " --network kamal --env KAMAL_VERSION=\""
                + version + "\" --label service=\"hello\" " + String.join(" ", options) + " " + appImage(sandbox)).orThrow();
        return host.ssh("docker container ls --all --filter 'name=^" + name + "$' --quiet").orThrow().stdout().strip();
    }

    private static CommandResult deploy(SandboxHost host, String service, String cid, String options) {
        // The test's options go last: like cobra, the stand-in lets a later flag override an earlier one.
        return host.ssh("docker exec kamal-proxy kamal-proxy deploy " + service + " --target=\"" + cid + ":80\" "
                + KAMAL_DEPLOY_FLAGS + " " + options);
    }

    private static void awaitStatus(SandboxHost host, String vhost, String path, int status) throws Exception {
        URI uri = host.http(path);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpProbe.Response response = HttpProbe.get(uri, vhost, Duration.ofSeconds(2));
                if (response.status() == status) {
                    return;
                }
                last = "status " + response.status();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(uri + " (Host: " + vhost + ") never answered " + status + "; last: " + last);
    }
}
