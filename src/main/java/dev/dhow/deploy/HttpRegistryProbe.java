package dev.dhow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhow.config.Registry;
import dev.dhow.config.SecretSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a registry, from this machine and without pulling, whether it holds an image tag: {@code HEAD
 * /v2/<name>/manifests/<tag>} of the Docker registry API, with the token or basic authentication the registry asks
 * for. Like Docker, it speaks plain HTTP only to registries on a loopback address.
 */
public final class HttpRegistryProbe implements RegistryProbe {
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final String DOCKER_HUB = "registry-1.docker.io";
    private static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Answer exists(Registry registry, String image, String tag, SecretSource secrets) {
        String server = registry.server().orElse(DOCKER_HUB);
        String name = registry.server().isEmpty() && !image.contains("/") ? "library/" + image : image;
        try {
            URL url = URI.create(scheme(server) + "://" + server + "/v2/" + name + "/manifests/" + tag).toURL();
            Optional<String> user = registry.username().flatMap(c -> c.resolve(secrets));
            Optional<String> password = registry.password().flatMap(c -> c.resolve(secrets));
            Optional<String> basic = user.isPresent() && password.isPresent()
                    ? Optional.of("Basic " + Base64.getEncoder().encodeToString((user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8)))
                    : Optional.empty();
            HttpURLConnection response = head(url, Optional.empty());
            int status = response.getResponseCode();
            if (status == 401) {
                String challenge = Optional.ofNullable(response.getHeaderField("WWW-Authenticate")).orElse("");
                Optional<String> auth = challenge.regionMatches(true, 0, "Bearer", 0, 6) ? token(challenge, basic) : basic;
                if (auth.isPresent()) status = head(url, auth).getResponseCode();
            }
            return switch (status) {
                case 200 -> new Answer(Optional.of(true), "in the registry");
                case 404 -> new Answer(Optional.of(false), "not in the registry yet");
                case 401, 403 -> new Answer(Optional.empty(), "registry not checked: it refused the credentials (HTTP " + status + ")");
                default -> new Answer(Optional.empty(), "registry not checked: HTTP " + status);
            };
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(Optional.empty(), "registry not checked: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static HttpURLConnection head(URL url, Optional<String> authorization) throws IOException {
        HttpURLConnection c = open(url, authorization);
        c.setRequestMethod("HEAD");
        c.setRequestProperty("Accept", ACCEPT);
        c.getResponseCode();
        return c;
    }

    /** The bearer token the challenge's realm hands out (for the credentials, when there are any). */
    private static Optional<String> token(String challenge, Optional<String> basic) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) params.put(m.group(1), m.group(2));
        String realm = params.remove("realm");
        if (realm == null) return Optional.empty();
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpURLConnection c = open(URI.create(realm + query).toURL(), basic);
        if (c.getResponseCode() != 200) return Optional.empty();
        JsonNode body;
        try (InputStream in = c.getInputStream()) {
            body = JSON.readTree(in);
        }
        String token = body.path("token").asText(body.path("access_token").asText(""));
        return token.isEmpty() ? Optional.empty() : Optional.of("Bearer " + token);
    }

    private static HttpURLConnection open(URL url, Optional<String> authorization) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        c.setUseCaches(false);
        authorization.ifPresent(a -> c.setRequestProperty("Authorization", a));
        return c;
    }

    /** Docker's rule: registries on loopback addresses are reached over plain HTTP, every other one over HTTPS. */
    private static String scheme(String server) {
        String host = server.startsWith("[") ? server.substring(1, server.indexOf(']')) : server.split(":")[0];
        if (host.equals("localhost")) return "http";
        if (!host.matches("[0-9.]+") && !host.contains(":")) return "https";
        try {
            return InetAddress.getByName(host).isLoopbackAddress() ? "http" : "https";
        } catch (IOException e) {
            return "https";
        }
    }
}
