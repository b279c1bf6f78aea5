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

    /**
     * The applications a push concerns, chosen as Argo CD's own webhook chooses them (util/webhook/webhook.go at
     * v3.1.8): a source of the pushed repository whose {@code targetRevision} is the pushed branch or tag (empty or
     * {@code HEAD}: the default branch; {@code refs/heads/} and {@code refs/tags/} prefixes aside), and, when the
     * application has {@code argocd.argoproj.io/manifest-generate-paths}, a changed file under one of those paths
     * (util/app/path/path.go); without the annotation, or when the push did not list its files, every such app.
     *
     * @param changedPaths null when the payload did not list every changed file
     */
    public List<String> trackingPush(String repoURL, String pushed, String defaultBranch, List<String> changedPaths) {
        String repository = normalizeRepository(repoURL);
        if (changedPaths != null && changedPaths.size() > MAX_PATHS) {
            throw new FleetProblem.InvalidInput("a push may list at most " + MAX_PATHS + " changed paths");
        }
        cache.requireSynced();
        boolean touchedHead = pushed != null && pushed.equals(defaultBranch);
        List<String> affected = new ArrayList<>();
        for (Application app : cache.list()) {
            List<String> refreshPaths = refreshPaths(app);
            boolean tracks = app.sources().stream().anyMatch(source -> repository.equals(normalizeRepositoryQuietly(source.repoURL()))
                    && revisionTracks(source.targetRevision(), pushed, touchedHead));
            if (tracks && (changedPaths == null || refreshPaths.isEmpty() || filesChanged(refreshPaths, changedPaths))) {
                affected.add(app.getMetadata().getName());
            }
        }
        return affected;
    }

    /** webhook.go sourceRevisionHasChanged (semantic-version constraints aside, which fleet-ops does not evaluate). */
    static boolean revisionTracks(String targetRevision, String pushed, boolean touchedHead) {
        String target = targetRevision == null ? "" : targetRevision;
        String[] parts = target.split("/", 3);
        String parsed = parts[parts.length - 1];
        if (parsed.isEmpty() || parsed.equals("HEAD")) {
            return touchedHead;
        }
        if (target.startsWith("refs/heads/") || target.startsWith("refs/tags/")) {
            return parsed.equals(pushed);
        }
        return target.equals(pushed);
    }

    /**
     * path.go GetAppRefreshPaths: the annotation's ';'-separated items, an absolute one from the repository root,
     * a relative one against the path of every source of the application.
     */
    static List<String> refreshPaths(Application app) {
        String annotation = app.getMetadata().getAnnotations() == null ? null
                : app.getMetadata().getAnnotations().get(Application.MANIFEST_GENERATE_PATHS_ANNOTATION);
        List<String> paths = new ArrayList<>();
        if (annotation == null || annotation.isEmpty()) {
            return paths;
        }
        for (String item : annotation.split(";")) {
            if (item.isEmpty()) {
                continue;
            }
            if (item.startsWith("/")) {
                paths.add(item.substring(1));
            } else {
                for (Application.Source source : app.sources()) {
                    paths.add(cleanPath((source.path() == null ? "" : source.path()) + "/" + item));
                }
            }
        }
        return paths;
    }

    /**
     * path.go AppFilesHaveChanged: a changed file is a refresh path, lies in a directory at or below one, or matches
     * one as a glob ({@code *} within one path segment).
     */
    static boolean filesChanged(List<String> refreshPaths, List<String> changedFiles) {
        for (String file : changedFiles) {
            String f = "/" + normalizePath(file);
            String directory = f.lastIndexOf('/') <= 0 ? "/" : f.substring(0, f.lastIndexOf('/'));
            for (String path : refreshPaths) {
                String p = "/" + normalizePath(path);
                if (f.equals(p) || p.equals("/") || directory.equals(p) || (directory + "/").startsWith(p + "/") || glob(p, f)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Go's filepath.Match: '*' and '?' within one path segment, '[...]' classes; a malformed pattern matches nothing. */
    private static boolean glob(String pattern, String file) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 1);
                if (close < 0) {
                    return false;
                }
                String set = pattern.substring(i + 1, close);
                regex.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = close;
            } else {
                regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return java.util.regex.Pattern.matches(regex.toString(), file);
        } catch (java.util.regex.PatternSyntaxException malformed) {
            return false;
        }
    }

    /** Go's filepath.Clean for a relative, '/'-separated path ("" for the root). */
    private static String cleanPath(String path) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
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
            List<String> refreshPaths = refreshPaths(app);
            // With manifest-generate-paths the application says itself which files concern it (path.go).
            boolean touched = sources.stream().anyMatch(source -> source.repoURL() != null
                    && sameRepository.test(String.valueOf(normalizeRepositoryQuietly(source.repoURL())))
                    && (refreshPaths.isEmpty() ? paths.stream().anyMatch(changed -> provides(source, sources, changed))
                            : filesChanged(refreshPaths, paths)));
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
