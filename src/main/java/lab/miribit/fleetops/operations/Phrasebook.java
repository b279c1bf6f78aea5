package lab.miribit.fleetops.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The sentences of one language, read from {@code <base>_<language>.properties} on the classpath (UTF-8), with
 * placeholders {@code {0}}, {@code {1}} … replaced as they stand: no {@link java.text.MessageFormat} quoting, so an
 * apostrophe ("Argo CD's") needs no doubling.
 */
public final class Phrasebook {

    private final Locale locale;
    private final Map<String, String> phrases;

    private Phrasebook(Locale locale, Map<String, String> phrases) {
        this.locale = locale;
        this.phrases = phrases;
    }

    public static Phrasebook load(String base, Locale locale) {
        String resource = base + "_" + locale.getLanguage() + ".properties";
        try (InputStream in = Phrasebook.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> phrases = new TreeMap<>();
            properties.forEach((key, value) -> phrases.put(key.toString(), value.toString()));
            return new Phrasebook(locale, Map.copyOf(phrases));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public Locale locale() {
        return locale;
    }

    public Map<String, String> phrases() {
        return phrases;
    }

    public boolean has(String key) {
        return phrases.containsKey(key);
    }

    /** The phrase of {@code key} with its placeholders filled; a missing key is a bug the bundle tests catch. */
    public String get(String key, Object... args) {
        String pattern = phrases.get(key);
        if (pattern == null) {
            throw new IllegalStateException("no phrase '" + key + "' for " + locale);
        }
        return args.length == 0 ? pattern : fill(pattern, args);
    }

    private static String fill(String pattern, Object[] args) {
        StringBuilder text = new StringBuilder(pattern.length() + 32);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = c == '{' ? pattern.indexOf('}', i) : -1;
            if (close > i + 1 && close <= i + 3 && pattern.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(pattern.substring(i + 1, close));
                text.append(index < args.length ? String.valueOf(args[index]) : pattern.substring(i, close + 1));
                i = close + 1;
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }
}
