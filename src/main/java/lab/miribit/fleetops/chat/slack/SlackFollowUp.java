package lab.miribit.fleetops.chat.slack;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.jboss.logging.Logger;

import com.slack.api.Slack;

import lab.miribit.fleetops.chat.OperationReplies;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationService;

/**
 * Keeps one Slack message up to date with an operation through its {@code response_url}. Slack accepts five
 * posts per URL within 30 minutes, so updates are coalesced: at most one every few seconds, never the last
 * one spent on anything but the result.
 */
final class SlackFollowUp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SlackFollowUp.class);
    static final int POSTS_PER_URL = 5;
    private static final Duration URL_LIFETIME = Duration.ofMinutes(30);

    private final OperationService operations;
    private final Slack slack;
    private final SlackConfig config;
    private final Duration minInterval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slack-follow-up");
        thread.setDaemon(true);
        return thread;
    });

    SlackFollowUp(OperationService operations, Slack slack, SlackConfig config, Duration minInterval) {
        this.operations = operations;
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
        if (budget < 1 || !allowed(responseUrl)) {
            return;
        }
        Follower follower = new Follower(operationId, responseUrl, budget);
        follower.task = timer.scheduleWithFixedDelay(follower::tick, 500, 500, TimeUnit.MILLISECONDS);
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

    private final class Follower {
        private final String operationId;
        private final String responseUrl;
        private final Instant deadline = Instant.now().plus(URL_LIFETIME);
        private int budget;
        private Instant lastPost = Instant.EPOCH;
        private Operation.Snapshot lastPosted;
        private ScheduledFuture<?> task;

        Follower(String operationId, String responseUrl, int budget) {
            this.operationId = operationId;
            this.responseUrl = responseUrl;
            this.budget = budget;
        }

        void tick() {
            Optional<Operation.Snapshot> current = operations.find(operationId);
            if (current.isEmpty() || Instant.now().isAfter(deadline)) {
                task.cancel(false);
                return;
            }
            Operation.Snapshot op = current.get();
            if (op.state().finished()) {
                send(op);
                task.cancel(false);
                return;
            }
            boolean changed = lastPosted == null || !lastPosted.steps().equals(op.steps());
            boolean spare = budget > 1; // the last post is kept for the result
            if (changed && spare && Duration.between(lastPost, Instant.now()).compareTo(minInterval) >= 0) {
                send(op);
            }
        }

        private void send(Operation.Snapshot op) {
            budget--;
            lastPost = Instant.now();
            lastPosted = op;
            post(responseUrl, SlackRenderer.json(SlackRenderer.message(OperationReplies.progress(op), true)));
        }
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
