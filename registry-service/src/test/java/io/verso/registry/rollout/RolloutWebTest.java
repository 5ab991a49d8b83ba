package io.verso.registry.rollout;

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
 * The rollout endpoints' answers to bad requests, with the real filter chain and problem handler and no database.
 * The plan (version, steps, intervals, thresholds) is checked inside {@link RolloutService} by {@link RolloutPlan}
 * ({@code RolloutPlanTest} covers that); what is decided before the service is asked is here: the JSON, the
 * reason's length, the methods and the roles.
 */
@WebMvcTest(RolloutController.class)
@Import(RegistryWebSlice.class)
class RolloutWebTest {

    private static final String ROLLOUT = "/api/v1/models/iris/deployment/rollout";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RolloutService service;

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(start(Role.DEPLOYER, "{\"version\": \"two\"}"), 400)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body at 'version'")));
        problem(start(Role.DEPLOYER, "{\"version\": 2, \"steps\": [10, \"half\"]}"), 400)
                .andExpect(jsonPath("$.field").value("steps[1]"));
        problem(start(Role.DEPLOYER, "{\"version\": 2, \"thresholds\": {\"significance\": \"high\"}}"), 400)
                .andExpect(jsonPath("$.field").value("thresholds.significance"));
        problem(start(Role.DEPLOYER, "{\"version\": 2, \"steps\": [10"), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        problem(mvc.perform(post(ROLLOUT + "/pause").header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\": [\"why\"]}")), 400)
                .andExpect(jsonPath("$.field").value("reason"));
        verifyNoInteractions(service);
    }

    @Test
    void aReasonOverAThousandCharactersIsRefusedOnEveryAction() throws Exception {
        String tooLong = "{\"reason\": \"" + "r".repeat(1001) + "\"}";
        for (String action : new String[] {"pause", "resume", "abort"}) {
            problem(action(action, tooLong), 400)
                    .andExpect(jsonPath("$.field").value("reason"))
                    .andExpect(jsonPath("$.detail").value("reason must be at most 1000 characters"));
        }
        verifyNoInteractions(service);
    }

    @Test
    void theLongestReasonAndNoBodyAtAllReachTheService() throws Exception {
        String longest = "r".repeat(1000);
        action("pause", "{\"reason\": \"" + longest + "\"}").andExpect(status().isOk());
        verify(service).pause("iris", "deployer-caller", longest);
        mvc.perform(post(ROLLOUT + "/abort").header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER)))
                .andExpect(status().isOk());
        verify(service).abort("iris", "deployer-caller", null);
    }

    @Test
    void aModelWithoutARolloutIsNotFound() throws Exception {
        when(service.get("ghost")).thenThrow(RegistryException.notFound("model", "model 'ghost' has no rollout"));
        problem(mvc.perform(get("/api/v1/models/ghost/deployment/rollout")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER))), 404)
                .andExpect(jsonPath("$.field").value("model"))
                .andExpect(jsonPath("$.detail").value("model 'ghost' has no rollout"));
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(mvc.perform(put(ROLLOUT).header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW,
                        Matchers.allOf(Matchers.containsString("GET"), Matchers.containsString("POST"))));
        problem(mvc.perform(delete(ROLLOUT + "/pause").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("POST")));
        verifyNoInteractions(service);
    }

    @Test
    void onlyDeployersStartAndStopRollouts() throws Exception {
        problem(mvc.perform(post(ROLLOUT).contentType(MediaType.APPLICATION_JSON).content("{\"version\": 2}")), 401);
        for (Role notADeployer : new Role[] {Role.VIEWER, Role.POD, Role.PUBLISHER}) {
            problem(start(notADeployer, "{\"version\": 2}"), 403);
        }
        problem(mvc.perform(post(ROLLOUT + "/abort").header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER))), 403);
        problem(mvc.perform(get(ROLLOUT).header(HttpHeaders.AUTHORIZATION, bearer(Role.GATEWAY))), 403);
        verifyNoInteractions(service);
    }

    private ResultActions start(Role role, String body) throws Exception {
        return mvc.perform(post(ROLLOUT).header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions action(String action, String body) throws Exception {
        return mvc.perform(post(ROLLOUT + "/" + action).header(HttpHeaders.AUTHORIZATION, bearer(Role.DEPLOYER))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
