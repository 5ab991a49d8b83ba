package io.verso.registry.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    private final WebhookService service;

    WebhookController(WebhookService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Register a webhook; the answer is the only one that shows its secret (admin)")
    ResponseEntity<CreatedWebhook> create(@Valid @RequestBody WebhookRequest request, Principal caller) {
        CreatedWebhook created = service.create(request, caller.getName());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "List webhooks, without their secrets (admin)")
    List<WebhookView> list() {
        return service.list();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a webhook and its delivery log (admin)")
    ResponseEntity<Void> delete(@PathVariable long id, Principal caller) {
        service.delete(id, caller.getName());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The webhook's delivery log, newest first: status, attempts, last HTTP status or error, "
            + "next attempt (admin)")
    List<DeliveryView> deliveries(@PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        return service.deliveries(id, limit);
    }
}
