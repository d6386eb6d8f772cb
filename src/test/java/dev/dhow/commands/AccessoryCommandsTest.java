package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.commands.AccessoryCommands.FileUpload;
import dev.dhow.commands.AppCommands.Interactive;
import dev.dhow.config.Configuration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessoryCommandsTest {
    final Configuration config = Fixtures.load("accessories");

    AccessoryCommands accessory(String name) {
        return new AccessoryCommands(config, config.accessory(name).orElseThrow());
    }

    @Test
    void runMysqlWithPublishEnvVolumesLabelsAndOptions() {
        assertEquals("docker run --name app-mysql --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --publish 3306:3306 --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --volume $PWD/app-mysql/etc/mysql/my.cnf:/etc/mysql/my.cnf --volume $PWD/app-mysql/docker-entrypoint-initdb.d/init.sql:/docker-entrypoint-initdb.d/init.sql --volume $PWD/app-mysql/data:/var/lib/mysql --volume /srv/backups:/backups --label service=\"app-mysql\" --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0",
                accessory("mysql").run(Optional.empty()).toString());
    }

    @Test
    void runFromTheCliAddsKamalHostAfterThePublishArgs() {
        assertEquals("docker run --name app-redis --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --publish 6379:6379 --env KAMAL_HOST=\"1.1.1.6\" --env SOMETHING=\"else\" --env-file .kamal/apps/app/env/accessories/redis.env --volume /var/lib/redis:/data --label service=\"app-redis\" --label cache=\"true\" redis:latest",
                accessory("redis").run(Optional.of("1.1.1.6")).toString());
    }

    @Test
    void runRedisAndBusyboxAsInKamalsTests() {
        assertEquals("docker run --name app-redis --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --publish 6379:6379 --env SOMETHING=\"else\" --env-file .kamal/apps/app/env/accessories/redis.env --volume /var/lib/redis:/data --label service=\"app-redis\" --label cache=\"true\" redis:latest",
                accessory("redis").run(Optional.empty()).toString());
        assertEquals("docker run --name custom-busybox --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --env-file .kamal/apps/app/env/accessories/busybox.env --label service=\"custom-busybox\" other.registry/busybox:latest",
                accessory("busybox").run(Optional.empty()).toString());
    }

    @Test
    void registryIsTheAccessoryOwnElseTheRootOne() {
        assertEquals(Optional.of("other.registry"), accessory("busybox").registry().server());
        assertEquals(Optional.of("private.registry"), accessory("mysql").registry().server());
    }

    @Test
    void execInNewContainerLeavesOutNameAndLabels() {
        assertEquals("docker run --rm --network kamal --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --volume $PWD/app-mysql/etc/mysql/my.cnf:/etc/mysql/my.cnf --volume $PWD/app-mysql/docker-entrypoint-initdb.d/init.sql:/docker-entrypoint-initdb.d/init.sql --volume $PWD/app-mysql/data:/var/lib/mysql --volume /srv/backups:/backups --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0 mysql -u root",
                accessory("mysql").execInNewContainer("mysql -u root", Interactive.NONE).toString());
        assertEquals("docker run -it --rm --network kamal --env SOMETHING=\"else\" --env-file .kamal/apps/app/env/accessories/redis.env --volume /var/lib/redis:/data redis:latest redis-cli",
                accessory("redis").execInNewContainer("redis-cli", Interactive.TTY).toString());
    }

    @Test
    void execInExistingContainer() {
        assertEquals("docker exec app-mysql mysql -u root", accessory("mysql").execInExistingContainer("mysql -u root", Interactive.NONE).toString());
        assertEquals("ssh -t root@1.1.1.5 -p 22 'docker exec -it app-mysql mysql -u root'",
                new InteractiveSsh(config.ssh()).run(accessory("mysql").execInExistingContainer("mysql -u root", Interactive.TTY), accessory("mysql").firstHost()).toString());
    }

    @Test
    void logsKeepKamalsDoubleSpaces() {
        assertEquals("docker logs app-mysql  --since 5m  --tail 100 --timestamps 2>&1 | grep 'thing' -C 2",
                accessory("mysql").logs(true, Optional.of("5m"), Optional.of(100), Optional.of("thing"), Optional.of("-C 2")).toString());
        assertEquals("docker logs app-mysql --timestamps 2>&1", accessory("mysql").logs(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).toString());
    }

    @Test
    void followLogsGoToTheFirstHost() {
        assertEquals("ssh -t root@1.1.1.5 -p 22 'docker logs app-mysql --timestamps --tail 10 --follow 2>&1'",
                accessory("mysql").followLogs(new InteractiveSsh(config.ssh()), true, Optional.empty(), Optional.empty()).toString());
        assertEquals("ssh -t root@1.1.1.5 -p 22 'docker logs app-mysql --timestamps --tail 10 --follow 2>&1 | grep \"thing\"'",
                accessory("mysql").followLogs(new InteractiveSsh(config.ssh()), true, Optional.of("thing"), Optional.empty()).toString());
    }

    @Test
    void followLogsOverAnExistingConnectionAreTheRemotePartAlone() {
        assertEquals("docker logs app-mysql --timestamps --tail 10 --follow 2>&1 | grep \"thing\" -C 2",
                accessory("mysql").followLogs(true, Optional.of("thing"), Optional.of("-C 2")).toString());
        assertEquals("docker logs app-mysql --tail 10 --follow 2>&1", accessory("mysql").followLogs(false, Optional.empty(), Optional.empty()).toString());
    }

    @Test
    void removalAlsoDeletesTheSecretsEnvFile() {
        assertEquals("rm -f .kamal/apps/app/env/accessories/mysql.env", accessory("mysql").removeEnvFile().toString());
    }

    @Test
    void lifecycleCommands() {
        AccessoryCommands mysql = accessory("mysql");
        assertEquals("docker container start app-mysql", mysql.start().toString());
        assertEquals("docker container stop app-mysql", mysql.stop().toString());
        assertEquals("docker ps --filter label=service=app-mysql", mysql.info(false, false).toString());
        assertEquals("docker ps -a -q --filter label=service=app-mysql", mysql.info(true, true).toString());
        assertEquals("docker image pull private.registry/mysql:8.0", mysql.pullImage().toString());
        assertEquals("docker container prune --force --filter label=service=app-mysql", mysql.removeContainer().toString());
        assertEquals("docker image rm --force private.registry/mysql:8.0", mysql.removeImage().toString());
        assertEquals("rm -rf app-mysql", mysql.removeServiceDirectory().toString());
        assertEquals("mkdir -p .kamal/apps/app/env/accessories", mysql.ensureEnvDirectory().toString());
        assertEquals(".kamal/apps/app/env/accessories/mysql.env", mysql.envFilePath());
    }

    @Test
    void directoriesAreCreatedUnderTheServiceDirectoryWithModeAndOwner() {
        assertEquals(List.of("mkdir -p $PWD/app-mysql/data", "mkdir -p /srv/backups", "chmod 0700 /srv/backups", "chown 999 /srv/backups"),
                accessory("mysql").directories().stream().map(Object::toString).toList());
    }

    @Test
    void filesAreUploadedUnderTheServiceDirectory() {
        List<FileUpload> files = accessory("mysql").files();
        assertEquals("config/mysql/my.cnf", files.get(0).local());
        assertEquals("app-mysql/etc/mysql/my.cnf", files.get(0).remotePath());
        assertEquals("mkdir -p app-mysql/etc/mysql", files.get(0).makeDirectory().toString());
        assertEquals("chmod 755 app-mysql/etc/mysql/my.cnf", files.get(0).chmod().toString());
        assertEquals(Optional.empty(), files.get(0).chown());
        assertEquals("chmod 0644 app-mysql/docker-entrypoint-initdb.d/init.sql", files.get(1).chmod().toString());
        assertEquals("chown 999:999 app-mysql/docker-entrypoint-initdb.d/init.sql", files.get(1).chown().orElseThrow().toString());
    }

    @Test
    void proxiedAccessoryDeploysUnderItsServiceName() {
        AccessoryCommands busybox = accessory("busybox");
        assertEquals("docker container ls --filter 'name=^custom-busybox$' --quiet", busybox.runningContainerId().toString());
        assertEquals("docker exec kamal-proxy kamal-proxy deploy custom-busybox --target=\"172.1.0.2:80\" --host=\"busybox.example.com\" --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" --log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"",
                busybox.deployToProxy("172.1.0.2", "999").toString());
        assertEquals("docker exec kamal-proxy kamal-proxy remove custom-busybox", busybox.removeFromProxy().toString());
        assertThrows(IllegalStateException.class, () -> accessory("mysql").deployToProxy("x", "1"));
    }

    @Test
    void runExactlyAsKamalsAccessoryTest() {
        Configuration kamal = Fixtures.load("accessories_kamal");
        AccessoryCommands mysql = new AccessoryCommands(kamal, kamal.accessory("mysql").orElseThrow());
        assertEquals("docker run --name app-mysql --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --publish 3306:3306 --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --label service=\"app-mysql\" --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0",
                mysql.run(Optional.empty()).toString());
        assertEquals("docker run --rm --network kamal --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --cpus \"4\" --memory \"2GB\" private.registry/mysql:8.0 mysql -u root",
                mysql.execInNewContainer("mysql -u root", Interactive.NONE).toString());
    }

    @Test
    void runExactlyAsKamalsCliBootWithFilesAndDirectories() {
        Configuration cli = Fixtures.load("accessories_cli");
        AccessoryCommands mysql = new AccessoryCommands(cli, cli.accessory("mysql").orElseThrow());
        assertEquals("docker run --name app-mysql --detach --restart unless-stopped --network kamal --log-opt max-size=\"10m\" --publish 3306:3306 --env KAMAL_HOST=\"1.1.1.3\" --env MYSQL_ROOT_HOST=\"%\" --env-file .kamal/apps/app/env/accessories/mysql.env --volume $PWD/app-mysql/etc/mysql/my.cnf:/etc/mysql/my.cnf --volume $PWD/app-mysql/data:/var/lib/mysql --label service=\"app-mysql\" private.registry/mysql:5.7",
                mysql.run(Optional.of("1.1.1.3")).toString());
    }
}
