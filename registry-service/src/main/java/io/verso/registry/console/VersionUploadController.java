package io.verso.registry.console;

import io.verso.registry.error.RegistryException;
import io.verso.registry.model.ModelService;
import io.verso.registry.model.VersionView;
import io.verso.registry.web.ErrorStatus;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload of a new version from the model page: the page's script sends the archive with XMLHttpRequest (for its
 * progress events) and this registers it exactly as {@code POST /api/v1/models/{model}/versions} does, streamed
 * into the artifact store and checked. Answers JSON the script shows: the new version, or the problem.
 */
@Controller
class VersionUploadController {

    private final ModelService models;

    VersionUploadController(ModelService models) {
        this.models = models;
    }

    @PostMapping("/console/models/{name}/versions")
    ResponseEntity<Map<String, Object>> upload(@PathVariable String name,
                                               @RequestPart(name = "file", required = false) MultipartFile file,
                                               Principal caller) throws IOException {
        if (file == null || file.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("message", "Choose a SavedModel archive (.tar.gz or "
                    + ".zip) to upload."));
        }
        try (InputStream content = file.getInputStream()) {
            VersionView version = models.registerUpload(name, content, null, null, caller.getName());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("version", version.version(),
                    "message", "Version " + version.version() + " registered (" + version.status() + ")."));
        } catch (RegistryException e) {
            return ResponseEntity.status(ErrorStatus.of(e.kind())).body(Map.of("message", e.getMessage()));
        }
    }
}
