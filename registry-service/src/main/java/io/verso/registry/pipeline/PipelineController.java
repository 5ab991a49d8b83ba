package io.verso.registry.pipeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{model}")
@Tag(name = "Continuous training")
class PipelineController {

    private final PipelineService service;

    PipelineController(PipelineService service) {
        this.service = service;
    }

    @PutMapping("/pipeline-policy")
    @Operation(summary = "Set the gates a registered version must pass and whether passing starts a canary (deployer)")
    PolicyView put(@PathVariable String model, @Valid @RequestBody PolicyRequest request, Principal caller) {
        return service.put(model, request, caller.getName());
    }

    @GetMapping("/pipeline-policy")
    @Operation(summary = "Get the model's pipeline policy (viewer or publisher)")
    PolicyView get(@PathVariable String model) {
        return service.get(model);
    }

    @GetMapping("/versions/{version}/gates")
    @Operation(summary = "The gates' verdict on a version, with the reason of every failed gate (viewer or publisher)")
    GateEvaluationView gates(@PathVariable String model, @PathVariable long version) {
        return service.gates(model, version);
    }
}
