package lab.miribit.fleetops.api;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Points the document's OIDC scheme at the identity provider's discovery document, so a client (or the Swagger UI)
 * learns where to get a token. The provider is configured at run time, after the document was built.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenIdConnectDiscovery implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class).ifPresent(provider -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null) {
                return;
            }
            var scheme = openApi.getComponents().getSecuritySchemes().get("oidc");
            if (scheme != null) {
                scheme.setOpenIdConnectUrl((provider.endsWith("/") ? provider : provider + "/") + ".well-known/openid-configuration");
            }
        });
    }
}
