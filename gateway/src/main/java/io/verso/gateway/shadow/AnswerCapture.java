package io.verso.gateway.shadow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The client's response, passed through unchanged while a copy of its first {@code limit} bytes is kept for the
 * shadow comparison. The copy is taken as buffers go by, so the client waits for nothing.
 */
public final class AnswerCapture extends ServerHttpResponseDecorator {

    private final int limit;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private final Sinks.One<Answer> answer = Sinks.one();
    private boolean truncated;

    public AnswerCapture(ServerHttpResponse delegate, int limit) {
        super(delegate);
        this.limit = limit;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return super.writeWith(Flux.from(body).doOnNext(this::keep).doOnComplete(this::finish));
    }

    /** The client's answer once its body was written; empty if the client got none (then nothing is compared). */
    public Mono<Answer> answer() {
        return answer.asMono();
    }

    /** Ends the capture; called when the client's exchange ends, whatever happened. */
    public void finish() {
        HttpStatusCode status = getStatusCode();
        byte[] bytes;
        synchronized (copy) {
            bytes = copy.toByteArray();
        }
        if (status == null) {
            answer.tryEmitEmpty();
        } else {
            answer.tryEmitValue(new Answer(status.value(), bytes, truncated));
        }
    }

    private void keep(DataBuffer buffer) {
        synchronized (copy) {
            int room = limit - copy.size();
            int readable = buffer.readableByteCount();
            if (readable > room) {
                truncated = true;
            }
            int take = Math.min(room, readable);
            if (take > 0) {
                byte[] bytes = new byte[take];
                buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), 0, take);
                copy.write(bytes, 0, take);
            }
        }
    }
}
