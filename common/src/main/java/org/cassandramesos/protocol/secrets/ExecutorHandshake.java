package org.cassandramesos.protocol.secrets;

import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.cassandramesos.mesos.executor.ExecutorDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's side of the secrets handshake (docs/secrets.md), for one task at a time: a fresh key pair, a
 * {@code secrets-request} framework message re-sent with backoff (framework messages are best effort) until the
 * scheduler answers, and the answer opened with the private key, which never leaves this object. Exactly one of the
 * callbacks runs, once: {@code delivered} with the secrets, or {@code failed} with a reason fit for a TASK_FAILED
 * message (a refusal, an answer that does not open, or no answer within the time bound).
 *
 * <p>Callbacks run on the thread that called {@link #received} (the executor's callback thread) or, for the time
 * bound, on this object's timer thread.
 */
public final class ExecutorHandshake implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorHandshake.class);

    /** Waits between requests: 2 s doubling to 30 s; the scheduler gets 5 minutes to answer. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(2);

    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final Duration firstWait;
    private final Duration maxWait;
    private final Duration giveUpAfter;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "secrets-handshake");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this.
    private Pending pending;

    private record Pending(
            String taskId,
            KeyPair keys,
            Consumer<SecretBundle> delivered,
            Consumer<String> failed,
            long startNanos,
            int[] requests,
            ScheduledFuture<?>[] next) {}

    public ExecutorHandshake() {
        this(FIRST_WAIT, MAX_WAIT, GIVE_UP_AFTER);
    }

    public ExecutorHandshake(Duration firstWait, Duration maxWait, Duration giveUpAfter) {
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.giveUpAfter = giveUpAfter;
    }

    /** Asks the scheduler for {@code taskId}'s secrets; replaces any handshake under way. */
    public void start(ExecutorDriver driver, String taskId, Consumer<SecretBundle> delivered, Consumer<String> failed) {
        KeyPair keys = SealedBox.newKeyPair();
        byte[] request =
                SecretsMessage.encode(new SecretsMessage.Request(taskId, SealedBox.encodePublicKey(keys.getPublic())));
        Pending p =
                new Pending(taskId, keys, delivered, failed, System.nanoTime(), new int[1], new ScheduledFuture<?>[1]);
        synchronized (this) {
            cancelLocked();
            pending = p;
        }
        send(driver, p, request, firstWait);
    }

    private void send(ExecutorDriver driver, Pending p, byte[] request, Duration wait) {
        synchronized (this) {
            if (pending != p) {
                return;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - p.startNanos());
            if (waited.compareTo(giveUpAfter) >= 0) {
                pending = null;
                timer.execute(
                        () -> p.failed()
                                .accept(
                                        "no secrets from the scheduler for task " + p.taskId() + " within "
                                                + giveUpAfter + " (" + p.requests()[0]
                                                + " requests sent as framework messages); is the "
                                                + "scheduler running and subscribed, and does it deliver secrets by message (SECRETS_DELIVERY)?"));
                return;
            }
            p.requests()[0]++;
            Duration remaining = giveUpAfter.minus(waited);
            Duration nextWait = wait.compareTo(remaining) > 0 ? remaining : wait;
            Duration following = wait.multipliedBy(2).compareTo(maxWait) > 0 ? maxWait : wait.multipliedBy(2);
            p.next()[0] = timer.schedule(
                    () -> send(driver, p, request, following), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        }
        driver.message(request); // best effort: the next one follows unless an answer arrives
    }

    /**
     * A framework message from the scheduler. Returns whether it was part of this handshake (other messages are left
     * to the caller).
     */
    public boolean received(byte[] data) {
        try {
            return received(SecretsMessage.decode(data));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A secrets message from the scheduler. Returns whether it was part of this handshake (an answer or a refusal);
     * other messages (e.g. a {@code secrets-recall}) are left to the caller.
     */
    public boolean received(SecretsMessage message) {
        if (!(message instanceof SecretsMessage.Answer || message instanceof SecretsMessage.Refusal)) {
            return false;
        }
        Pending p;
        synchronized (this) {
            p = pending;
            if (p == null || !p.taskId().equals(message.taskId())) {
                if (message instanceof SecretsMessage.Refusal) {
                    // this executor holds its secrets already: somebody else asked in its name
                    LOG.warn(
                            "the scheduler refused a secrets request for task {} that this executor did not send: "
                                    + "another party may be impersonating it",
                            message.taskId());
                } else {
                    LOG.info(
                            "ignoring a secrets message for task {}: no handshake for it is under way",
                            message.taskId());
                }
                return true;
            }
            cancelLocked();
        }
        if (message instanceof SecretsMessage.Refusal refusal) {
            p.failed().accept("the scheduler refused the secrets of task " + p.taskId() + ": " + refusal.reason());
            return true;
        }
        SecretBundle bundle;
        try {
            bundle = SecretBundle.decode(SealedBox.open(p.keys(), p.taskId(), ((SecretsMessage.Answer) message).box()));
        } catch (IllegalArgumentException e) {
            p.failed()
                    .accept("the secrets answer for task " + p.taskId() + " does not open with this executor's key "
                            + "(it was sealed to another key: another party may have asked for this task's secrets)");
            return true;
        }
        LOG.info("received the secrets {} for task {} after {} request(s)", bundle, p.taskId(), p.requests()[0]);
        p.delivered().accept(bundle);
        return true;
    }

    /** Stops the handshake for {@code taskId} (the task was killed); no callback runs. */
    public synchronized void cancel(String taskId) {
        if (pending != null && pending.taskId().equals(taskId)) {
            cancelLocked();
        }
    }

    public synchronized boolean isPending(String taskId) {
        return pending != null && pending.taskId().equals(taskId);
    }

    private void cancelLocked() {
        if (pending != null && pending.next()[0] != null) {
            pending.next()[0].cancel(false);
        }
        pending = null;
    }

    @Override
    public void close() {
        synchronized (this) {
            cancelLocked();
        }
        timer.shutdownNow();
    }
}
