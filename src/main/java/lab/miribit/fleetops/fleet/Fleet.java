package lab.miribit.fleetops.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The registry of the fleet's clusters: the central cluster plus one cluster per Argo CD cluster Secret
 * ({@code argocd.argoproj.io/secret-type: cluster}) in the Argo CD namespace, kept current by an informer.
 */
@ApplicationScoped
public class Fleet {

    static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    private static final Logger LOG = Logger.getLogger(Fleet.class);

    private final KubernetesClient central;
    private final FleetConfig config;
    // Argo CD's Secret is read as Argo CD (Go's encoding/json) reads it: a repeated key's last value wins. The service's
    // own mapper is strict, for request bodies.
    private static final ObjectMapper ARGO_CD_JSON = new ObjectMapper();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Registration> registrations;
    private volatile Map<String, Cluster> byServer;
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
    private SharedIndexInformer<Secret> informer;

    /** A cluster with what fleet-ops needs to reach it; credentials are null when the Secret's config is unusable. */
    record Registration(Cluster cluster, ClusterCredentials credentials, String credentialsProblem, String secretVersion) {
    }

    /** What each Secret, by name and resource version, was read as (empty: ignored); only {@link #rebuild} uses it. */
    private Map<String, Optional<Registration>> bySecretVersion = Map.of();

    Fleet(KubernetesClient central, FleetConfig config) {
        this.central = central;
        this.config = config;
        this.registrations = Map.of(config.central().name(), centralWithoutSecret());
        this.byServer = Map.of(stripSlash(config.central().server()), registrations.get(config.central().name()).cluster());
    }

    void start(@Observes StartupEvent event) {
        informer = central.secrets().inNamespace(config.argocd().namespace())
                .withLabel(SECRET_TYPE_LABEL, "cluster")
                .runnableInformer(0);
        // Keep retrying while the central API is down: readiness reports it, and the informer recovers by itself.
        informer.exceptionHandler((started, failure) -> {
            LOG.debugf("cluster Secret informer: %s", failure.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                rebuild();
            }

            @Override
            public void onUpdate(Secret before, Secret after) {
                rebuild();
            }

            @Override
            public void onDelete(Secret secret, boolean finalStateUnknown) {
                rebuild();
            }
        });
        informer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    /** Every cluster, the central one first, then by name. */
    public List<Cluster> clusters() {
        List<Cluster> all = new ArrayList<>();
        for (Registration r : registrations.values()) {
            all.add(r.cluster());
        }
        all.sort(Comparator.comparing((Cluster c) -> c.role() != ClusterRole.CENTRAL).thenComparing(Cluster::name));
        return all;
    }

    public Optional<Cluster> find(String name) {
        return Optional.ofNullable(registrations.get(name)).map(Registration::cluster);
    }

    public Cluster require(String name) {
        return find(name).orElseThrow(() -> new FleetProblem.NotFound("cluster '" + name + "' is not part of the fleet",
                FleetProblem.Reason.of("cluster-not-found", name)));
    }

    /** The cluster an Argo CD destination points at: by name first, as Argo CD resolves it, else by server URL. */
    public Optional<Cluster> forDestination(String server, String name) {
        if (name != null && !name.isEmpty()) {
            if ("in-cluster".equals(name)) {
                return find(config.central().name());
            }
            return find(name);
        }
        if (server == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byServer.get(stripSlash(server)));
    }

    /** Whether the cluster Secrets have been listed at least once. */
    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    /** Increases with every change of the cluster set, so that views derived from it know when to recompute. */
    public long version() {
        return version.get();
    }

    /** Called after every change of the cluster set (a Secret added, changed or removed). */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    Registration registration(String name) {
        Registration r = registrations.get(name);
        if (r == null) {
            throw new FleetProblem.NotFound("cluster '" + name + "' is not part of the fleet",
                    FleetProblem.Reason.of("cluster-not-found", name));
        }
        return r;
    }

    /**
     * Called once per Secret event — a thousand times for the initial list of a thousand clusters — so a Secret is parsed
     * again only when its resource version changed; the others keep the registration read before.
     */
    private synchronized void rebuild() {
        Map<String, Registration> next = new LinkedHashMap<>();
        next.put(config.central().name(), centralWithoutSecret());
        Map<String, Optional<Registration>> read = new java.util.HashMap<>();
        for (Secret secret : informer.getStore().list()) {
            String key = secret.getMetadata().getName() + "@" + secret.getMetadata().getResourceVersion();
            Optional<Registration> known = bySecretVersion.get(key);
            Optional<Registration> r = known != null ? known : Optional.ofNullable(fromSecret(secret));
            read.put(key, r);
            r.ifPresent(registration -> next.put(registration.cluster().name(), registration));
        }
        bySecretVersion = read;
        Map<String, Cluster> servers = new java.util.HashMap<>();
        next.values().forEach(r -> servers.putIfAbsent(stripSlash(r.cluster().server()), r.cluster()));
        byServer = Map.copyOf(servers);
        registrations = Map.copyOf(next);
        version.incrementAndGet();
        changeListeners.forEach(Runnable::run);
    }

    private Registration centralWithoutSecret() {
        return new Registration(new Cluster(config.central().name(), config.central().server(), ClusterRole.CENTRAL, null),
                null, null, null);
    }

    private Registration fromSecret(Secret secret) {
        String secretName = secret.getMetadata().getName();
        String server = decoded(secret, "server");
        if (server == null || server.isBlank()) {
            LOG.warnf("cluster Secret %s has no 'server'; ignored", secretName);
            return null;
        }
        String name = Optional.ofNullable(decoded(secret, "name")).filter(n -> !n.isBlank()).orElse(server);
        boolean inCluster = stripSlash(server).equals(stripSlash(config.central().server()));
        if (inCluster || name.equals(config.central().name())) {
            // Argo CD lets a Secret rename the in-cluster destination; it stays the central cluster, reached in-cluster.
            return new Registration(new Cluster(config.central().name(), config.central().server(), ClusterRole.CENTRAL,
                    secretName), null, null, secret.getMetadata().getResourceVersion());
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        ClusterRole role = ClusterRole.fromLabel(labels == null ? null : labels.get(config.clusters().roleLabel()));
        Cluster cluster = new Cluster(name, server, role, secretName);
        String rawConfig = decoded(secret, "config");
        ClusterCredentials credentials = null;
        String problem = null;
        if (rawConfig == null || rawConfig.isBlank()) {
            problem = "cluster Secret " + secretName + " has no 'config'";
        } else {
            try {
                credentials = ARGO_CD_JSON.readValue(rawConfig, ClusterCredentials.class);
            } catch (Exception e) {
                // The parser's message may quote the config, which holds credentials: never pass it on.
                problem = "cluster Secret " + secretName + " has a 'config' that is not valid JSON";
            }
            // Argo CD runs a program for these (types.go RawRestConfig: argocd-k8s-auth, or the exec plugin named);
            // fleet-ops runs no programs from a Secret, so it says which kind of credential it cannot use.
            if (credentials != null && credentials.execProviderConfig() != null) {
                problem = "credentials fleet-ops cannot use (exec provider): cluster Secret " + secretName
                        + " runs a program for its credentials";
                credentials = null;
            } else if (credentials != null && credentials.awsAuthConfig() != null) {
                problem = "credentials fleet-ops cannot use (AWS IAM authentication): cluster Secret " + secretName
                        + " has Argo CD run argocd-k8s-auth aws for its credentials";
                credentials = null;
            }
        }
        return new Registration(cluster, credentials, problem, secret.getMetadata().getResourceVersion());
    }

    private static String decoded(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            try {
                return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return secret.getStringData() == null ? null : secret.getStringData().get(key);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
