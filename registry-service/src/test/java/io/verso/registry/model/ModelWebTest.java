package io.verso.registry.model;

import static io.verso.registry.security.RegistryWebSlice.bearer;
import static io.verso.registry.security.RegistryWebSlice.problem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.verso.contracts.ModelNames;
import io.verso.registry.security.RegistryWebSlice;
import io.verso.registry.security.Role;
import io.verso.registry.error.RegistryException;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The model and version endpoints' answers to bad requests, with the real filter chain and problem handler and no
 * database: what the controllers and their request records decide before the service is asked.
 */
@WebMvcTest(controllers = {ModelController.class, VersionController.class})
@Import(RegistryWebSlice.class)
class ModelWebTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ModelService service;

    @Test
    void malformedJsonIsABadRequestNamingTheField() throws Exception {
        problem(create("{\"name\": [\"iris\"]}"), 400)
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body at 'name'")));
        problem(create("{\"name\": \"iris\""), 400)
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("malformed JSON request body")));
        verifyNoInteractions(service);
    }

    /** The shared rule, with the registry's wording: what the gateway and the pods accept too. */
    @ParameterizedTest
    @ValueSource(strings = {"has space", ".hidden", "-dash", "modèle", "a/b"})
    void invalidModelNamesAreRefusedWithTheRule(String name) throws Exception {
        problem(create("{\"name\": \"" + name + "\"}"), 400)
                .andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.detail").value("name " + ModelNames.NAME_RULE + ", but was " + name));
        verifyNoInteractions(service);
    }

    @Test
    void nameAndDescriptionLengthsAreBounded() throws Exception {
        problem(create("{\"name\": \"" + "m".repeat(ModelNames.MAX_NAME_LENGTH + 1) + "\"}"), 400)
                .andExpect(jsonPath("$.field").value("name"));
        problem(create("{\"name\": \"iris\", \"description\": \"" + "d".repeat(2001) + "\"}"), 400)
                .andExpect(jsonPath("$.field").value("description"))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith("description must be at most 2000")));
        problem(create("{}"), 400).andExpect(jsonPath("$.field").value("name"))
                .andExpect(jsonPath("$.detail").value("name is required, but was null"));
        verifyNoInteractions(service);
    }

    @Test
    void theLongestValidNameReachesTheService() throws Exception {
        String longest = "m".repeat(ModelNames.MAX_NAME_LENGTH);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        when(service.create(new CreateModelRequest(longest, null, null), "deployer-caller"))
                .thenReturn(new ModelView(longest, null, "deployer-caller", false, 0, now, now, null));
        create("{\"name\": \"" + longest + "\"}").andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/v1/models/" + longest))
                .andExpect(jsonPath("$.name").value(longest));
    }

    @Test
    void anUnknownModelIsNotFound() throws Exception {
        when(service.get("ghost")).thenThrow(RegistryException.notFound("model", "model 'ghost' does not exist"));
        problem(mvc.perform(get("/api/v1/models/ghost").header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER))), 404)
                .andExpect(jsonPath("$.field").value("model"))
                .andExpect(jsonPath("$.detail").value("model 'ghost' does not exist"));
    }

    @Test
    void aVersionThatIsNotANumberIsABadRequest() throws Exception {
        problem(mvc.perform(get("/api/v1/models/iris/versions/latest")
                .header(HttpHeaders.AUTHORIZATION, bearer(Role.VIEWER))), 400)
                .andExpect(jsonPath("$.field").value("version"))
                .andExpect(jsonPath("$.detail").value("version must be a long, but was 'latest'"));
        verifyNoInteractions(service);
    }

    @Test
    void anUnsupportedMethodIsNotAllowed() throws Exception {
        problem(mvc.perform(delete("/api/v1/models/iris").header(HttpHeaders.AUTHORIZATION, bearer(Role.ADMIN))), 405)
                .andExpect(header().string(HttpHeaders.ALLOW, Matchers.containsString("GET")));
        verifyNoInteractions(service);
    }

    @Test
    void callersWithoutATokenOrTheRoleAreRefused() throws Exception {
        problem(mvc.perform(post("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"iris\"}")), 401);
        problem(mvc.perform(get("/api/v1/models/iris").header(HttpHeaders.AUTHORIZATION, "Bearer nobody")), 401)
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("unknown or revoked")));
        problem(create(Role.VIEWER, "{\"name\": \"iris\"}"), 403);
        problem(mvc.perform(post("/api/v1/models/iris/archive").header(HttpHeaders.AUTHORIZATION,
                bearer(Role.DEPLOYER))), 403);
        verifyNoInteractions(service);
    }

    private ResultActions create(String body) throws Exception {
        return create(Role.DEPLOYER, body);
    }

    private ResultActions create(Role role, String body) throws Exception {
        return mvc.perform(post("/api/v1/models").header(HttpHeaders.AUTHORIZATION, bearer(role))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
