package io.verso.bench.suite;

import io.verso.bench.load.Protocol;
import io.verso.bench.model.MlpModel;
import io.verso.demo.HalfPlusTwoModel;
import java.util.List;

/**
 * The cells of the suite, chosen for the ratios the report is about rather than as a full matrix (each cell costs a
 * warm-up and three repetitions):
 * <ul>
 *   <li>serving cost: half_plus_two single rows, whose TensorFlow call is almost free, on every wire format, against
 *       nginx and a bare Netty server answering a body of the same size;</li>
 *   <li>batching: the MLP's single rows at 64 connections with batching off and on;</li>
 *   <li>server ÷ in-process: the MLP's 32-row requests at 8 connections;</li>
 *   <li>the gateway's cost: the same half_plus_two requests through the gateway at 1 and 64 connections;</li>
 *   <li>gRPC beside REST for each of those, and tracing on ÷ off.</li>
 * </ul>
 */
public final class Cells {

    public static final String H2T = HalfPlusTwoModel.NAME;
    public static final String MLP = MlpModel.NAME;
    public static final int MANY = 64;
    public static final int FEW = 8;
    public static final int BIG_REQUEST = 32;

    private Cells() {
    }

    public static List<Cell> of(Target target) {
        return switch (target) {
            case POD_OFF -> List.of(
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, 1),
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY),
                    new Cell(target, H2T, Protocol.V2_JSON, 1, MANY),
                    new Cell(target, H2T, Protocol.V2_BINARY, 1, MANY),
                    new Cell(target, H2T, Protocol.TFSERVING_GRPC, 1, 1),
                    new Cell(target, H2T, Protocol.TFSERVING_GRPC, 1, MANY),
                    new Cell(target, MLP, Protocol.TFSERVING_JSON, 1, MANY),
                    new Cell(target, MLP, Protocol.TFSERVING_GRPC, 1, MANY),
                    new Cell(target, MLP, Protocol.V2_BINARY, BIG_REQUEST, FEW),
                    new Cell(target, MLP, Protocol.TFSERVING_GRPC, BIG_REQUEST, FEW));
            case POD_ON -> List.of(
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY),
                    new Cell(target, H2T, Protocol.TFSERVING_GRPC, 1, MANY),
                    new Cell(target, MLP, Protocol.TFSERVING_JSON, 1, MANY),
                    new Cell(target, MLP, Protocol.TFSERVING_GRPC, 1, MANY),
                    new Cell(target, MLP, Protocol.TFSERVING_GRPC, BIG_REQUEST, FEW));
            case GATEWAY -> List.of(
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, 1),
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY),
                    new Cell(target, H2T, Protocol.TFSERVING_GRPC, 1, MANY));
            case POD_TRACED -> List.of(
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, 1),
                    new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY));
            case NGINX, NETTY -> List.of(new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY));
        };
    }

    /** The cells run again under JFR, to show where a request's time goes in the pod and in the gateway. */
    public static List<Cell> profiled(Target target) {
        return switch (target) {
            case POD_OFF, GATEWAY -> List.of(new Cell(target, H2T, Protocol.TFSERVING_JSON, 1, MANY));
            default -> List.of();
        };
    }
}
