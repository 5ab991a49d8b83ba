package io.verso.inference.monitoring.predictionlog;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.verso.inference.dataplane.InferenceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Posts each record's two CloudEvents ({@link PredictionEvents}) to one URL in binary content mode ({@code ce-*}
 * headers, the V2 JSON as body), as KServe's logger posts to a Knative broker or any HTTP consumer. A record counts
 * as delivered when both events got a 2xx; a refused connection, a timeout or another status fails it (the log
 * counts it as dropped), and the next record tries again.
 */
public final class CloudEventsHttpSink implements PredictionSink {

    private final URI url;
    private final PredictionEvents events;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param source  the events' {@code source}
     * @param timeout for connecting and for each answer
     */
    public CloudEventsHttpSink(URI url, URI source, Duration timeout, int maxEventBytes) {
        this.url = url;
        this.events = new PredictionEvents(source, maxEventBytes);
        this.timeout = timeout;
        // HTTP/1.1: the JDK's default offers an h2c upgrade, which plain HTTP/1.1 receivers handle badly.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public void write(InferenceRecord record, Instant time, Delivery delivery) {
        long bytes = 0;
        try {
            for (CloudEvent event : events.of(record, time)) {
                bytes += post(event);
            }
            delivery.delivered(bytes);
        } catch (IOException | RuntimeException e) {
            delivery.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.failed(e);
        }
    }

    private long post(CloudEvent event) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout);
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(request::header, bytes -> body[0] = bytes).writeBinary(event);
        HttpResponse<Void> answer = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body[0])).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException(url + " answered " + answer.statusCode() + " to event " + event.getType());
        }
        return body[0].length;
    }

    @Override
    public void flush() {
        // Every event is sent when written.
    }

    @Override
    public void close() {
        // Nothing to release: the JDK's client (no close() before Java 21) ends with its last reference.
    }
}
