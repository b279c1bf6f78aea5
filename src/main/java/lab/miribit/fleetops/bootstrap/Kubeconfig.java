package lab.miribit.fleetops.bootstrap;

import java.net.URI;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The parts of a kubeconfig's current context that reach a cluster once: server, CA, and one embedded
 * credential. Refuses what fleet-ops must not or cannot use: plain http, skipped TLS verification, files on
 * someone's disk, exec plugins (they would run programs here). {@link #toString()} shows no credential.
 */
record Kubeconfig(String server, String caData, String token, String clientCertData, String clientKeyData, String username,
        String password) {

    private static final int MAX_LENGTH = 256 * 1024;

    static Kubeconfig parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FleetProblem.InvalidInput("kubeconfig is required (the YAML of `kubectl config view --flatten --minify`)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new FleetProblem.InvalidInput("kubeconfig is larger than " + MAX_LENGTH / 1024 + " KiB");
        }
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(text);
        } catch (RuntimeException e) {
            throw new FleetProblem.InvalidInput("kubeconfig is not a valid kubeconfig YAML");
        }
        if (config == null || config.getContexts() == null || config.getContexts().isEmpty()) {
            throw new FleetProblem.InvalidInput("kubeconfig has no context");
        }
        String contextName = config.getCurrentContext() != null ? config.getCurrentContext()
                : config.getContexts().get(0).getName();
        Context context = config.getContexts().stream().filter(c -> contextName.equals(c.getName())).findFirst()
                .map(NamedContext::getContext).orElseThrow(() -> new FleetProblem.InvalidInput(
                        "kubeconfig's current-context " + contextName + " is not one of its contexts"));
        io.fabric8.kubernetes.api.model.Cluster cluster = config.getClusters() == null ? null : config.getClusters().stream()
                .filter(c -> c.getName().equals(context.getCluster())).findFirst().map(NamedCluster::getCluster).orElse(null);
        if (cluster == null || cluster.getServer() == null) {
            throw new FleetProblem.InvalidInput("kubeconfig's context " + contextName + " names no cluster with a server");
        }
        URI server;
        try {
            server = URI.create(cluster.getServer().trim());
        } catch (IllegalArgumentException e) {
            throw new FleetProblem.InvalidInput("the cluster's server is not a URL");
        }
        if (!"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new FleetProblem.InvalidInput("the cluster's server must be an https:// URL, not " + server.getScheme() + "://");
        }
        if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
            throw new FleetProblem.InvalidInput("the kubeconfig skips TLS verification; give one with certificate-authority-data,"
                    + " so that Argo CD verifies the cluster");
        }
        if (cluster.getCertificateAuthority() != null) {
            throw new FleetProblem.InvalidInput("the kubeconfig refers to a CA file; flatten it first (kubectl config view --flatten --minify)");
        }
        AuthInfo user = config.getUsers() == null ? null : config.getUsers().stream()
                .filter(u -> u.getName().equals(context.getUser())).findFirst().map(NamedAuthInfo::getUser).orElse(null);
        if (user == null) {
            throw new FleetProblem.InvalidInput("kubeconfig's context " + contextName + " names no user");
        }
        if (user.getExec() != null || user.getAuthProvider() != null) {
            throw new FleetProblem.InvalidInput("the kubeconfig's user authenticates through a plugin (exec or auth-provider),"
                    + " which fleet-ops does not run; give one with a token or an embedded client certificate");
        }
        if (user.getClientCertificate() != null || user.getClientKey() != null || user.getTokenFile() != null) {
            throw new FleetProblem.InvalidInput("the kubeconfig refers to credential files; flatten it first (kubectl config view --flatten --minify)");
        }
        boolean token = blankToNull(user.getToken()) != null;
        boolean certificate = blankToNull(user.getClientCertificateData()) != null && blankToNull(user.getClientKeyData()) != null;
        boolean basic = blankToNull(user.getUsername()) != null && blankToNull(user.getPassword()) != null;
        if (!token && !certificate && !basic) {
            throw new FleetProblem.InvalidInput("the kubeconfig's user has no usable credentials (a token, an embedded client"
                    + " certificate and key, or a user name and password)");
        }
        String root = server.toString().replaceAll("/+$", "");
        return new Kubeconfig(root, blankToNull(cluster.getCertificateAuthorityData()), blankToNull(user.getToken()),
                blankToNull(user.getClientCertificateData()), blankToNull(user.getClientKeyData()), blankToNull(user.getUsername()),
                blankToNull(user.getPassword()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "Kubeconfig[server=" + server + "]";
    }
}
