package io.verso.registry.model;

import io.verso.artifact.ArchiveFormat;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.TrainingMetadata;
import io.verso.registry.error.RegistryException;
import io.verso.registry.model.artifact.ArtifactIngestor;
import io.verso.registry.model.artifact.ArtifactStore;
import io.verso.registry.model.artifact.IngestedArtifact;
import io.verso.registry.model.artifact.PendingArchives;
import io.verso.registry.model.artifact.SignatureInfo;
import io.verso.registry.model.artifact.UriFetcher;
import io.verso.registry.web.PageView;
import io.verso.registry.web.Paging;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Models and versions. Registration checks and stores the archive first, outside any transaction (it may take
 * minutes), then numbers the version in a short transaction under the model's row lock. The version row replaces the
 * archive's {@link PendingArchives} mark in that transaction; a registration that fails after storing drops the mark
 * and leaves an unreferenced archive, which {@link ArchiveCollector} deletes after its grace period.
 */
@Service
public class ModelService {

    private static final Logger log = LoggerFactory.getLogger(ModelService.class);
    private static final TypeReference<List<SignatureInfo>> SIGNATURES = new TypeReference<>() {
    };

    private final ModelRepository models;
    private final ModelVersionRepository versions;
    private final ArtifactIngestor ingestor;
    private final ArtifactStore store;
    private final UriFetcher fetcher;
    private final PendingArchives pending;
    private final VersionReferences references;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    ModelService(ModelRepository models, ModelVersionRepository versions, ArtifactIngestor ingestor,
                 ArtifactStore store, UriFetcher fetcher, PendingArchives pending, VersionReferences references,
                 ApplicationEventPublisher events, TransactionTemplate transactions, JsonMapper json) {
        this.models = models;
        this.versions = versions;
        this.ingestor = ingestor;
        this.store = store;
        this.fetcher = fetcher;
        this.pending = pending;
        this.references = references;
        this.events = events;
        this.transactions = transactions;
        this.json = json;
    }

    @Transactional
    public ModelView create(CreateModelRequest request, String actor) {
        if (models.findByName(request.name()).isPresent()) {
            throw RegistryException.conflict("name", "model '" + request.name() + "' already exists");
        }
        String owner = request.owner() == null || request.owner().isBlank() ? actor : request.owner();
        Model model = models.saveAndFlush(new Model(request.name(), request.description(), owner));
        events.publishEvent(new ModelCreated(model.getId(), model.getName()));
        log.info("Model {} created by {}", model.getName(), actor);
        return ModelView.of(model);
    }

    @Transactional(readOnly = true)
    public PageView<ModelView> list(int page, int size) {
        return PageView.of(models.findAll(Paging.of(page, size, Sort.by("name"))), ModelView::of);
    }

    /** Models whose name contains {@code query} (any case), by name; a blank query lists them all. */
    @Transactional(readOnly = true)
    public PageView<ModelView> search(String query, int page, int size) {
        if (query == null || query.isBlank()) {
            return list(page, size);
        }
        return PageView.of(models.findByNameContainingIgnoreCase(query.trim(), Paging.of(page, size,
                Sort.by("name"))), ModelView::of);
    }

    @Transactional(readOnly = true)
    public ModelView get(String name) {
        return ModelView.of(requireModel(name));
    }

    @Transactional
    public ModelView archive(String name, String actor) {
        Model model = requireModel(name);
        if (!model.isArchived()) {
            model.archive();
            events.publishEvent(new ModelArchived(model.getId(), model.getName()));
            log.info("Model {} archived by {}", name, actor);
        }
        return ModelView.of(model);
    }

    /** Registers an uploaded archive; {@code content} is read to its end. */
    public VersionView registerUpload(String modelName, InputStream content, String sha256, TrainingMetadata metadata,
                                      String actor) {
        requireWritable(modelName);
        IngestedArtifact artifact = ingestor.ingest(content, sha256, "X-Content-SHA256");
        return record(modelName, artifact, null, metadata, actor);
    }

    /** Registers an archive the registry fetches from {@code registration.artifactUri()}. */
    public VersionView registerUri(String modelName, UriRegistration registration, String actor) {
        requireWritable(modelName);
        IngestedArtifact artifact;
        try (InputStream content = fetcher.open(registration.artifactUri())) {
            artifact = ingestor.ingest(content, registration.sha256(), "sha256");
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + registration.artifactUri(), e);
        }
        return record(modelName, artifact, registration.artifactUri(), registration.metadata(), actor);
    }

    private VersionView record(String modelName, IngestedArtifact artifact, String sourceUri,
                               TrainingMetadata metadata, String actor) {
        try {
            return recordVersion(modelName, artifact, sourceUri, metadata, actor);
        } catch (RuntimeException e) {
            pending.resolve(artifact.pending());
            throw e;
        }
    }

    private VersionView recordVersion(String modelName, IngestedArtifact artifact, String sourceUri,
                                      TrainingMetadata metadata, String actor) {
        String signatures = json.writeValueAsString(artifact.contents().signatures());
        String metadataJson = json.writeValueAsString(metadata == null ? TrainingMetadata.NONE : metadata);
        return transactions.execute(status -> {
            Model model = models.lockByName(modelName).orElseThrow(() -> unknownModel(modelName));
            if (model.isArchived()) {
                throw archived(modelName);
            }
            ModelVersion version = versions.saveAndFlush(new ModelVersion(model.getId(), model.allocateVersion(),
                    artifact.key(), sourceUri, artifact.sha256(), artifact.sizeBytes(), artifact.format().name(),
                    signatures, metadataJson, actor));
            pending.resolve(artifact.pending());
            events.publishEvent(new VersionRegistered(model.getId(), modelName, version.getVersion(), actor));
            log.info("Model {} version {} registered by {} (sha256 {}, {} signatures)", modelName,
                    version.getVersion(), actor, artifact.sha256(), artifact.contents().signatures().size());
            return view(modelName, version);
        });
    }

    @Transactional(readOnly = true)
    public PageView<VersionView> listVersions(String modelName, int page, int size) {
        Model model = requireModel(modelName);
        return PageView.of(versions.findByModelId(model.getId(),
                Paging.of(page, size, Sort.by(Sort.Direction.DESC, "version"))), v -> view(modelName, v));
    }

    @Transactional(readOnly = true)
    public VersionView getVersion(String modelName, long number) {
        return view(modelName, requireVersion(requireModel(modelName), number));
    }

    @Transactional
    public VersionView archiveVersion(String modelName, long number, String actor) {
        Model model = requireModel(modelName);
        ModelVersion version = requireVersion(model, number);
        references.use(model.getId(), number).ifPresent(use -> {
            throw RegistryException.conflict("version", "version " + number + " of model '" + modelName
                    + "' cannot be archived: " + use);
        });
        version.archive();
        log.info("Model {} version {} archived by {}", modelName, number, actor);
        return view(modelName, version);
    }

    /**
     * A presigned URL that reads the archive straight from the object store, when the store hands them out.
     *
     * @param format an {@link ArchiveFormat} name, as versions store it
     */
    public Optional<String> directUrl(String sha256, String format) {
        return store.directUrl(ArtifactStore.keyOf(sha256, ArchiveFormat.valueOf(format))).map(URI::toString);
    }

    @Transactional(readOnly = true)
    ArtifactDownload artifact(String modelName, long number) {
        ModelVersion version = requireVersion(requireModel(modelName), number);
        var resource = store.open(version.getArtifactKey()).orElseThrow(() -> new IllegalStateException(
                "the archive of " + modelName + " version " + number + " is missing from the store: "
                        + version.getArtifactKey()));
        String extension = ArchiveFormat.valueOf(version.getFormat()).extension();
        return new ArtifactDownload(resource, version.getSha256(), version.getSizeBytes(), version.getFormat(),
                modelName + "-" + number + "." + extension);
    }

    /** The model, or 404 naming the {@code model} path variable. */
    public Model requireModel(String name) {
        return models.findByName(name).orElseThrow(() -> unknownModel(name));
    }

    /** The version, or 404 naming {@code version}. */
    public ModelVersion requireVersion(Model model, long number) {
        return versions.findByModelIdAndVersion(model.getId(), number).orElseThrow(() -> RegistryException.notFound(
                "version", "model '" + model.getName() + "' has no version " + number));
    }

    /** Model id → name, for the feeds. */
    @Transactional(readOnly = true)
    public Map<Long, String> names(Collection<Long> ids) {
        return models.findAllById(ids).stream().collect(Collectors.toMap(Model::getId, Model::getName));
    }

    /** Versions of several models at once, for the feeds: model id → version number → version. */
    @Transactional(readOnly = true)
    public Map<Long, Map<Long, ModelVersion>> versions(Collection<Long> modelIds, Collection<Long> numbers) {
        if (modelIds.isEmpty() || numbers.isEmpty()) {
            return Map.of();
        }
        return versions.findByModelIdInAndVersionIn(modelIds, numbers).stream().collect(Collectors.groupingBy(
                ModelVersion::getModelId, Collectors.toMap(ModelVersion::getVersion, v -> v)));
    }

    public List<SignatureInfo> signatures(ModelVersion version) {
        return json.readValue(version.getSignaturesJson(), SIGNATURES);
    }

    /** The training baseline per input feature registered with a version; empty when none was. */
    public Map<String, FeatureBaseline> baselines(ModelVersion version) {
        Map<String, FeatureBaseline> features = metadata(version).features();
        return features == null ? Map.of() : features;
    }

    /** The evaluation metrics registered with a version; empty when none were. */
    public Map<String, Double> metrics(ModelVersion version) {
        Map<String, Double> metrics = metadata(version).metrics();
        return metrics == null ? Map.of() : metrics;
    }

    private TrainingMetadata metadata(ModelVersion version) {
        return json.readValue(version.getMetadataJson(), TrainingMetadata.class);
    }

    private void requireWritable(String name) {
        Model model = transactions.execute(status -> requireModel(name));
        if (model.isArchived()) {
            throw archived(name);
        }
    }

    private VersionView view(String modelName, ModelVersion version) {
        return new VersionView(modelName, version.getVersion(), version.getStatus(), version.getSha256(),
                version.getSizeBytes(), version.getFormat(), VersionView.artifactPath(modelName, version.getVersion()),
                version.getSourceUri(), signatures(version), metadata(version), version.getCreatedBy(),
                version.getCreatedAt());
    }

    private static RegistryException unknownModel(String name) {
        return RegistryException.notFound("model", "model '" + name + "' does not exist");
    }

    private static RegistryException archived(String name) {
        return RegistryException.conflict("model", "model '" + name + "' is archived");
    }
}
