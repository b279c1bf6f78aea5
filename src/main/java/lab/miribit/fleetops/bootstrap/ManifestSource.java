package lab.miribit.fleetops.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Fetches install manifests that are not fleet-ops' own (Argo CD's): from a pinned release URL, a mirror, or
 * a file for air-gapped sites; {@code classpath:} names one the build carries (the demo's stand-in, which keeps the
 * demo on loopback). Size-capped, redirects followed only to https, nothing vendored.
 */
@ApplicationScoped
class ManifestSource {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    String fetch(String location, long limitBytes) {
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location.substring(10))) {
                    if (in == null) {
                        throw new FleetProblem.InvalidInput("manifest source " + location + " is not in this build");
                    }
                    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limitBytes + 1));
                    if (bytes.length > limitBytes) {
                        throw tooLarge(location, limitBytes);
                    }
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            }
            if (location.startsWith("file:")) {
                Path path = Path.of(URI.create(location));
                if (Files.size(path) > limitBytes) {
                    throw tooLarge(location, limitBytes);
                }
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            URI uri = URI.create(location);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new FleetProblem.InvalidInput("manifest source " + location + " must be an http(s) URL, a file: path or a classpath: name");
            }
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FleetProblem.Unavailable("manifest source " + location + " answered " + response.statusCode(), 60);
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limitBytes + 1));
                if (bytes.length > limitBytes) {
                    throw tooLarge(location, limitBytes);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FleetProblem.Unavailable("cannot read the manifests from " + location + " (" + e.getClass().getSimpleName() + ")", 60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetProblem.Unavailable("interrupted while reading the manifests from " + location, 60);
        }
    }

    private static FleetProblem tooLarge(String location, long limitBytes) {
        return new FleetProblem.InvalidInput("the manifests at " + location + " are larger than " + limitBytes
                + " bytes (fleet.bootstrap.argocd.manifests-limit)");
    }
}
