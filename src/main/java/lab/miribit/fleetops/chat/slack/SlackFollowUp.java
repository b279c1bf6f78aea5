package lab.miribit.fleetops.chat.slack;

import java.net.URI;
import java.time.Duration;

import org.jboss.logging.Logger;

import com.slack.api.Slack;

import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.OperationWatcher;


/**
 * Keeps one Slack message up to date with an operation through its {@code response_url}. Slack accepts five
 * posts per URL within 30 minutes, so updates are coalesced: at most one every few seconds, never the last
 * one spent on anything but the result.
 */
final class SlackFollowUp {

    private static final Logger LOG = Logger.getLogger(SlackFollowUp.class);
    static final int POSTS_PER_URL = 5;
    private static final Duration URL_LIFETIME = Duration.ofMinutes(30);

    private final OperationWatcher watcher;
    private final Slack slack;
    private final SlackConfig config;
    private final Duration minInterval;
    private final ChatText t;

    SlackFollowUp(OperationWatcher watcher, Slack slack, SlackConfig config, Duration minInterval, ChatText t) {
        this.t = t;
        this.watcher = watcher;
        this.slack = slack;
        this.config = config;
        this.minInterval = minInterval;
    }

    /** Whether fleet-ops may call this {@code response_url} at all. */
    boolean allowed(String responseUrl) {
        try {
            URI uri = URI.create(responseUrl);
            return uri.getHost() != null && config.responseUrlHosts().contains(uri.getHost())
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Follows {@code operationId}, posting to {@code responseUrl} with at most {@code budget} posts (what is
     * left of Slack's five after earlier posts to the same URL).
     */
    void follow(String operationId, String responseUrl, int budget) {
        if (!allowed(responseUrl)) {
            return;
        }
        watcher.watch(operationId, new OperationWatcher.Limits(minInterval, budget, URL_LIFETIME), t,
                progress -> post(responseUrl, SlackRenderer.json(SlackRenderer.message(progress, true, t))));
    }

    /** Posts one reply to a {@code response_url}; false when Slack did not take it. */
    boolean post(String responseUrl, String json) {
        if (!allowed(responseUrl)) {
            return false;
        }
        try {
            int status = slack.send(responseUrl, json).getCode();
            if (status >= 300) {
                LOG.warnf("Slack answered HTTP %d to a response_url post", status);
            }
            return status < 300;
        } catch (java.io.IOException e) {
            LOG.warnf("could not post to Slack's response_url: %s", e.getClass().getSimpleName());
            return false;
        }
    }

}
