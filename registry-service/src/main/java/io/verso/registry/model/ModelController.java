package io.verso.registry.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.registry.web.PageView;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class ModelController {

    private final ModelService service;

    ModelController(ModelService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create a model (deployer)")
    ResponseEntity<ModelView> create(@Valid @RequestBody CreateModelRequest request, Principal caller) {
        ModelView model = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.name())).body(model);
    }

    @GetMapping
    @Operation(summary = "List models by name, paged (viewer)")
    PageView<ModelView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return service.list(page, size);
    }

    @GetMapping("/{model}")
    @Operation(summary = "Get a model (viewer)")
    ModelView get(@PathVariable String model) {
        return service.get(model);
    }

    @PostMapping("/{model}/archive")
    @Operation(summary = "Archive a model: it leaves the feeds and takes no new versions or transitions (admin)")
    ModelView archive(@PathVariable String model, Principal caller) {
        return service.archive(model, caller.getName());
    }
}
