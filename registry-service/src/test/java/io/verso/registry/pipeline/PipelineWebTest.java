package io.verso.registry.pipeline;

import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.verso.registry.error.RegistryException;
import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
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
 * The pipeline policy and gate endpoints' answers to bad requests, with the real filter chain and problem handler
 * and no database: the policy's constraints ({@link PolicyRequest}), the JSON, the methods and the roles, all
 * decided before {@link PipelineService} is asked.
 */
@WebMvcTest(PipelineController.class)
@Import(RegistryWebSlice.class)
class PipelineWebTest {

    private static final String POLICY = "/api/v1/models/iris/pipeline-policy";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PipelineService service;

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": \"sometimes\"}"), 400)
                .andExpect(jsonPath("$.field").value("autoRollout"))
                .andExpect(jsonPath("$.detail").value(
                        Matchers.startsWith("malformed JSON request body at 'autoRollout'")));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"canaryWeight\": \"ten\"}"), 400)
                .andExpect(jsonPath("$.field").value("canaryWeight"));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true"), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        verifyNoInteractions(service);
    }

    @Test
    void missingAndOutOfRangeValuesNameTheirField() throws Exception {
        problem(putPolicy(Role.DEPLOYER, "{}"), 400)
                .andExpect(jsonPath("$.field").value("autoRollout"))
                .andExpect(jsonPath("$.detail").value("autoRollout is required, but was null"));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"canaryWeight\": 101}"), 400)
                .andExpect(jsonPath("$.field").value("canaryWeight"))
                .andExpect(jsonPath("$.detail").value("canaryWeight must be between 1 and 100, but was 101"));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"maxAccuracyDrop\": -0.1}"), 400)
                .andExpect(jsonPath("$.field").value("maxAccuracyDrop"));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"servingSignature\": \"serving default\"}"), 400)
                .andExpect(jsonPath("$.field").value("servingSignature"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("a signature key")));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"accuracyMetric\": \"\", \"canaryWeight\": 0}"),
                400).andExpect(jsonPath("$.errors.length()").value(2));
        verifyNoInteractions(service);
    }

    @Test
    void oversizedNamesAreRefused() throws Exception {
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"accuracyMetric\": \"" + "a".repeat(201) + "\"}"),
                400).andExpect(jsonPath("$.field").value("accuracyMetric"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("accuracyMetric must hold 1 to 200")));
        problem(putPolicy(Role.DEPLOYER, "{\"autoRollout\": true, \"servingSignature\": \"" + "s".repeat(201)
                + "\"}"), 400).andExpect(jsonPath("$.field").value("servingSignature"));
        verifyNoInteractions(service);
    }

    @Test
    void theWidestValidPolicyReachesTheService() throws Exception {
        String metric = "a".repeat(200);
        String body = "{\"autoRollout\": true, \"accuracyMetric\": \"" + metric + "\", \"maxAccuracyDrop\": 0, "
                + "\"servingSignature\": \"" + "s".repeat(200) + "\", \"canaryWeight\": 100}";
        putPolicy(Role.DEPLOYER, body).andExpect(status().isOk());
        verify(service).put("iris", new PolicyRequest(true, metric, 0.0, null, "s".repeat(200), 100),
                "deployer-caller");
    }

    @Test
    void aVersionThatIsNotANumberIsABadRequestAndAnUnknownOneNotFound() throws Exception {
        problem(read(Role.VIEWER, "/api/v1/models/iris/versions/latest/gates"), 400)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value("version must be a long, but was 'latest'"));
        verifyNoInteractions(service);
        when(service.gates("iris", 9)).thenThrow(RegistryException.notFound("version", "iris has no version 9"));
        problem(read(Role.PUBLISHER, "/api/v1/models/iris/versions/9/gates"), 404)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value("iris has no version 9"));
        when(service.get("ghost")).thenThrow(RegistryException.notFound("model", "model 'ghost' does not exist"));
        problem(read(Role.VIEWER, "/api/v1/models/ghost/pipeline-policy"), 404)
                .andExpect(jsonPath("$.field").value("model"));
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(mvc.perform(post(POLICY).header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .contentType(MediaType.APPLICATION_JSON).content("{\"autoRollout\": true}")), 405)
                .andExpect(header().string(HttpHeaders.ALLOW,
                        Matchers.allOf(Matchers.containsString("GET"), Matchers.containsString("PUT"))));
        problem(mvc.perform(delete("/api/v1/models/iris/versions/2/gates")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("GET")));
        verifyNoInteractions(service);
    }

    /** A publisher reads gates and policies but cannot loosen the gates its own versions must pass. */
    @Test
    void onlyDeployersSetThePolicy() throws Exception {
        problem(mvc.perform(put(POLICY).contentType(MediaType.APPLICATION_JSON).content("{\"autoRollout\": true}")),
                401);
        for (Role notADeployer : new Role[] {Role.VIEWER, Role.PUBLISHER, Role.POD}) {
            problem(putPolicy(notADeployer, "{\"autoRollout\": true}"), 403);
        }
        problem(read(Role.POD, POLICY), 403);
        problem(read(Role.GATEWAY, "/api/v1/models/iris/versions/2/gates"), 403);
        verifyNoInteractions(service);
    }

    private ResultActions putPolicy(Role role, String body) throws Exception {
        return mvc.perform(put(POLICY).header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions read(Role role, String path) throws Exception {
        return mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, bearer(role)));
    }
}
