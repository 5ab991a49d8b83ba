package io.verso.inference.api.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers unary calls. Work that completes later is encoded and sent from the gRPC call executor, not from the
 * thread that completed it (a batch thread should go back to running batches); every failure becomes a status;
 * a client that cancels cancels the pending work, so a queued batch request is dropped.
 */
public final class Unary {

    private final Executor callExecutor;

    public Unary(Executor callExecutor) {
        this.callExecutor = callExecutor;
    }

    /** Answers with what {@code handler} returns, on the calling (call executor) thread. */
    public <R> void now(StreamObserver<R> observer, Supplier<R> handler) {
        R response;
        try {
            response = handler.get();
        } catch (RuntimeException e) {
            observer.onError(GrpcStatuses.toStatus(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /** Starts {@code work} and answers with its result, encoded on the call executor. */
    public <T, R> void later(StreamObserver<R> observer, Supplier<CompletableFuture<T>> work, Function<T, R> encode) {
        CompletableFuture<T> pending;
        try {
            pending = work.get();
        } catch (RuntimeException e) {
            observer.onError(GrpcStatuses.toStatus(e));
            return;
        }
        ServerCallStreamObserver<R> call = observer instanceof ServerCallStreamObserver<R> c ? c : null;
        if (call != null) {
            call.setOnCancelHandler(() -> pending.cancel(false));
        }
        pending.whenCompleteAsync((result, failure) -> {
            if (call != null && call.isCancelled()) {
                return;
            }
            R response;
            try {
                if (failure != null) {
                    throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
                }
                response = encode.apply(result);
            } catch (RuntimeException e) {
                observer.onError(GrpcStatuses.toStatus(e));
                return;
            }
            observer.onNext(response);
            observer.onCompleted();
        }, callExecutor);
    }
}
