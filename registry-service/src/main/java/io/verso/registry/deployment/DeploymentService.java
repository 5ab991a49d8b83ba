package io.verso.registry.deployment;

import io.verso.registry.audit.AuditEntry;
import io.verso.registry.audit.AuditTrail;
import io.verso.registry.audit.EventView;
import io.verso.registry.audit.RecordedRequest;
import io.verso.registry.error.RegistryException;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import io.verso.registry.model.ModelVersion;
import io.verso.registry.model.VersionLifecycle;
import io.verso.registry.web.PageView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs deployment transitions. Each one is a single transaction that reads the row, checks the idempotency key
 * and {@code If-Match}, validates the target version (exists, READY), applies the {@link Transition}, updates the
 * row under its {@code @Version} and writes the audit event; a lost race fails the update and rolls everything
 * back, so the row and the trail always agree.
 */
@Service
public class DeploymentService {

    private static final Logger log = LoggerFactory.getLogger(DeploymentService.class);
    private static final TypeReference<Map<String, Long>> LABELS = new TypeReference<>() {
    };

    private final DeploymentRepository deployments;
    private final ModelService models;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    DeploymentService(DeploymentRepository deployments, ModelService models, AuditTrail audit,
                      ApplicationEventPublisher events, TransactionTemplate transactions, JsonMapper json) {
        this.deployments = deployments;
        this.models = models;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public DeploymentView get(String modelName) {
        Model model = models.requireModel(modelName);
        return view(model, deploymentOf(model));
    }

    @Transactional(readOnly = true)
    public PageView<EventView> history(String modelName, int page, int size) {
        Model model = models.requireModel(modelName);
        return audit.history(deploymentOf(model).getId(), page, size);
    }

    /** What the feeds publish, read in the caller's (read-only) transaction. */
    @Transactional(readOnly = true)
    public List<ServingDeployment> serving() {
        List<Deployment> serving = deployments.findServing();
        Map<Long, String> names = models.names(serving.stream().map(Deployment::getModelId).toList());
        return serving.stream().map(d -> new ServingDeployment(d.getModelId(), names.get(d.getModelId()), routing(d)))
                .toList();
    }

    public TransitionOutcome apply(String modelName, Transition transition, TransitionContext context) {
        String requestHash = requestHash(transition, context);
        try {
            return transactions.execute(status -> applyOnce(modelName, transition, context, requestHash));
        } catch (OptimisticLockingFailureException | DataIntegrityViolationException e) {
            // Lost a race. If the winner carried the same key and request, this is the retry it answered already.
            if (context.idempotencyKey() != null) {
                Optional<TransitionOutcome> replay = transactions.execute(status -> replay(modelName, context,
                        requestHash));
                if (replay != null && replay.isPresent()) {
                    return replay.get();
                }
            }
            log.info("{} on model {} by {} lost a race: {}", transition.action(), modelName, context.actor(),
                    e.getClass().getSimpleName());
            throw RegistryException.conflict(null, "the deployment of model '" + modelName
                    + "' was changed by a concurrent request; reload it and retry");
        }
    }

    private TransitionOutcome applyOnce(String modelName, Transition transition, TransitionContext context,
                                        String requestHash) {
        Model model = models.requireModel(modelName);
        if (model.isArchived()) {
            throw RegistryException.conflict("model", "model '" + modelName + "' is archived");
        }
        Deployment deployment = deploymentOf(model);
        if (context.idempotencyKey() != null) {
            Optional<TransitionOutcome> replay = replay(deployment, context, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        if (context.expectedRevision() != null && context.expectedRevision() != deployment.getRevision()) {
            throw RegistryException.conflict("If-Match", "If-Match names revision " + context.expectedRevision()
                    + ", but the deployment of model '" + modelName + "' is at revision " + deployment.getRevision());
        }
        DeploymentRouting before = routing(deployment);
        transition.target(before).ifPresent(version -> requireDeployable(model, version));
        DeploymentRouting after = transition.applyTo(before);
        deployment.apply(after, json.writeValueAsString(after.labels()));
        deployments.saveAndFlush(deployment);
        DeploymentView view = view(model, deployment);
        audit.record(new AuditEntry(deployment.getId(), deployment.getRevision(), transition.action(),
                context.actor(), before.stable(), after.stable(), before.canary(), after.canary(),
                before.canaryWeight(), after.canaryWeight(), transition.label(), context.reason(),
                context.idempotencyKey(), requestHash, json.writeValueAsString(view)));
        events.publishEvent(new DeploymentChanged(modelName, deployment.getRevision()));
        log.info("{} on model {} by {}: stable {} → {}, canary {} → {} at {}% (revision {})", transition.action(),
                modelName, context.actor(), before.stable(), after.stable(), before.canary(), after.canary(),
                after.canaryWeight(), deployment.getRevision());
        return new TransitionOutcome(view, false);
    }

    private Optional<TransitionOutcome> replay(String modelName, TransitionContext context, String requestHash) {
        return replay(deploymentOf(models.requireModel(modelName)), context, requestHash);
    }

    private Optional<TransitionOutcome> replay(Deployment deployment, TransitionContext context, String requestHash) {
        Optional<RecordedRequest> earlier = audit.findByIdempotencyKey(deployment.getId(), context.idempotencyKey());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().requestHash().equals(requestHash)) {
            throw RegistryException.inconsistent("Idempotency-Key", "Idempotency-Key '" + context.idempotencyKey()
                    + "' was already used for a different request on this deployment");
        }
        return Optional.of(new TransitionOutcome(json.readValue(earlier.get().resultJson(), DeploymentView.class),
                true));
    }

    private void requireDeployable(Model model, long number) {
        ModelVersion version = models.requireVersion(model, number);
        if (version.getStatus() != VersionLifecycle.READY) {
            throw RegistryException.conflict("version", "version " + number + " of model '" + model.getName()
                    + "' is " + version.getStatus() + "; only READY versions can be deployed");
        }
    }

    private Deployment deploymentOf(Model model) {
        return deployments.findByModelId(model.getId()).orElseThrow(() -> new IllegalStateException(
                "model " + model.getName() + " has no deployment row"));
    }

    DeploymentRouting routing(Deployment d) {
        return new DeploymentRouting(d.getStableVersion(), d.getCanaryVersion(), d.getCanaryWeight(),
                d.getPreviousStableVersion(), json.readValue(d.getLabelsJson(), LABELS));
    }

    private DeploymentView view(Model model, Deployment d) {
        DeploymentRouting state = routing(d);
        return new DeploymentView(model.getName(), state.stable(), state.canary(), state.canaryWeight(),
                state.previousStable(), state.effectiveLabels(), state.state(), d.getRevision(), d.getUpdatedAt());
    }

    /** The request as the idempotency check compares it: the transition (a record) and the reason. */
    private static String requestHash(Transition transition, TransitionContext context) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((transition + "\n" + context.reason())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
