package lab.miribit.fleetops.api;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * JAX-RS makes a relative {@code Location} absolute with the request's {@code Host} header, which the client
 * chooses: a forged Host would send the next request elsewhere. The Location names fleet-ops' configured public URL
 * ({@code fleet.public-url}), or stays a path when none is configured.
 */
class LocationHeader {

    private final Optional<URI> publicUrl;

    // fleet.public-url belongs to the fleet's configuration (FleetConfig); the API reads the one value it needs.
    LocationHeader(@ConfigProperty(name = "fleet.public-url") Optional<URI> publicUrl) {
        this.publicUrl = publicUrl;
    }

    @ServerResponseFilter
    void fromThePublicUrl(ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI uri = URI.create(location.toString());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String base = publicUrl.map(URI::toString).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElse("");
        response.getHeaders().putSingle(HttpHeaders.LOCATION, base + path);
    }
}
