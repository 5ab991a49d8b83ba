package io.verso.registry.deployment;

import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
import io.verso.registry.error.RegistryException;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The deployment endpoints' answers to bad requests, with the real filter chain and problem handler and no
 * database: the bodies, headers and roles checked before {@link DeploymentService} is asked.
 */
@WebMvcTest(DeploymentController.class)
@Import(RegistryWebSlice.class)
class DeploymentWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DeploymentService service;

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(canary(Role.DEPLOYER, "{\"version\": \"two\", \"weight\": 10}"), 400)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body at 'version'")));
        problem(canary(Role.DEPLOYER, "{\"version\": 2, \"weight\": "), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        verifyNoInteractions(service);
    }

    @Test
    void outOfRangeValuesNameTheirField() throws Exception {
        problem(canary(Role.DEPLOYER, "{\"version\": 2, \"weight\": 101}"), 400)
                .andExpect(jsonPath("$.field").value("weight"))
                .andExpect(jsonPath("$.detail").value("weight must be between 0 and 100, but was 101"));
        problem(canary(Role.DEPLOYER, "{\"version\": 0, \"weight\": 5}"), 400)
                .andExpect(jsonPath("$.field").value("version"));
        problem(canary(Role.DEPLOYER, "{\"version\": 2, \"weight\": 5, \"reason\": \"" + "r".repeat(1001) + "\"}"),
                400).andExpect(jsonPath("$.field").value("reason"));
        verifyNoInteractions(service);
    }

    @Test
    void malformedOrOversizedHeadersAreBadRequests() throws Exception {
        problem(mvc.perform(post("/api/v1/models/iris/deployment/promote")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER)).header("If-Match", "yesterday")), 400)
                .andExpect(jsonPath("$.field").value("If-Match"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("but was 'yesterday'")));
        problem(mvc.perform(post("/api/v1/models/iris/deployment/promote")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .header("Idempotency-Key", "k".repeat(201))), 400)
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
        verifyNoInteractions(service);
    }

    @Test
    void anUnknownModelIsNotFound() throws Exception {
        when(service.get("ghost")).thenThrow(RegistryException.notFound("model", "model 'ghost' does not exist"));
        problem(mvc.perform(get("/api/v1/models/ghost/deployment")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER))), 404)
                .andExpect(jsonPath("$.field").value("model"))
                .andExpect(jsonPath("$.detail").value("model 'ghost' does not exist"));
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(mvc.perform(patch("/api/v1/models/iris/deployment/promote")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("POST")));
        verifyNoInteractions(service);
    }

    @Test
    void onlyDeployersMoveTraffic() throws Exception {
        problem(mvc.perform(post("/api/v1/models/iris/deployment/canary").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": 2, \"weight\": 10}")), 401);
        problem(canary(Role.VIEWER, "{\"version\": 2, \"weight\": 10}"), 403);
        problem(canary(Role.POD, "{\"version\": 2, \"weight\": 10}"), 403);
        problem(mvc.perform(post("/api/v1/models/iris/deployment/rollback")
                .header(HttpHeaders.AUTHORIZATION, "Basic YWRtaW46YWRtaW4=")), 401)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Bearer <token>")));
        verifyNoInteractions(service);
    }

    private ResultActions canary(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/models/iris/deployment/canary").header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
