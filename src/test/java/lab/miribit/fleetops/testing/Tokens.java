package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.build.Jwt;

/** Real signed JWTs from the test OIDC server's key, as an identity provider would issue them. */
public final class Tokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "fleet-ops";

    private Tokens() {
    }

    /**
     * A bearer token for {@code user} in the given groups; its subject is {@link #subjectOf(String) user's id}. Signing
     * costs more than most requests, so a token is reused for a minute (it is valid for five).
     */
    public static String bearer(String user, String... groups) {
        String key = user + "|" + String.join(",", new java.util.TreeSet<>(Set.of(groups)));
        Signed cached = SIGNED.get(key);
        if (cached != null && cached.at().isAfter(java.time.Instant.now().minusSeconds(60))) {
            return cached.token();
        }
        String token = Jwt.subject(subjectOf(user)).preferredUserName(user).groups(Set.of(groups)).issuer(ISSUER).audience(AUDIENCE).sign();
        SIGNED.put(key, new Signed(token, java.time.Instant.now()));
        return token;
    }

    private record Signed(String token, java.time.Instant at) {
    }

    private static final java.util.Map<String, Signed> SIGNED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The subject an identity provider would give {@code user}: an opaque id of its own, not the login name. */
    public static String subjectOf(String user) {
        return UUID.nameUUIDFromBytes(("fleet-ops-test-idp:" + user).getBytes(StandardCharsets.UTF_8)).toString();
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

    /**
     * Lets tests outside a Quarkus test sign tokens: the OIDC test server, which sets up the signing key when it
     * runs, does not run for them.
     */
    public static void signWithoutTheOidcServer() {
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
    }

    /**
     * What a started fleet-ops process needs to verify these tokens without an OIDC server: the issuer and the
     * public half of the signing key, in the X.509 form {@code quarkus.oidc.public-key} takes.
     */
    public static Map<String, String> verifierConfig() {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream("publicKey.jwk")) {
            if (in == null) {
                throw new IllegalStateException("publicKey.jwk (quarkus-test-oidc-server) is not on the test classpath");
            }
            JsonNode jwk = new ObjectMapper().readTree(in);
            Base64.Decoder url = Base64.getUrlDecoder();
            RSAPublicKeySpec spec = new RSAPublicKeySpec(new BigInteger(1, url.decode(jwk.get("n").asText())),
                    new BigInteger(1, url.decode(jwk.get("e").asText())));
            String publicKey = Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded());
            return Map.of("quarkus.oidc.public-key", publicKey, "quarkus.oidc.token.issuer", ISSUER);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the test issuer's public key", e);
        }
    }

    public static String ci() {
        return bearer("observability/thanos-multi-cluster", "fleet-ci");
    }
}
