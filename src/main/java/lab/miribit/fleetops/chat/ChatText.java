package lab.miribit.fleetops.chat;

import java.util.Locale;
import java.util.Map;

/**
 * The chat's words in one language: every text a person reads in chat is looked up here by key, from
 * {@code chat/messages_<language>.properties}. Placeholders are {@code {0}}, {@code {1}} …, replaced as they stand
 * (no {@link java.text.MessageFormat} quoting, so an apostrophe in English needs no doubling).
 */
public final class ChatText {

    private final Locale locale;
    private final Map<String, String> messages;

    ChatText(Locale locale, Map<String, String> messages) {
        this.locale = locale;
        this.messages = messages;
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key} with its placeholders filled; a missing key is a bug the bundle test catches. */
    public String get(String key, Object... args) {
        String pattern = messages.get(key);
        if (pattern == null) {
            throw new IllegalStateException("no chat text '" + key + "' for " + locale);
        }
        if (args.length == 0) {
            return pattern;
        }
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

    /** {@code key.one} for a count of one, else {@code key.other}: English needs both, Korean has the same text twice. */
    public String count(String key, long count, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = count;
        System.arraycopy(args, 0, all, 1, args.length);
        return get(key + (count == 1 ? ".one" : ".other"), all);
    }

    /** Whether the bundle has {@code key}: command summaries in languages other than the catalog's own. */
    public boolean has(String key) {
        return messages.containsKey(key);
    }
}
