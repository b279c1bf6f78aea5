package lab.miribit.fleetops.argocd;

import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A sync window's {@code schedule}, read as Argo CD reads it: robfig/cron v3's parser with the five standard
 * fields (minute, hour, day of month, month, day of week), no seconds and no {@code @} descriptors
 * (pkg/apis/application/v1alpha1/types.go, {@code cron.NewParser(Minute|Hour|Dom|Month|Dow)}). Lists, ranges,
 * steps, {@code *} and {@code ?}, and month and weekday names are accepted; as in robfig/cron, when both the day
 * of month and the day of week are restricted a day matching either one matches.
 */
final class CronSchedule {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5,
            "sat", 6);

    private final Field minutes;
    private final Field hours;
    private final Field daysOfMonth;
    private final Field months;
    private final Field daysOfWeek;

    private record Field(BitSet values, boolean star) {
    }

    private CronSchedule(Field minutes, Field hours, Field daysOfMonth, Field months, Field daysOfWeek) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
    }

    /** @throws IllegalArgumentException with the reason, when the expression is not one robfig/cron accepts */
    static CronSchedule parse(String expression) {
        String[] fields = expression == null ? new String[0] : expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + (expression == null || expression.isBlank()
                    ? 0 : fields.length) + ": [" + (expression == null ? "" : expression.trim()) + "]");
        }
        return new CronSchedule(field(fields[0], 0, 59, Map.of()), field(fields[1], 0, 23, Map.of()),
                field(fields[2], 1, 31, Map.of()), field(fields[3], 1, 12, MONTHS), field(fields[4], 0, 6, DAYS));
    }

    /** Whether the schedule fires at the minute {@code at} (seconds ignored). */
    boolean firesAt(LocalDateTime at) {
        return minutes.values().get(at.getMinute()) && hours.values().get(at.getHour()) && months.values().get(at.getMonthValue())
                && dayMatches(at);
    }

    private boolean dayMatches(LocalDateTime at) {
        boolean dom = daysOfMonth.values().get(at.getDayOfMonth());
        boolean dow = daysOfWeek.values().get(at.getDayOfWeek().getValue() % 7);
        return daysOfMonth.star() || daysOfWeek.star() ? dom && dow : dom || dow;
    }

    private static Field field(String text, int min, int max, Map<String, Integer> names) {
        BitSet values = new BitSet(max + 1);
        boolean star = false;
        for (String part : text.split(",", -1)) {
            String[] rangeAndStep = part.split("/", -1);
            String range = rangeAndStep[0];
            int start;
            int end;
            boolean partStar = range.equals("*") || range.equals("?");
            if (partStar) {
                start = min;
                end = max;
            } else {
                String[] bounds = range.split("-", -1);
                if (bounds.length > 2) {
                    throw new IllegalArgumentException("too many hyphens: " + part);
                }
                start = value(bounds[0], names);
                end = bounds.length == 2 ? value(bounds[1], names) : start;
            }
            int step = 1;
            if (rangeAndStep.length == 2) {
                step = number(rangeAndStep[1]);
                if (!partStar && range.indexOf('-') < 0) {
                    end = max; // "N/step" means N-max/step
                }
                if (step <= 0) {
                    throw new IllegalArgumentException("step of range should be a positive number: " + part);
                }
            } else if (rangeAndStep.length > 2) {
                throw new IllegalArgumentException("too many slashes: " + part);
            }
            if (start < min) {
                throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + min + "): " + part);
            }
            if (end > max) {
                throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + max + "): " + part);
            }
            if (start > end) {
                throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): " + part);
            }
            for (int v = start; v <= end; v += step) {
                values.set(v);
            }
            star |= partStar && step == 1;
        }
        return new Field(values, star);
    }

    private static int value(String text, Map<String, Integer> names) {
        Integer named = names.get(text.toLowerCase(Locale.ROOT));
        return named != null ? named : number(text);
    }

    private static int number(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + text);
        }
    }
}
