package io.verso.registry.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.registry.security.TokenRequests.CreateToken;
import io.verso.registry.security.TokenRequests.CreatedToken;
import io.verso.registry.security.TokenRequests.SelfView;
import io.verso.registry.security.TokenRequests.TokenView;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Tokens")
class TokenController {

    private final TokenService service;

    TokenController(TokenService service) {
        this.service = service;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a token; the answer is the only place its secret appears (admin)")
    CreatedToken create(@Valid @RequestBody CreateToken request, Principal caller) {
        return service.create(request, caller.getName());
    }

    @GetMapping
    @Operation(summary = "Every token, live or not, with its role, scope and binding; never a secret (admin)")
    List<TokenView> list() {
        return service.list();
    }

    @GetMapping("/self")
    @Operation(summary = "The caller's own token: role, models, feedback scope, expiry (any token)")
    SelfView self(Authentication caller) {
        return service.self((TokenPrincipal) caller.getPrincipal());
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token (admin)")
    void revoke(@PathVariable String name, Principal caller) {
        service.revoke(name, caller.getName());
    }
}
