package lab.miribit.fleetops.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.fabric8.kubernetes.api.model.Secret;

/** One value of a Secret as text: from {@code data} (base64), or from {@code stringData} of a Secret not yet stored. */
final class SecretValue {

    private SecretValue() {
    }

    /** The value under {@code key}, or null when the Secret or the key is missing. */
    static String of(Secret secret, String key) {
        if (secret == null) {
            return null;
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        return secret.getStringData() == null ? null : secret.getStringData().get(key);
    }
}
