package io.verso.registry.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.artifact.ArchiveFormat;
import io.verso.contracts.TrainingMetadata;
import io.verso.registry.web.PageView;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.core.io.Resource;

@RestController
@RequestMapping("/api/v1/models/{model}/versions")
@Tag(name = "Versions")
class VersionController {

    static final String SHA_HEADER = "X-Content-SHA256";

    private final ModelService service;

    VersionController(ModelService service) {
        this.service = service;
    }

    /** The servlet container spools the part to disk; it is read once, as a stream, into the artifact store. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Register a version by uploading a SavedModel .tar.gz or .zip (deployer)",
            description = "Parts: file (the archive), metadata (optional JSON, content type application/json). "
                    + "Header X-Content-SHA256 (optional): hex SHA-256 the archive must have.")
    ResponseEntity<VersionView> upload(@PathVariable String model, @RequestPart("file") MultipartFile file,
                                       @Valid @RequestPart(name = "metadata", required = false) TrainingMetadata metadata,
                                       @RequestHeader(name = SHA_HEADER, required = false) String sha256,
                                       Principal caller) throws IOException {
        try (InputStream content = file.getInputStream()) {
            return created(service.registerUpload(model, content, sha256, metadata, caller.getName()));
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a version by URI: the registry fetches, checks and stores it (deployer)")
    ResponseEntity<VersionView> register(@PathVariable String model, @Valid @RequestBody UriRegistration registration,
                                         Principal caller) {
        return created(service.registerUri(model, registration, caller.getName()));
    }

    @GetMapping
    @Operation(summary = "List versions, newest first (viewer)")
    PageView<VersionView> list(@PathVariable String model, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "20") int size) {
        return service.listVersions(model, page, size);
    }

    @GetMapping("/{version}")
    @Operation(summary = "Get a version with its signatures and metadata (viewer)")
    VersionView get(@PathVariable String model, @PathVariable long version) {
        return service.getVersion(model, version);
    }

    @PostMapping("/{version}/archive")
    @Operation(summary = "Archive a version no deployment uses (admin)")
    VersionView archive(@PathVariable String model, @PathVariable long version, Principal caller) {
        return service.archiveVersion(model, version, caller.getName());
    }

    /**
     * Spring MVC answers {@code If-None-Match} with 304 and {@code Range} with 206 for a {@link Resource} body; the
     * ETag is the SHA-256, so a pod that holds the bytes never downloads them again.
     */
    @GetMapping("/{version}/artifact")
    @Operation(summary = "Download the archive (viewer or machine); ETag is its SHA-256, supports Range")
    ResponseEntity<Resource> artifact(@PathVariable String model, @PathVariable long version) {
        ArtifactDownload download = service.artifact(model, version);
        return ResponseEntity.ok()
                .eTag(download.sha256())
                .header(SHA_HEADER, download.sha256())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .contentType(MediaType.parseMediaType(ArchiveFormat.valueOf(download.format()).mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(download.fileName()).build().toString())
                .body(download.resource());
    }

    private static ResponseEntity<VersionView> created(VersionView version) {
        return ResponseEntity.created(URI.create("/api/v1/models/" + version.model() + "/versions/"
                + version.version())).body(version);
    }
}
