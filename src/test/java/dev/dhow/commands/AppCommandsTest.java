package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.commands.AppCommands.Interactive;
import dev.dhow.commands.AppCommands.LogOptions;
import dev.dhow.config.Configuration;
import dev.dhow.core.Cmd;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppCommandsTest {
    static final String CURRENT_ID = "sh -c 'docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting' | head -1";

    AppCommands web() {
        return Fixtures.app(Fixtures.load("app"), "web", "1.1.1.1");
    }

    AppCommands webStaging() {
        return Fixtures.app(Fixtures.load("app", "staging"), "web", "1.1.1.1");
    }

    @Test
    void runStartsTheContainerWithKamalsFlagsInKamalsOrder() {
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                web().run("999", Optional.empty()).toString());
    }

    @Test
    void runWithDestinationAddsTheDestinationEverywhere() {
        assertEquals("docker run --detach --restart unless-stopped --name app-web-staging-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-staging-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env KAMAL_DESTINATION=\"staging\" --env-file .kamal/apps/app-staging/env/roles/web.env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\"web\" --label destination=\"staging\" dhh/app:999",
                webStaging().run("999", Optional.empty()).toString());
    }

    @Test
    void runWithHostnamePutsItAfterTheNetwork() {
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --hostname myhost --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                web().run("999", Optional.of("myhost")).toString());
    }

    @Test
    void runWithCustomOptionsAppendsOptionsAndTheRoleCmd() {
        AppCommands jobs = Fixtures.app(Fixtures.load("app_custom_options"), "jobs", "1.1.1.2");
        assertEquals("docker run --detach --restart on-failure --name app-jobs-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-jobs-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.2\" --env-file .kamal/apps/app/env/roles/jobs.env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\"jobs\" --label destination --mount \"somewhere\" --cap-add dhh/app:999 bin/jobs",
                jobs.run("999", Optional.empty()).toString());
    }

    @Test
    void runWithLoggingConfigUsesTheDriverAndOptions() {
        AppCommands app = Fixtures.app(Fixtures.load("app_logging"), "web", "1.1.1.1");
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env-file .kamal/apps/app/env/roles/web.env --log-driver \"local\" --log-opt max-size=\"100m\" --log-opt max-file=\"3\" --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                app.run("999", Optional.empty()).toString());
    }

    @Test
    void runWithVolumesMountsThemBeforeTheLabels() {
        AppCommands app = Fixtures.app(Fixtures.load("app_volumes"), "web", "1.1.1.1");
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" --volume /local/path:/container/path --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                app.run("999", Optional.empty()).toString());
    }

    @Test
    void runWithHostTagsAddsTheTagEnv() {
        AppCommands app = Fixtures.app(Fixtures.load("app_tags"), "web", "1.1.1.1");
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env ENV1=\"value1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                app.run("999", Optional.empty()).toString());
    }

    @Test
    void runWithAssetPathMountsTheVersionsAssetVolume() {
        AppCommands app = Fixtures.app(Fixtures.load("app_assets"), "web", "1.1.1.1");
        assertEquals("docker run --detach --restart unless-stopped --name app-web-999 --network kamal --env KAMAL_CONTAINER_NAME=\"app-web-999\" --env KAMAL_VERSION=\"999\" --env KAMAL_HOST=\"1.1.1.1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" --volume $PWD/.kamal/apps/app/assets/volumes/web-999:/public/assets --label service=\"app\" --label role=\"web\" --label destination dhh/app:999",
                app.run("999", Optional.empty()).toString());
    }

    @Test
    void hostnameIsTheHostCutTo51CharactersPlusTheHexSuffix() {
        AppCommands app = Fixtures.app(Fixtures.load("app"), "web", "a".repeat(50) + ".example.com");
        assertEquals("a".repeat(50) + "-0123456789ab", app.hostnameFor("0123456789ab"));
        assertEquals("1.1.1.1-0123456789ab", web().hostnameFor("0123456789ab"));
        assertThrows(IllegalArgumentException.class, () -> web().hostnameFor("xyz"));
    }

    @Test
    void startStartsTheVersionsContainer() {
        assertEquals("docker start app-web-999", web().start("999").toString());
        assertEquals("docker start app-web-staging-999", webStaging().start("999").toString());
    }

    @Test
    void stopStopsTheCurrentContainerWithoutTimeoutForProxyRoles() {
        assertEquals(CURRENT_ID + " | xargs docker stop", web().stop().toString());
    }

    @Test
    void stopUsesTheDrainTimeoutForRolesWithoutProxy() {
        AppCommands workers = Fixtures.app(Fixtures.load("app_stop_timeouts"), "workers", "1.1.1.2");
        assertEquals("sh -c 'docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=workers --filter status=running --filter status=restarting --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=workers --filter status=running --filter status=restarting' | head -1 | xargs docker stop -t 20",
                workers.stop().toString());
        assertEquals(CURRENT_ID + " | xargs docker stop", Fixtures.app(Fixtures.load("app_stop_timeouts"), "web", "1.1.1.1").stop().toString());
    }

    @Test
    void stopUsesTheRoleStopTimeout() {
        AppCommands jobs = Fixtures.app(Fixtures.load("app_stop_timeouts"), "jobs", "1.1.1.3");
        assertEquals("docker container ls --all --filter 'name=^app-jobs-123$' --quiet | xargs docker stop -t 60", jobs.stop("123").toString());
    }

    @Test
    void stopWithVersionStopsThatContainer() {
        assertEquals("docker container ls --all --filter 'name=^app-web-123$' --quiet | xargs docker stop", web().stop("123").toString());
    }

    @Test
    void statusReadsTheHealthOrStateOfTheVersion() {
        assertEquals("docker container ls --all --filter 'name=^app-web-999$' --quiet | xargs docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}'",
                web().status("999").toString());
        assertEquals("docker container ls --all --filter 'name=^app-web-999$' --quiet | xargs docker inspect --format '{{json .State.Health}}'",
                web().containerHealthLog("999").toString());
    }

    @Test
    void infoListsTheRolesContainers() {
        assertEquals("docker ps --filter label=service=app --filter label=destination= --filter label=role=web", web().info().toString());
        assertEquals("docker ps --filter label=service=app --filter label=destination=staging --filter label=role=web", webStaging().info().toString());
    }

    @Test
    void deployRegistersTheContainerWithKamalProxy() {
        assertEquals("docker exec kamal-proxy kamal-proxy deploy app-web --target=\"172.1.0.2:80\" --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" --log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"",
                web().deployToProxy("172.1.0.2", "999").toString());
    }

    @Test
    void deployWithSslTargetingMultipleHosts() {
        AppCommands app = Fixtures.app(Fixtures.load("app_proxy_ssl_hosts"), "web", "1.1.1.1");
        assertEquals("docker exec kamal-proxy kamal-proxy deploy app-web --target=\"172.1.0.2:80\" --host=\"example.com\" --host=\"anotherexample.com\" --tls --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --buffer-requests --buffer-responses --log-request-header=\"Cache-Control\" --log-request-header=\"Last-Modified\" --log-request-header=\"User-Agent\"",
                app.deployToProxy("172.1.0.2", "999").toString());
    }

    @Test
    void deployPassesEveryProxyFlagInKamalsOrder() {
        AppCommands app = Fixtures.app(Fixtures.load("app_proxy_everything", "staging"), "web", "1.1.1.1");
        assertEquals("docker exec kamal-proxy kamal-proxy deploy app-web-staging --target=\"abc123:3000\" --host=\"a.example.com\" --host=\"b.example.com\" --tls --deploy-timeout=\"30s\" --drain-timeout=\"30s\" --health-check-interval=\"3s\" --health-check-timeout=\"2s\" --health-check-path=\"/health\" --target-timeout=\"10s\" --buffer-requests --buffer-responses=\"false\" --buffer-memory=\"2000000\" --max-request-body=\"40000000\" --path-prefix=\"/\" --path-prefix=\"/api\" --strip-path-prefix=\"false\" --forward-headers --tls-redirect=\"false\" --log-request-header=\"X-Req\" --log-response-header=\"X-Request-ID\" --error-pages=\"/home/kamal-proxy/.apps-config/app-staging/error_pages/999\"",
                app.deployToProxy("abc123", "999").toString());
    }

    @Test
    void removeLiveAndMaintenanceTalkToKamalProxy() {
        assertEquals("docker exec kamal-proxy kamal-proxy remove app-web", web().removeFromProxy().toString());
        assertEquals("docker exec kamal-proxy kamal-proxy resume app-web", web().live().toString());
        assertEquals("docker exec kamal-proxy kamal-proxy stop app-web", web().maintenance(Optional.empty(), Optional.empty()).toString());
        assertEquals("docker exec kamal-proxy kamal-proxy stop app-web --drain-timeout=\"10s\" --message=\"Hi\"",
                web().maintenance(Optional.of(10), Optional.of("Hi")).toString());
    }

    @Test
    void proxyCommandsRefuseRolesWithoutTheProxy() {
        AppCommands workers = Fixtures.app(Fixtures.load("app"), "workers", "1.1.1.2");
        assertThrows(IllegalStateException.class, () -> workers.deployToProxy("x", "1"));
    }

    @Test
    void logsPipeTheCurrentContainerIntoDockerLogs() {
        assertEquals(CURRENT_ID + " | xargs docker logs --timestamps 2>&1", web().logs(LogOptions.DEFAULT).toString());
    }

    @Test
    void logsWithContainerIdSinceLinesAndGrep() {
        assertEquals("sh -c 'echo C137' | xargs docker logs --timestamps 2>&1",
                web().logs(new LogOptions(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("C137"))).toString());
        assertEquals(CURRENT_ID + " | xargs docker logs --timestamps --since 5m --tail 100 2>&1",
                web().logs(new LogOptions(true, Optional.of("5m"), Optional.of(100), Optional.empty(), Optional.empty(), Optional.empty())).toString());
        assertEquals(CURRENT_ID + " | xargs docker logs --timestamps 2>&1 | grep 'my-id' -C 2",
                web().logs(new LogOptions(true, Optional.empty(), Optional.empty(), Optional.of("my-id"), Optional.of("-C 2"), Optional.empty())).toString());
    }

    @Test
    void followLogsRunsOverInteractiveSsh() {
        Configuration config = Fixtures.load("app");
        AppCommands app = new AppCommands(config, Fixtures.role(config, "web"), "app-1");
        InteractiveSsh ssh = new InteractiveSsh(config.ssh());
        assertEquals("ssh -t root@app-1 -p 22 'sh -c '\\''echo ID321'\\'' | xargs docker logs --timestamps --follow 2>&1'",
                app.followLogs(ssh, new LogOptions(true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ID321"))).toString());
        assertEquals("ssh -t root@app-1 -p 22 'sh -c '\\''docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''\\'\\'''\\''{{.ID}}'\\''\\'\\'''\\'') ; docker ps --latest --quiet --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting'\\'' | head -1 | xargs docker logs --tail 123 --follow 2>&1 | grep \"Completed\"'",
                app.followLogs(ssh, new LogOptions(false, Optional.empty(), Optional.of(123), Optional.of("Completed"), Optional.empty(), Optional.empty())).toString());
    }

    @Test
    void followLogsOverAnExistingConnectionAreTheRemotePartAlone() {
        Configuration config = Fixtures.load("app");
        AppCommands app = new AppCommands(config, Fixtures.role(config, "web"), "app-1");
        assertEquals("sh -c 'echo ID321' | xargs docker logs --timestamps --tail 10 --follow 2>&1 | grep \"GET\" -i",
                app.followLogs(new LogOptions(true, Optional.empty(), Optional.of(10), Optional.of("GET"), Optional.of("-i"), Optional.of("ID321"))).toString());
    }

    @Test
    void interactiveSshHonoursUserPortJumpHostKeysAndConfig() {
        Configuration config = Fixtures.load("app_volumes");
        assertEquals("ssh -F /dev/null -J root@2.2.2.2 -i path_to_key.pem -o IdentitiesOnly=yes -t app@1.1.1.1 -p 2222 'ls'",
                new InteractiveSsh(config.ssh()).run("ls", "1.1.1.1").toString());
    }

    @Test
    void execInNewContainerUsesTheExecNameEnvLoggingAndOptions() {
        assertEquals("docker run --rm --name app-web-exec-999-a1b2c3 --network kamal --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" dhh/app:999 bin/rails db:setup",
                web().execInNewContainer("999", "a1b2c3", "bin/rails db:setup", Map.of(), Interactive.NONE, false).toString());
        assertEquals("docker run --detach --name app-web-exec-999-a1b2c3 --network kamal --env-file .kamal/apps/app/env/roles/web.env --env foo=\"bar\" --log-opt max-size=\"10m\" dhh/app:999 bin/rails db:setup",
                web().execInNewContainer("999", "a1b2c3", "bin/rails db:setup", Map.of("foo", "bar"), Interactive.NONE, true).toString());
    }

    @Test
    void execInNewContainerLeavesOutTheRestartPolicy() {
        AppCommands jobs = Fixtures.app(Fixtures.load("app_custom_options"), "jobs", "1.1.1.2");
        assertEquals("docker run -it --rm --name app-jobs-exec-999-000000 --network kamal --env-file .kamal/apps/app/env/roles/jobs.env --log-opt max-size=\"10m\" --mount \"somewhere\" --cap-add dhh/app:999 bin/rails c",
                jobs.execInNewContainer("999", "000000", "bin/rails c", Map.of(), Interactive.TTY, false).toString());
    }

    @Test
    void execInExistingContainerUsesDockerExec() {
        assertEquals("docker exec app-web-999 bin/rails db:setup",
                web().execInExistingContainer("999", "bin/rails db:setup", Map.of(), Interactive.NONE).toString());
        assertEquals("docker exec --env foo=\"bar\" app-web-999 bin/rails db:setup",
                web().execInExistingContainer("999", "bin/rails db:setup", Map.of("foo", "bar"), Interactive.NONE).toString());
        assertEquals("docker exec -i app-web-999 bin/rails c",
                web().execInExistingContainer("999", "bin/rails c", Map.of(), Interactive.STDIN).toString());
    }

    @Test
    void execOverSshWrapsTheDockerCommand() {
        Configuration config = Fixtures.load("app_tags");
        AppCommands app = Fixtures.app(config, "web", "1.1.1.1");
        assertEquals("ssh -t root@1.1.1.1 -p 22 'docker run -it --rm --name app-web-exec-999-abcdef --network kamal --env ENV1=\"value1\" --env-file .kamal/apps/app/env/roles/web.env --log-opt max-size=\"10m\" dhh/app:999 bin/rails c'",
                new InteractiveSsh(config.ssh()).run(app.execInNewContainer("999", "abcdef", "bin/rails c", Map.of(), Interactive.TTY, false), "1.1.1.1").toString());
    }

    @Test
    void currentRunningContainerIdPrefersTheLatestImage() {
        assertEquals(CURRENT_ID, web().currentRunningContainerId().toString());
        assertEquals("sh -c 'docker ps --latest --quiet --filter label=service=app --filter label=destination=staging --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker image ls --filter reference=dhh/app:latest-staging --format '\\''{{.ID}}'\\'') ; docker ps --latest --quiet --filter label=service=app --filter label=destination=staging --filter label=role=web --filter status=running --filter status=restarting' | head -1",
                webStaging().currentRunningContainerId().toString());
    }

    @Test
    void currentRunningVersionStripsThePrefixFromTheName() {
        assertEquals("sh -c 'docker ps --latest --format '\\''{{.Names}}'\\'' --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting --filter ancestor=$(docker image ls --filter reference=dhh/app:latest --format '\\''{{.ID}}'\\'') ; docker ps --latest --format '\\''{{.Names}}'\\'' --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting' | head -1 | while read line; do echo ${line#app-web-}; done",
                web().currentRunningVersion().toString());
    }

    @Test
    void containerIdForVersionMatchesTheExactName() {
        assertEquals("docker container ls --all --filter 'name=^app-web-999$' --quiet", web().containerIdForVersion("999").toString());
        assertEquals("docker container ls --filter 'name=^app-web-999$' --quiet", web().runningContainerIdForVersion("999").toString());
    }

    @Test
    void listVersionsAllAndRunning() {
        assertEquals("docker ps --filter label=service=app --filter label=destination= --filter label=role=web --format \"{{.Names}}\" | while read line; do echo ${line#app-web-}; done",
                web().listVersions().toString());
        assertEquals("docker ps --filter label=service=app --filter label=destination= --filter label=role=web --filter status=running --filter status=restarting --latest --format \"{{.Names}}\" | while read line; do echo ${line#app-web-}; done",
                web().listRunningVersions().toString());
    }

    @Test
    void containerListingAndRemoval() {
        assertEquals("docker container ls --all --filter label=service=app --filter label=destination= --filter label=role=web", web().listContainers().toString());
        assertEquals("docker container ls --all --filter label=service=app --filter label=destination= --filter label=role=web --format '{{ .Names }}'", web().listContainerNames().toString());
        assertEquals("docker container ls --all --filter 'name=^app-web-staging-999$' --quiet | xargs docker container rm", webStaging().removeContainer("999").toString());
        assertEquals("docker container prune --force --filter label=service=app --filter label=destination=staging --filter label=role=web", webStaging().removeContainers().toString());
        assertEquals("docker image ls dhh/app", web().listImages().toString());
        assertEquals("docker image prune --all --force --filter label=service=app", webStaging().removeImages().toString());
    }

    @Test
    void renameMovesTheOldContainerAsideWithTheGivenSuffix() {
        assertEquals("docker rename app-web-999 app-web-999_replaced_0123456789abcdef", web().renameToReplaced("999", "0123456789abcdef").toString());
        assertThrows(IllegalArgumentException.class, () -> web().renameToReplaced("999", "short"));
    }

    @Test
    void tagLatestImageUsesTheDestinationTag() {
        assertEquals("docker tag dhh/app:999 dhh/app:latest", web().tagLatestImage("999").toString());
        assertEquals("docker tag dhh/app:999 dhh/app:latest-staging", webStaging().tagLatestImage("999").toString());
    }

    @Test
    void theBootWritesTheEnvFileFromStandardInputAndRunsInOneCommand() {
        Cmd boot = web().writeEnvFileAndRun("999", Optional.empty(), new dev.dhow.core.Sensitive("SECRET=1\n"));
        assertEquals("mkdir -p .kamal/apps/app/env/roles && ( umask 077 && cat > .kamal/apps/app/env/roles/web.env.dhow-upload"
                + " && chmod 0600 .kamal/apps/app/env/roles/web.env.dhow-upload && mv -f .kamal/apps/app/env/roles/web.env.dhow-upload"
                + " .kamal/apps/app/env/roles/web.env ) && " + web().run("999", Optional.empty()), boot.toString());
        assertEquals("SECRET=1\n", boot.stdin().orElseThrow().value());
        assertFalse(boot.redacted().contains("SECRET"), "the env file's content never appears in the command line");
    }

    @Test
    void theBootAsksItsThreeQuestionsInOneCommandAndReadsTheAnswerBySection() {
        assertEquals(web().listVersions() + " ; echo '# current' ; " + web().currentRunningVersion() + " ; echo '# existing' ; "
                + web().containerIdForVersion("999"), web().bootSurvey("999").toString());
        BootSurvey survey = BootSurvey.parse("998\n999\n997\n# current\n998\n# existing\n0123456789ab\n");
        assertEquals(List.of("998", "999", "997"), survey.running());
        assertEquals("998", survey.current());
        assertTrue(survey.existing());
        assertEquals(List.of("999", "997"), survey.stale());
        assertEquals("998", survey.currentAfterRenaming("999", "999_replaced_x"), "renaming another version's container changes nothing");
        BootSurvey served = BootSurvey.parse("999\n# current\n999\n# existing\nabc\n");
        assertEquals("999_replaced_x", served.currentAfterRenaming("999", "999_replaced_x"), "the served container keeps serving, renamed");
        BootSurvey empty = BootSurvey.parse("# current\n# existing\n");
        assertEquals(new BootSurvey(List.of(), "", false), empty);
        assertEquals(empty, BootSurvey.parse(""), "a dry run's empty answer means nothing is there");
    }

    @Test
    void directoriesOfTheApp() {
        assertEquals("mkdir -p .kamal/apps/app/env/roles", web().ensureEnvDirectory().toString());
        assertEquals(".kamal/apps/app-staging/env/roles/web.env", webStaging().envFilePath());
        assertEquals("rm -r .kamal/apps/app", web().removeAppDirectory().toString());
        assertEquals("rm -r .kamal/proxy/apps-config/app", web().removeProxyAppDirectory().toString());
        assertEquals("mkdir -p .kamal/proxy/apps-config/app/tls/web", web().createSslDirectory().toString());
        assertEquals(".kamal/proxy/apps-config/app/tls/web/cert.pem", web().hostTlsCertificatePath());
    }

    @Test
    void errorPagesDirectoriesAndCleanup() {
        assertEquals("mkdir -p .kamal/proxy/apps-config/app-staging/error_pages", webStaging().createErrorPagesDirectory().toString());
        assertEquals(".kamal/proxy/apps-config/app/error_pages/999", web().errorPagesDirectory("999"));
        assertEquals("find .kamal/proxy/apps-config/app/error_pages -mindepth 1 -maxdepth 1 ! -name 999 -exec rm -rf {} +", web().cleanUpErrorPages("999").toString());
    }

    @Test
    void extractAssetsCopiesThemOutOfTheImage() {
        AppCommands app = Fixtures.app(Fixtures.load("app_assets"), "web", "1.1.1.1");
        assertEquals("mkdir -p .kamal/apps/app/assets/extracted/web-999 && docker container rm app-web-assets 2> /dev/null || true && docker container create --name app-web-assets dhh/app:999 && docker container cp -L app-web-assets:/public/assets/. .kamal/apps/app/assets/extracted/web-999 && docker container rm app-web-assets",
                app.extractAssets("999").toString());
    }

    @Test
    void syncAssetVolumesMergesOldAndNew() {
        AppCommands app = Fixtures.app(Fixtures.load("app_assets"), "web", "1.1.1.1");
        assertEquals("mkdir -p .kamal/apps/app/assets/volumes/web-999 ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-999",
                app.syncAssetVolumes("999", Optional.empty()).toString());
        assertEquals("mkdir -p .kamal/apps/app/assets/volumes/web-999 ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-999 ; cp -rnT .kamal/apps/app/assets/extracted/web-999 .kamal/apps/app/assets/volumes/web-998 || true ; cp -rnT .kamal/apps/app/assets/extracted/web-998 .kamal/apps/app/assets/volumes/web-999 || true",
                app.syncAssetVolumes("999", Optional.of("998")).toString());
    }

    @Test
    void cleanUpAssetsKeepsOnlyTheCurrentVersion() {
        AppCommands app = Fixtures.app(Fixtures.load("app_assets"), "web", "1.1.1.1");
        assertEquals("find .kamal/apps/app/assets/extracted -maxdepth 1 -name 'web-*' ! -name web-999 -exec rm -rf \"{}\" + ; find .kamal/apps/app/assets/volumes -maxdepth 1 -name 'web-*' ! -name web-999 -exec rm -rf \"{}\" +",
                app.cleanUpAssets("999").toString());
    }

    @Test
    void staleVersionsAreTheListedOnesExceptTheCurrent() {
        assertEquals(java.util.List.of("998", "997"), AppCommands.staleVersions("999\n998\n997\n", "999\n"));
        assertEquals(java.util.List.of("999"), AppCommands.staleVersions("999\n", ""));
    }

    @Test
    void logsForVersionTailsTheNamedContainer() {
        assertEquals("docker container ls --all --filter 'name=^app-web-999$' --quiet | xargs docker logs --timestamps --tail 50 2>&1",
                web().logsForVersion("999", 50).toString());
    }

    @Test
    void listServiceContainersShowsEveryRole() {
        assertEquals("docker container ls --all --filter label=service=app --filter label=destination=", web().listServiceContainers().toString());
        assertEquals("docker container ls --all --filter label=service=app --filter label=destination=staging", webStaging().listServiceContainers().toString());
    }
}
