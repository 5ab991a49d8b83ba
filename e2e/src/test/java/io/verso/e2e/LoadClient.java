package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded closed-loop load: a fixed number of client threads, each sending a JSON request as soon as its
 * previous one was answered, until {@link #stop} or until {@code maxRequests} were sent or {@code maxDuration} has
 * passed, whichever comes first, so a hung test cannot flood the machine. The requests are one body, or a mix of
 * bodies sent in turn, each with its own idea of a right answer. Every answer is recorded with the times it was sent
 * and received (System.nanoTime), its status and the version the gateway says answered.
 */
final class LoadClient {

    /** One request; {@code error} says what went wrong, {@code null} when the answer was the expected one. */
    record Outcome(long sentNanos, long receivedNanos, int status, String version, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Judges an answer: {@code null} when it is a right one, otherwise what is wrong with it. */
    @FunctionalInterface
    interface Expectation {
        String check(int status, String version, String body);

        /** A 200 with exactly {@code expectedBody}, from any version. */
        static Expectation ok(String expectedBody) {
            return (status, version, body) -> status != 200 ? status + " " + body
                    : expectedBody.equals(body) ? null : "unexpected answer " + body;
        }
    }

    /** One request of a mix: its body and what a right answer to it is. */
    record Call(String body, Expectation expectation) {
    }

    private final List<HttpRequest> requests;
    private final List<Call> mix;
    private final int maxRequests;
    private final long deadlineNanos;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private LoadClient(URI uri, List<Call> mix, int maxRequests, Duration maxDuration) {
        this.requests = mix.stream().map(call -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body()))
                .build()).toList();
        this.mix = List.copyOf(mix);
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
    }

    /** Starts {@code clients} threads posting {@code body} to {@code uri}; answers must be 200 with {@code expectedBody}. */
    static LoadClient start(URI uri, String body, String expectedBody, int clients, int maxRequests,
                            Duration maxDuration) {
        return start(uri, List.of(new Call(body, Expectation.ok(expectedBody))), clients, maxRequests, maxDuration);
    }

    /** Starts {@code clients} threads posting the calls of {@code mix} to {@code uri} in turn (one turn for all). */
    static LoadClient start(URI uri, List<Call> mix, int clients, int maxRequests, Duration maxDuration) {
        LoadClient load = new LoadClient(uri, mix, maxRequests, maxDuration);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(load::run, "load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    /** Answers (and failures) so far. */
    int answered() {
        return answered.get();
    }

    /** Waits until {@code more} further requests were answered; fails if the client stopped on its own first. */
    void awaitMoreAnswers(int more) {
        int target = answered() + more;
        await(more + " more answers").atMost(Duration.ofSeconds(Math.max(180, more / 20))).pollInterval(Duration.ofMillis(50))
                .until(() -> answered() >= target || !running());
        assertThat(running()).as("the load client is still within its request and time bounds").isTrue();
    }

    /** False once the client stopped on its own (request cap or time cap reached). */
    boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** Stops sending, waits for the requests in flight and returns every outcome, in order of reception. */
    List<Outcome> stop() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        List<Outcome> all = new ArrayList<>(outcomes);
        all.sort((a, b) -> Long.compare(a.receivedNanos(), b.receivedNanos()));
        return all;
    }

    private void run() {
        while (!stopping.get() && System.nanoTime() < deadlineNanos) {
            int number = sent.incrementAndGet();
            if (number > maxRequests) {
                return;
            }
            int call = number % mix.size();
            long start = System.nanoTime();
            Outcome outcome;
            try {
                HttpResponse<String> response = HTTP.send(requests.get(call), HttpResponse.BodyHandlers.ofString());
                String version = response.headers().firstValue("X-Verso-Model-Version").orElse(null);
                String error = mix.get(call).expectation().check(response.statusCode(), version, response.body());
                outcome = new Outcome(start, System.nanoTime(), response.statusCode(), version, error);
            } catch (IOException e) {
                outcome = new Outcome(start, System.nanoTime(), 0, null, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            outcomes.add(outcome);
            answered.incrementAndGet();
        }
    }
}
