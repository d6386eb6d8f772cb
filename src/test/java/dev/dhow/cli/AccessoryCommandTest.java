package dev.dhow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.deploy.Harness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhow accessory …} against recorded hosts: mysql on 1.1.1.5 (files, an ERB file, a data directory, a
 * secret), redis on 1.1.1.5 and 1.1.1.6, a proxied busybox on 1.1.1.7.
 */
class AccessoryCommandTest {
    @TempDir Path tmp;

    static final String AUDIT = "mkdir -p .kamal && echo \"[2026-11-22T10:00:00Z] [tester@example.com] ";
    static final String LOG = "\" >> .kamal/app-audit.log";
    static final String MYSQL_RUN = "docker run --name app-mysql --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" "
            + "--publish 3306:3306 --env KAMAL_HOST=\"1.1.1.5\" --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env "
            + "--volume $PWD/app-mysql/etc/mysql/my.cnf:/etc/mysql/my.cnf "
            + "--volume $PWD/app-mysql/docker-entrypoint-initdb.d/init.sql:/docker-entrypoint-initdb.d/init.sql "
            + "--volume $PWD/app-mysql/data:/var/lib/mysql --label service=\"app-mysql\" private.registry/mysql:8.0";

    /** A harness for {@code scenario}; the deploy lock records a version, given as {@code $VERSION} (no git here). */
    static Harness harness(Path tmp, String scenario) {
        Harness h = new Harness(tmp, scenario);
        h.env.put("VERSION", "v1");
        return h;
    }

    /** Asserts that {@code expected} appear in {@code actual} in this order (other commands may come between). */
    static void assertInOrder(List<String> expected, List<String> actual) {
        int at = 0;
        for (String e : expected) {
            while (at < actual.size() && !actual.get(at).equals(e)) at++;
            if (at == actual.size()) throw new AssertionError("missing (or out of order): " + e + "\nin:\n" + String.join("\n", actual));
            at++;
        }
    }

    @Test
    void bootLogsInCreatesTheNetworkDirectoriesAndFilesThenRunsWithTheSecretsInAnEnvFile() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "boot", "mysql"), h.err);

        assertInOrder(List.of(
                "docker login -u [REDACTED] --password-stdin",
                "docker network create kamal",
                "docker ps -a -q --filter label=service=app-mysql",
                "mkdir -p $PWD/app-mysql/data",
                "mkdir -p app-mysql/etc/mysql",
                "upload app-mysql/etc/mysql/my.cnf 0644",
                "chmod 755 app-mysql/etc/mysql/my.cnf",
                "mkdir -p app-mysql/docker-entrypoint-initdb.d",
                "upload app-mysql/docker-entrypoint-initdb.d/init.sql 0644",
                "chmod 755 app-mysql/docker-entrypoint-initdb.d/init.sql",
                AUDIT + "Booted mysql accessory" + LOG,
                "mkdir -p .kamal/apps/app/env/accessories",
                "upload .kamal/apps/app/env/accessories/mysql.env 0600",
                MYSQL_RUN), h.remote.commandsOn("1.1.1.5"));
        assertTrue(h.remote.commandsOn("1.1.1.6").stream().noneMatch(c -> c.contains("mysql")), "mysql runs on 1.1.1.5 only");
    }

    @Test
    void erbFilesAreRenderedWithTheAccessoryEnvAndTheSecretStaysOutOfEveryCommandLine() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "boot", "mysql"), h.err);

        assertTrue(h.remote.uploads().contains("CREATE USER 'app'@'%' IDENTIFIED BY 'mysql-secret';\n-- host %\n"), h.remote.uploads().toString());
        assertTrue(h.remote.uploads().contains("[mysqld]\nbind-address = 0.0.0.0\n"), "plain files go up unchanged");
        assertTrue(h.remote.uploads().contains("MYSQL_ROOT_PASSWORD=mysql-secret\n"), h.remote.uploads().toString());
        assertTrue(h.remote.shellLines().stream().noneMatch(l -> l.contains("mysql-secret")));
        assertFalse(h.out.contains("mysql-secret") || h.err.contains("mysql-secret"));
    }

    @Test
    void bootSkipsHostsWhereAContainerAlreadyExists() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.5", "docker ps -a -q --filter label=service=app-redis", "abc123\n");

        assertEquals(0, h.dhow("accessory", "boot", "redis"), h.err);

        assertTrue(h.err.contains("Skipping booting `redis` on 1.1.1.5, a container already exists"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.5").stream().noneMatch(c -> c.startsWith("docker run")));
        assertTrue(h.remote.commandsOn("1.1.1.6").stream().anyMatch(c -> c.startsWith("docker run --name app-redis ")), h.remote.commandsOn("1.1.1.6").toString());
    }

    @Test
    void bootAllBootsEveryAccessoryAndAProxiedOneIsRegisteredWithKamalProxy() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.7", "docker container ls --filter 'name=^custom-busybox$' --quiet", "bb123\n");

        assertEquals(0, h.dhow("accessory", "boot", "all"), h.err);

        assertInOrder(List.of(
                "docker run --name custom-busybox --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --env KAMAL_HOST=\"1.1.1.7\" "
                        + "--env-file .kamal/apps/app/env/accessories/busybox.env --label service=\"custom-busybox\" busybox:latest",
                "docker container ls --filter 'name=^custom-busybox$' --quiet",
                "docker exec kamal-proxy kamal-proxy deploy custom-busybox --target=\"bb123:80\" --host=\"busybox.example.com\" --deploy-timeout=\"30s\" "
                        + "--drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" "
                        + "--log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\""), h.remote.commandsOn("1.1.1.7"));
        assertTrue(h.remote.commandsOn("1.1.1.5").contains(MYSQL_RUN));
        assertTrue(h.remote.commandsOn("1.1.1.6").stream().anyMatch(c -> c.startsWith("docker run --name app-redis ")));
    }

    @Test
    void rebootPullsStopsRemovesTheContainerAndBootsAgainKeepingTheData() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "reboot", "mysql"), h.err);

        List<String> on5 = h.remote.commandsOn("1.1.1.5");
        assertInOrder(List.of(
                "docker network create kamal",
                AUDIT + "Pull mysql accessory image" + LOG,
                "docker image pull private.registry/mysql:8.0",
                AUDIT + "Stopped mysql accessory" + LOG,
                "docker container stop app-mysql",
                AUDIT + "Remove mysql accessory container" + LOG,
                "docker container prune --force --filter label=service=app-mysql",
                "docker ps -a -q --filter label=service=app-mysql",
                MYSQL_RUN), on5);
        assertTrue(on5.stream().noneMatch(c -> c.startsWith("rm ")), "reboot keeps the data directory: " + on5);
    }

    @Test
    void startStopAndRestartRunOnTheAccessoryHostsAndReRouteAProxiedOne() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.7", "docker container ls --filter 'name=^custom-busybox$' --quiet", "bb123\n");

        assertEquals(0, h.dhow("accessory", "restart", "busybox"), h.err);

        assertInOrder(List.of(
                AUDIT + "Stopped busybox accessory" + LOG,
                "docker container stop custom-busybox",
                "docker exec kamal-proxy kamal-proxy remove custom-busybox",
                AUDIT + "Started busybox accessory" + LOG,
                "docker container start custom-busybox",
                "docker container ls --filter 'name=^custom-busybox$' --quiet"), h.remote.commandsOn("1.1.1.7"));
        assertTrue(h.remote.commandsOn("1.1.1.7").stream().anyMatch(c -> c.startsWith("docker exec kamal-proxy kamal-proxy deploy custom-busybox --target=\"bb123:80\"")));
    }

    @Test
    void removeWithYesRemovesContainerImageDataDirectoryAndSecretsEverywhereTheAccessoryRuns() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "remove", "redis", "-y"), h.err);

        for (String host : List.of("1.1.1.5", "1.1.1.6")) {
            assertInOrder(List.of(
                    "docker container stop app-redis",
                    "docker container prune --force --filter label=service=app-redis",
                    "docker image rm --force redis:latest",
                    "rm -rf app-redis",
                    "rm -f .kamal/apps/app/env/accessories/redis.env"), h.remote.commandsOn(host));
        }
    }

    @Test
    void theSingleStepsRunAloneAsKamalsHiddenCommandsDo() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "directories", "mysql"), h.err);
        assertEquals(0, h.dhow("accessory", "upload", "mysql"), h.err);
        assertEquals(0, h.dhow("accessory", "pull_image", "redis"), h.err);
        assertEquals(0, h.dhow("accessory", "remove_image", "redis", "-h", "1.1.1.6"), h.err);

        assertInOrder(List.of("mkdir -p $PWD/app-mysql/data", "upload app-mysql/etc/mysql/my.cnf 0644", "docker image pull redis:latest"),
                h.remote.commandsOn("1.1.1.5"));
        assertTrue(h.remote.commandsOn("1.1.1.6").contains("docker image rm --force redis:latest"));
        assertTrue(h.remote.commandsOn("1.1.1.5").stream().noneMatch(c -> c.startsWith("docker image rm")), "-h keeps to the host given");
        assertTrue(h.remote.commandsOn("1.1.1.5").stream().noneMatch(c -> c.startsWith("docker run")), "no step boots anything");
    }

    @Test
    void aRollingUpgradeRebootsTheAccessoriesOneHostAtATime() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("accessory", "upgrade", "redis", "--rolling", "-y"), h.err);

        List<String> runs = h.remoteLines().stream().filter(l -> l.contains("docker run --name app-redis") || l.contains("docker container stop app-redis")).toList();
        assertEquals(4, runs.size(), runs.toString());
        assertTrue(runs.get(0).startsWith("1.1.1.5: docker container stop") && runs.get(1).startsWith("1.1.1.5: docker run"), runs.toString());
        assertTrue(runs.get(2).startsWith("1.1.1.6: docker container stop") && runs.get(3).startsWith("1.1.1.6: docker run"), runs.toString());
        assertTrue(h.err.contains("Upgrading redis accessories on 1.1.1.5..."), h.err);
    }

    @Test
    void removeWithoutYesAndWithoutATerminalRefusesAndTouchesNothing() {
        Harness h = harness(tmp, "accessories");

        assertEquals(1, h.dhow("accessory", "remove", "mysql"));

        assertTrue(h.err.contains("This will remove all containers, images and data directories for mysql. Are you sure?"), h.err);
        assertTrue(h.err.contains("Aborted"), h.err);
        assertEquals(List.of(), h.remote.calls());
    }

    @Test
    void aMissingLocalFileStopsTheBootBeforeTheContainerRuns() {
        Harness h = harness(tmp, "accessory_missing_file");

        assertEquals(1, h.dhow("accessory", "boot", "mysql"));

        assertTrue(h.err.contains("ERROR Missing file: config/mysql/my.cnf (accessories/mysql/files)"), h.err);
        assertTrue(h.remote.commandsOn("1.1.1.5").stream().noneMatch(c -> c.startsWith("docker run")));
        assertTrue(h.remoteLines().stream().anyMatch(l -> l.contains("rm .kamal/lock-app/details")), "the lock is released: " + h.remoteLines());
    }

    @Test
    void anUnknownAccessoryIsAnErrorListingTheKnownOnes() {
        Harness h = harness(tmp, "accessories");

        assertEquals(1, h.dhow("accessory", "details", "postgres"));

        assertTrue(h.err.contains("ERROR No accessory by the name of 'postgres' (options: mysql, redis, and busybox)"), h.err);
    }

    @Test
    void detailsOfAllShowsEachAccessoryPerHost() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.6", "docker ps --filter label=service=app-redis", "CONTAINER ID redis-on-6\n");

        assertEquals(0, h.dhow("accessory", "details", "all"), h.err);

        assertTrue(h.out.contains("Accessory redis Host: 1.1.1.6\nCONTAINER ID redis-on-6\n"), h.out);
        assertTrue(h.out.contains("Accessory mysql Host: 1.1.1.5\n"), h.out);
        assertTrue(h.out.contains("Accessory busybox Host: 1.1.1.7\n"), h.out);
    }

    @Test
    void execRunsInANewContainerOnEveryHostOrInTheRunningOneWithReuse() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("redis-cli ping", "PONG\n");

        assertEquals(0, h.dhow("accessory", "exec", "redis", "redis-cli", "ping"), h.err);
        assertEquals(0, h.dhow("accessory", "exec", "redis", "--reuse", "redis-cli ping"), h.err);

        List<String> on6 = h.remote.commandsOn("1.1.1.6");
        assertInOrder(List.of(
                "docker login -u [REDACTED] --password-stdin",
                AUDIT + "Executed cmd 'redis-cli ping' on redis accessory" + LOG,
                "docker run --rm --network kamal --env-file .kamal/apps/app/env/accessories/redis.env --volume /var/lib/redis:/data redis:latest redis-cli ping",
                "docker exec app-redis redis-cli ping"), on6);
        assertTrue(h.out.contains("App Host: 1.1.1.6\nPONG\n"), h.out);
    }

    @Test
    void interactiveExecGoesToTheFirstHostThroughATerminal() {
        Harness h = harness(tmp, "accessories");
        h.inputTerminal = true;

        assertEquals(0, h.dhow("accessory", "exec", "redis", "-i", "--reuse", "redis-cli"), h.err);

        assertEquals(List.of("1.1.1.5: docker exec -it app-redis redis-cli (interactive)"), h.remoteLines());
    }

    @Test
    void interactiveExecWithoutATerminalFailsAtOnce() {
        Harness h = harness(tmp, "accessories");
        assertEquals(1, h.dhow("accessory", "exec", "redis", "-i", "--reuse", "redis-cli"));
        assertTrue(h.err.contains("dhow accessory exec -i needs a terminal"), h.err);
        assertEquals(List.of(), h.remoteLines());
    }

    @Test
    void logsShowOneHundredLinesPerHostByDefaultAndFollowStreamsEveryHostPrefixed() {
        Harness h = harness(tmp, "accessories");
        h.remote.answer("1.1.1.5", "--follow", "ready on 5\n");
        h.remote.answer("1.1.1.6", "--follow", "ready on 6\n");

        assertEquals(0, h.dhow("accessory", "logs", "redis"), h.err);
        assertEquals(0, h.dhow("accessory", "logs", "redis", "-f", "-g", "ready"), h.err);

        assertTrue(h.remoteLines().contains("1.1.1.5: docker logs app-redis  --tail 100 --timestamps 2>&1"), h.remoteLines().toString());
        assertTrue(h.remoteLines().contains("1.1.1.6: docker logs app-redis --timestamps --tail 10 --follow 2>&1 | grep \"ready\" (interactive)"), h.remoteLines().toString());
        assertTrue(h.out.contains("[1.1.1.5] ready on 5\n"), h.out);
        assertTrue(h.out.contains("[1.1.1.6] ready on 6\n"), h.out);
    }

    @Test
    void removeAlsoRemovesEveryAccessory() {
        Harness h = harness(tmp, "accessories");

        assertEquals(0, h.dhow("remove", "-y"), h.err);

        List<String> all = new ArrayList<>(h.remoteLines());
        assertTrue(all.contains("1.1.1.5: rm -rf app-mysql"), String.join("\n", all));
        assertTrue(all.contains("1.1.1.7: docker image rm --force busybox:latest"), String.join("\n", all));
    }
}
