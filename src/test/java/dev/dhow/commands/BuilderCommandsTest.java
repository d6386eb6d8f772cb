package dev.dhow.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dhow.commands.BuilderCommands.Target;
import dev.dhow.core.Cmd;
import dev.dhow.core.DhowException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuilderCommandsTest {
    BuilderCommands builder(String scenario) {
        return new BuilderCommands(Fixtures.load(scenario), "amd64");
    }

    @Test
    void localBuildWithGhaCache() {
        BuilderCommands b = builder("builder_gha");
        assertEquals(Target.LOCAL, b.target());
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container -t dhh/app:123 -t dhh/app:latest --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1",
                b.push("123", "registry", false, false).toString());
    }

    @Test
    void hybridBuildWhenARemoteIsSetAndBuildingMultiarch() {
        BuilderCommands b = builder("builder_hybrid");
        assertEquals("hybrid", b.targetName());
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64 --builder kamal-hybrid-docker-container-ssh---app-127-0-0-1 -t dhh/app:123 -t dhh/app:latest --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1",
                b.push("123", "registry", false, false).toString());
        assertFalse(b.loginToRegistryLocally());
        assertEquals(Map.of("BUILDKIT_NO_CLIENT_TOKEN", "1"), b.pushEnv());
    }

    @Test
    void remoteBuildWhenLocalIsDisabled() {
        BuilderCommands b = builder("builder_remote_only");
        assertEquals(Target.REMOTE, b.target());
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64 --builder kamal-remote-ssh---app-127-0-0-1 -t dhh/app:123 -t dhh/app:latest --cache-to type=gha --cache-from type=gha --label service=\"app\" --file Dockerfile . 2>&1",
                b.push("123", "registry", false, false).toString());
    }

    @Test
    void aConfiguredRemoteIsIgnoredWhenTheArchIsLocal() {
        assertEquals(Target.LOCAL, new BuilderCommands(Fixtures.load("builder_remote"), "arm64").target());
        assertEquals(Target.REMOTE, builder("builder_remote").target());
    }

    @Test
    void packBuildWithArgsAndSecretsFromTheEnvironment() {
        BuilderCommands b = builder("builder_pack");
        assertEquals(Target.PACK, b.target());
        assertEquals("pack build dhh/app --platform linux/amd64 --creation-time now --builder heroku/builder:24 --buildpack heroku/ruby --buildpack heroku/procfile --buildpack paketo-buildpacks/image-labels -t dhh/app:123 -t dhh/app:latest --env BP_IMAGE_LABELS=service=app --env a=\"1\" --env b=\"2\" --env token_a --env token_b --path . && docker push dhh/app:123 && docker push dhh/app:latest",
                b.push("123", "registry", false, false).toString());
        assertEquals("pack build dhh/app --platform linux/amd64 --creation-time now --builder heroku/builder:24 --buildpack heroku/ruby --buildpack heroku/procfile --buildpack paketo-buildpacks/image-labels -t dhh/app:123-dirty -t dhh/app:latest-dirty --clear-cache --env BP_IMAGE_LABELS=service=app --env a=\"1\" --env b=\"2\" --env token_a --env token_b --path .",
                b.push("123", "docker", true, true).toString());
        assertEquals(List.of("token_a", "token_b"), b.secretEnvNames());
        assertEquals("pack builder inspect heroku/builder:24", b.inspectBuilder().orElseThrow().toString());
        assertEquals(Optional.empty(), b.create());
    }

    @Test
    void cloudBuilderIsNamedAfterTheDriver() {
        BuilderCommands b = builder("builder_cloud");
        assertEquals(Target.CLOUD, b.target());
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64 --builder cloud-docker-org-name-builder-name -t dhh/app:123 -t dhh/app:latest --label service=\"app\" --file Dockerfile . 2>&1",
                b.push("123", "registry", false, false).toString());
        assertEquals("docker buildx create --driver cloud docker-org-name/builder-name", b.create().orElseThrow().toString());
        assertEquals("docker buildx rm cloud-docker-org-name-builder-name", b.remove().orElseThrow().toString());
    }

    @Test
    void validateImageChecksTheServiceLabel() {
        assertEquals("{ docker inspect -f '{{ .Config.Labels.service }}' dhh/app:123 | grep -x app || (echo \"Image dhh/app:123 is missing the 'service' label\" && exit 1); }",
                builder("builder_gha").validateImage("123").toString());
    }

    /** Runs {@code docker pull … && <label check>} in sh, with a docker function standing in for the engine. */
    static String[] runPullAndCheck(BuilderCommands b, String dockerFunction) throws Exception {
        Cmd pullAndCheck = Cmd.and(b.pull("123"), b.validateImage("123"));
        Process p = new ProcessBuilder("sh", "-c", "docker() { " + dockerFunction + " }; " + pullAndCheck.shellLine()).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new String[] {String.valueOf(p.waitFor()), out, err};
    }

    @Test
    void aFailedPullFailsWithThePullsOwnErrorNotAMissingLabel() throws Exception {
        String[] r = runPullAndCheck(builder("builder_gha"),
                "if [ \"$1\" = pull ]; then echo 'Error response from daemon: manifest unknown' >&2; return 1; fi;");
        assertEquals(List.of("1", "", "Error response from daemon: manifest unknown\n"), List.of(r));
    }

    @Test
    void aPulledImageWithoutTheServiceLabelIsRefused() throws Exception {
        String[] r = runPullAndCheck(builder("builder_gha"), "if [ \"$1\" = inspect ]; then echo other; fi;");
        assertEquals(List.of("1", "Image dhh/app:123 is missing the 'service' label\n", ""), List.of(r));
    }

    @Test
    void aPulledImageWithTheServiceLabelPasses() throws Exception {
        String[] r = runPullAndCheck(builder("builder_gha"), "if [ \"$1\" = inspect ]; then echo app; fi;");
        assertEquals(List.of("0", "app\n", ""), List.of(r));
    }

    @Test
    void hybridBuilderWithLocalRegistryCreate() {
        BuilderCommands b = builder("builder_local_registry_hybrid");
        assertEquals("docker buildx create --platform linux/amd64 --name kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry --driver=docker-container --driver-opt network=host && docker context create kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry-context --description 'kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry host' --docker 'host=ssh://app@1.1.1.5' && docker buildx create --platform linux/arm64 --append --name kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry --driver-opt network=host kamal-hybrid-docker-container-ssh---app-1-1-1-5-local-registry-context",
                b.create().orElseThrow().toString());
    }

    @Test
    void remoteBuilderInspectAndPushWithExportedEnv() {
        BuilderCommands b = builder("builder_remote");
        assertEquals("docker buildx inspect kamal-remote-ssh---app-1-1-1-5 | grep -q Endpoint:.*kamal-remote-ssh---app-1-1-1-5-context && docker context inspect kamal-remote-ssh---app-1-1-1-5-context --format '{{.Endpoints.docker.Host}}' | grep -xq ssh://app@1.1.1.5 || (echo no compatible builder && exit 1)",
                b.inspectBuilder().orElseThrow().toString());
        assertEquals("( export BUILDKIT_NO_CLIENT_TOKEN=\"1\" ; docker buildx build --output=type=registry --platform linux/arm64 --builder kamal-remote-ssh---app-1-1-1-5 -t dhh/app:999 -t dhh/app:latest --label service=\"app\" --file Dockerfile . 2>&1 )",
                BuilderCommands.withEnv(b.pushEnv(), b.push("999", "registry", false, false)).toString());
    }

    @Test
    void remoteBuilderCreateRemoveAndInfo() {
        BuilderCommands b = builder("builder_remote");
        assertEquals("docker context create kamal-remote-ssh---app-1-1-1-5-context --description 'kamal-remote-ssh---app-1-1-1-5 host' --docker 'host=ssh://app@1.1.1.5' ; docker buildx create --name kamal-remote-ssh---app-1-1-1-5 kamal-remote-ssh---app-1-1-1-5-context",
                b.create().orElseThrow().toString());
        assertEquals("docker context rm kamal-remote-ssh---app-1-1-1-5-context ; docker buildx rm kamal-remote-ssh---app-1-1-1-5", b.remove().orElseThrow().toString());
        assertEquals("docker context ls ; docker buildx ls", b.info().toString());
    }

    @Test
    void localBuilderManagement() {
        BuilderCommands b = builder("builder_gha");
        assertEquals("docker buildx create --name kamal-local-docker-container --driver=docker-container", b.create().orElseThrow().toString());
        assertEquals("docker buildx rm kamal-local-docker-container", b.remove().orElseThrow().toString());
        assertEquals("docker buildx inspect kamal-local-docker-container", b.inspectBuilder().orElseThrow().toString());
        assertEquals("docker context ls && docker buildx ls", b.info().toString());
        assertTrue(b.loginToRegistryLocally());
        assertEquals(Map.of(), b.pushEnv());
    }

    @Test
    void dockerDriverNeedsNoBuilder() {
        BuilderCommands b = builder("builder_docker_driver");
        assertEquals(Optional.empty(), b.create());
        assertEquals(Optional.empty(), b.remove());
        assertEquals(Optional.empty(), b.inspectBuilder());
        assertEquals("docker buildx build --output=type=docker --platform linux/amd64 -t dhh/app:123-dirty -t dhh/app:latest-dirty --label service=\"app\" --file Dockerfile . 2>&1",
                b.push("123", "docker", true, false).toString());
    }

    @Test
    void everyBuildOptionInKamalsOrder() {
        Cmd push = builder("builder_everything").push("123", "registry", false, true);
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64 --builder kamal-local-docker-container -t dhh/app:123 -t dhh/app:latest --cache-to type=registry,ref=app-cache,mode=max --cache-from type=registry,ref=app-cache --label service=\"app\" --build-arg [REDACTED] --secret id=\"GITHUB_TOKEN\" --file Dockerfile.xyz --target production --ssh default=$SSH_AUTH_SOCK --provenance mode=max --sbom true --no-cache ./app 2>&1",
                push.toString());
        assertTrue(push.shellLine().contains(" --build-arg RUBY_VERSION=3.3.0 --secret id=\"GITHUB_TOKEN\" "), push.shellLine());
    }

    @Test
    void ghaCacheFromKeepsOnlyTheConnectionOptions() {
        assertEquals("docker buildx build --output=type=registry --platform linux/amd64,linux/arm64 --builder kamal-local-docker-container -t dhh/app:123 -t dhh/app:latest --cache-to type=gha,url=http://cache,mode=max,scope=app --cache-from type=gha,url=http://cache,scope=app --label service=\"app\" --file Dockerfile . 2>&1",
                builder("builder_multiarch").push("123", "registry", false, false).toString());
    }

    @Test
    void classicBuildForEnginesWithoutBuildx() {
        BuilderCommands b = builder("builder_everything");
        assertEquals("docker build -t dhh/app:123 -t dhh/app:latest --label service=\"app\" --build-arg [REDACTED] --secret id=\"GITHUB_TOKEN\" --file Dockerfile.xyz --target production --ssh default=$SSH_AUTH_SOCK ./app",
                b.classicBuild("123", false).toString());
        assertEquals("docker build -t dhh/app:123 -t dhh/app:latest --label service=\"app\" --file Dockerfile --no-cache .",
                builder("builder_gha").classicBuild("123", true).toString());
        assertEquals("docker push dhh/app:123 && docker push dhh/app:latest", b.pushImages("123").toString());
    }

    @Test
    void classicBuildRefusesOtherArchitectures() {
        DhowException e = assertThrows(DhowException.class, () -> builder("builder_multiarch").classicBuild("123", false));
        assertEquals("builder/arch: amd64, arm64 needs docker buildx; without it only the local architecture (amd64) can be built", e.getMessage());
        assertFalse(new BuilderCommands(Fixtures.load("builder_gha"), "arm64").classicBuildPossible());
    }

    @Test
    void presenceChecks() {
        BuilderCommands b = builder("builder_gha");
        assertEquals("docker --version && docker buildx version", b.ensureDockerInstalled().toString());
        assertEquals("docker buildx version", b.buildxVersion().toString());
        assertEquals("docker info --format '{{.Architecture}}'", BuilderCommands.dockerArchitecture().toString());
        assertEquals("arm64", BuilderCommands.normaliseArch("aarch64\n"));
        assertEquals("amd64", BuilderCommands.normaliseArch("x86_64"));
    }

    @Test
    void hostSidePullCommands() {
        BuilderCommands b = builder("builder_gha");
        assertEquals("docker image rm --force dhh/app:123", b.clean("123").toString());
        assertEquals("docker pull dhh/app:123", b.pull("123").toString());
        assertEquals("docker info --format '{{index .RegistryConfig.Mirrors 0}}'", b.firstMirror().toString());
        assertEquals("docker login -u u --password-stdin && { docker info --format '{{index .RegistryConfig.Mirrors 0}}' 2> /dev/null || true; }",
                b.loginAndFirstMirror(dev.dhow.core.Cmd.of("docker", "login", "-u", "u", "--password-stdin")).toString());
        assertEquals("https://mirror.example.com", BuilderCommands.mirrorIn("Login Succeeded\nhttps://mirror.example.com\n"));
        assertEquals("", BuilderCommands.mirrorIn("Login Succeeded\n"), "no mirror");
        assertEquals("", BuilderCommands.mirrorIn("<no value>\n"));
    }

    @Test
    void gitCloneCommands() {
        String clone = GitCloneCommands.cloneDirectory("/tmp/", "app", "/home/me/src/app");
        assertTrue(clone.matches("/tmp/kamal-clones/app-[0-9a-f]{13}"), clone);
        String build = GitCloneCommands.buildDirectory(clone, "/home/me/src", "/home/me/src/app");
        assertEquals(clone + "/src/app", build);
        GitCloneCommands git = new GitCloneCommands("/tmp/kamal-clones/app-0123456789abc", "/tmp/kamal-clones/app-0123456789abc/my app", "/home/me/my app");
        assertEquals("mkdir -p /tmp/kamal-clones/app-0123456789abc", git.makeCloneDirectory().toString());
        assertEquals("git -C /tmp/kamal-clones/app-0123456789abc clone '/home/me/my app' --recurse-submodules", git.cloneRepository().toString());
        assertEquals(List.of(
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' remote set-url origin '/home/me/my app'",
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' fetch origin",
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' reset --hard abc123",
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' clean -fdx",
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' submodule update --init",
                "git -C '/tmp/kamal-clones/app-0123456789abc/my app' gc --auto --quiet"),
                git.resetSteps("abc123").stream().map(Object::toString).toList());
        assertEquals("git -C '/tmp/kamal-clones/app-0123456789abc/my app' status --porcelain", git.status().toString());
        assertEquals("git -C '/tmp/kamal-clones/app-0123456789abc/my app' rev-parse HEAD", git.revision().toString());
        assertEquals("rm -rf /tmp/kamal-clones/app-0123456789abc", git.removeClone().toString());
    }

    @Test
    void buildArgsWithSpacesAreQuotedForTheShellAndRedactedInLogs() {
        Cmd push = new BuilderCommands(Fixtures.load("builder_args_spaces"), "amd64").push("1", "registry", false, false);
        assertTrue(push.shellLine().contains(" --build-arg 'GREETING=hello world' "), push.shellLine());
        assertFalse(push.toString().contains("hello"));
    }
}
