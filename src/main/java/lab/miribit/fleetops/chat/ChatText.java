package lab.miribit.fleetops.chat;

import java.util.Locale;

import lab.miribit.fleetops.operations.Phrasebook;

/**
 * The chat's words in one language: every text a person reads in chat is looked up here by key, from
 * {@code chat/messages_<language>.properties}. Placeholders are {@code {0}}, {@code {1}} …, replaced as they stand
 * as a {@link Phrasebook} does.
 */
public final class ChatText {

    private final Locale locale;
    private final Phrasebook phrases;

    ChatText(Phrasebook phrases) {
        this.locale = phrases.locale();
        this.phrases = phrases;
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key} with its placeholders filled; a missing key is a bug the bundle test catches. */
    public String get(String key, Object... args) {
        return phrases.get(key, args);
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
        return phrases.has(key);
    }
}
