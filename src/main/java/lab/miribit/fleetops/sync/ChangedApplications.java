package lab.miribit.fleetops.sync;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.problem.FleetProblem;

/** Which applications a Git change affects: same repository (normalised) and a source path containing a changed path. */
@ApplicationScoped
public class ChangedApplications {

    private static final int MAX_PATHS = 10_000;

    private final ApplicationCache cache;

    ChangedApplications(ApplicationCache cache) {
        this.cache = cache;
    }

    /** The applications whose source is {@code repoURL} at a path containing one of {@code changedPaths}. */
    public List<String> affectedBy(String repoURL, List<String> changedPaths) {
        String repository = normalizeRepository(repoURL);
        return affected(repository::equals, changedPaths);
    }

    /**
     * The same for a repository named by its GitLab project path ({@code group/project}), whatever host and scheme
     * the applications reach it by (Argo CD may use the in-cluster service, users the external name).
     */
    public List<String> affectedInProject(String projectPath, List<String> changedPaths) {
        String suffix = "/" + normalizePath(projectPath).toLowerCase(Locale.ROOT);
        return affected(repository -> repository.toLowerCase(Locale.ROOT).endsWith(suffix), changedPaths);
    }

    /** Every application whose source is {@code repoURL}, for a change whose paths are not all known. */
    public List<String> fromRepository(String repoURL) {
        String repository = normalizeRepository(repoURL);
        cache.requireSynced();
        return cache.list().stream().filter(app -> sourcesOf(app).stream()
                .anyMatch(source -> repository.equals(normalizeRepositoryQuietly(source.repoURL()))))
                .map(app -> app.getMetadata().getName()).toList();
    }

    private List<String> affected(java.util.function.Predicate<String> sameRepository, List<String> changedPaths) {
        if (changedPaths == null || changedPaths.isEmpty() || changedPaths.size() > MAX_PATHS) {
            throw new FleetProblem.InvalidInput("changedPaths must list between 1 and " + MAX_PATHS + " paths");
        }
        cache.requireSynced();
        List<String> paths = changedPaths.stream().map(ChangedApplications::normalizePath).toList();
        List<String> affected = new ArrayList<>();
        for (Application app : cache.list()) {
            List<Application.Source> sources = sourcesOf(app);
            boolean touched = sources.stream().anyMatch(source -> source.repoURL() != null
                    && sameRepository.test(String.valueOf(normalizeRepositoryQuietly(source.repoURL())))
                    && paths.stream().anyMatch(changed -> provides(source, sources, changed)));
            if (touched) {
                affected.add(app.getMetadata().getName());
            }
        }
        return affected;
    }

    private static List<Application.Source> sourcesOf(Application app) {
        if (app.getSpec() == null) {
            return List.of();
        }
        List<Application.Source> sources = new ArrayList<>();
        if (app.getSpec().source() != null) {
            sources.add(app.getSpec().source());
        }
        if (app.getSpec().sources() != null) {
            sources.addAll(app.getSpec().sources());
        }
        return sources;
    }

    /**
     * Whether {@code changed} is part of what {@code source} gives its application: below its path; for a source
     * that only lends files to the others ({@code ref: values}, used as {@code $values/...} in helm value files),
     * one of those files; for a source with neither, anything in the repository.
     */
    private static boolean provides(Application.Source source, List<Application.Source> sources, String changed) {
        if (source.path() == null && source.ref() != null) {
            String prefix = "$" + source.ref() + "/";
            return sources.stream().filter(other -> other.helm() != null && other.helm().valueFiles() != null)
                    .flatMap(other -> other.helm().valueFiles().stream())
                    .filter(file -> file.startsWith(prefix))
                    .anyMatch(file -> contains(normalizePath(file.substring(prefix.length())), changed));
        }
        return contains(normalizePath(source.path()), changed);
    }

    /** An application path contains a changed file when the file lies at or below it; "" is the repository root. */
    private static boolean contains(String appPath, String changed) {
        return appPath.isEmpty() || changed.equals(appPath) || changed.startsWith(appPath + "/");
    }

    /** {@code https://GitLab.example/group/repo.git/} and {@code git@gitlab.example:group/repo} are the same repository. */
    static String normalizeRepository(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new FleetProblem.InvalidInput("repoURL is required (the GitOps repository's clone URL)");
        }
        String trimmed = url.trim();
        String hostAndPath;
        if (trimmed.contains("://")) {
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new FleetProblem.InvalidInput("repoURL is not a valid URL");
            }
            if (uri.getHost() == null) {
                throw new FleetProblem.InvalidInput("repoURL has no host");
            }
            hostAndPath = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPath() == null ? "" : uri.getPath());
        } else if (trimmed.matches("[^@/]+@[^:/]+:.+")) {
            String afterAt = trimmed.substring(trimmed.indexOf('@') + 1);
            int colon = afterAt.indexOf(':');
            hostAndPath = afterAt.substring(0, colon).toLowerCase(Locale.ROOT) + "/" + afterAt.substring(colon + 1);
        } else {
            throw new FleetProblem.InvalidInput("repoURL must be an http(s), ssh or scp-style Git URL");
        }
        while (hostAndPath.endsWith("/")) {
            hostAndPath = hostAndPath.substring(0, hostAndPath.length() - 1);
        }
        if (hostAndPath.endsWith(".git")) {
            hostAndPath = hostAndPath.substring(0, hostAndPath.length() - 4);
        }
        return hostAndPath;
    }

    private static String normalizeRepositoryQuietly(String url) {
        if (url == null) {
            return null;
        }
        try {
            return normalizeRepository(url);
        } catch (FleetProblem unusable) {
            return null;
        }
    }

    private static String normalizePath(String path) {
        if (path == null) {
            return "";
        }
        String p = path.trim();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }
}
