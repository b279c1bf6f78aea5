package lab.miribit.fleetops.argocd;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One of an AppProject's {@code syncWindows}, with Argo CD's meaning (pkg/apis/application/v1alpha1/types.go
 * at v3.1.8: {@code SyncWindow}, {@code active}, {@code Matches}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncWindow(String kind, String schedule, String duration, List<String> applications, List<String> namespaces,
        List<String> clusters, Boolean manualSync, String timeZone, Boolean andOperator, String description) {

    boolean deny() {
        return "deny".equals(kind);
    }

    boolean allow() {
        return "allow".equals(kind);
    }

    boolean manualSyncAllowed() {
        return Boolean.TRUE.equals(manualSync);
    }

    /**
     * Whether the window is open at {@code now}: a time the schedule fires lies strictly between {@code now -
     * duration} and {@code now}, both taken in the window's time zone at its current UTC offset (types.go
     * {@code active}, {@code scheduleOffsetByTimeZone}); an unknown zone counts as UTC, as Argo CD logs and does.
     *
     * @throws IllegalArgumentException "cannot parse schedule/duration …" as Argo CD words it
     */
    boolean activeAt(Instant now) {
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse schedule '" + schedule + "': " + e.getMessage());
        }
        Duration length;
        try {
            length = GoDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse duration '" + duration + "': " + e.getMessage());
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(offsetSeconds(now));
        LocalDateTime earliest = local.minus(length);
        // Every whole minute strictly inside (local - duration, local), newest first.
        LocalDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
        if (!minute.isBefore(local)) {
            minute = minute.minusMinutes(1);
        }
        for (; minute.isAfter(earliest); minute = minute.minusMinutes(1)) {
            if (cron.firesAt(minute)) {
                return true;
            }
        }
        return false;
    }

    private int offsetSeconds(Instant now) {
        if (timeZone == null || timeZone.isBlank()) {
            return 0;
        }
        try {
            return ZoneId.of(timeZone).getRules().getOffset(now).getTotalSeconds();
        } catch (DateTimeException unknownZone) {
            return 0;
        }
    }

    /**
     * Whether the window applies to {@code app}: any of its application, namespace and cluster lists matches, or
     * with {@code andOperator} every list it sets does; a window that names nothing applies to nothing.
     */
    boolean appliesTo(String app, String namespace, String clusterName, String clusterServer) {
        boolean byApp = matchesAny(applications, app);
        boolean byNamespace = matchesAny(namespaces, namespace);
        boolean byCluster = matchesAny(clusters, clusterName) || matchesAny(clusters, clusterServer);
        if (Boolean.TRUE.equals(andOperator)) {
            boolean any = isSet(applications) || isSet(namespaces) || isSet(clusters);
            return any && (!isSet(applications) || byApp) && (!isSet(namespaces) || byNamespace)
                    && (!isSet(clusters) || byCluster);
        }
        return byApp || byNamespace || byCluster;
    }

    private static boolean isSet(List<String> patterns) {
        return patterns != null && !patterns.isEmpty();
    }

    private static boolean matchesAny(List<String> patterns, String value) {
        if (!isSet(patterns) || value == null || value.isEmpty()) {
            return false;
        }
        return patterns.stream().anyMatch(pattern -> "*".equals(pattern) || glob(pattern).matcher(value).matches());
    }

    /** gobwas/glob without separators (util/glob): {@code *} crosses '/', {@code ?}, classes and {a,b} alternatives. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = pattern.indexOf(']', i + 1);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = pattern.substring(i + 1, close);
                        regex.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                        i = close;
                    }
                }
                case '{' -> {
                    depth++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (depth > 0) {
                        depth--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(depth > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(regex.toString());
        } catch (java.util.regex.PatternSyntaxException invalid) {
            return Pattern.compile(Pattern.quote(pattern));
        }
    }
}
