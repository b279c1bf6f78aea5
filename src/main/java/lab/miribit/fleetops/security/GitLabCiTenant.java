package lab.miribit.fleetops.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import lab.miribit.fleetops.gitlab.GitLabConfig;

/**
 * A second OIDC tenant for GitLab CI jobs' {@code id_tokens}: a bearer token whose (not yet verified) issuer is
 * the configured GitLab URL is verified against GitLab's JWKS (found through its discovery document), with
 * GitLab as issuer and {@code fleet.gitlab.ci.audience} as audience. Every other token goes to the default
 * tenant, the people's identity provider. Reading the issuer before verification only picks the verifier.
 */
@ApplicationScoped
class GitLabCiTenant implements TenantConfigResolver {

    static final String TENANT = "gitlab-ci";

    private final GitLabConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final Optional<OidcTenantConfig> tenant;

    GitLabCiTenant(GitLabConfig config) {
        this.config = config;
        this.tenant = issuer().map(issuer -> OidcTenantConfig.builder().tenantId(TENANT).authServerUrl(issuer)
                .applicationType(ApplicationType.SERVICE)
                .token().issuer(issuer).audience(config.ci().audience()).end()
                .build());
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (tenant.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String issuer = unverifiedIssuer(context.request().getHeader("Authorization"));
        return issuer != null && issuer.equals(tenant.get().token().issuer().orElse(null))
                ? Uni.createFrom().item(tenant.get()) : Uni.createFrom().nullItem();
    }

    /** GitLab's {@code iss}: its URL without a trailing slash. */
    Optional<String> issuer() {
        if (!config.ci().enabled()) {
            return Optional.empty();
        }
        return config.url().map(URI::toString).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    private String unverifiedIssuer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length < 2 || parts[1].length() > 16_384) {
            return null;
        }
        try {
            JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode issuer = claims.path("iss");
            return issuer.isTextual() ? issuer.asText() : null;
        } catch (IllegalArgumentException | java.io.IOException notAJwt) {
            return null;
        }
    }
}
