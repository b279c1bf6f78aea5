package lab.miribit.fleetops.testing;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Real signed JWTs from the test OIDC server's key, as an identity provider would issue them. */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "fleet-ops";

    private Tokens() {
    }

    /** A bearer token for {@code user} in the given groups. */
    public static String bearer(String user, String... groups) {
        return Jwt.preferredUserName(user).groups(Set.of(groups)).issuer(ISSUER).audience(AUDIENCE).sign();
    }

    public static String viewer() {
        return bearer("victor", "fleet-viewer");
    }

    public static String operator() {
        return bearer("olivia", "fleet-operator");
    }

    public static String admin() {
        return bearer("ada", "fleet-admin");
    }

    public static String ci() {
        return bearer("observability/thanos-multi-cluster", "fleet-ci");
    }
}
